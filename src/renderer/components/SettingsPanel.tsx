import type { Settings } from '../../shared/app-api';
import { HiddenVms } from './HiddenVms';
import { IgnoredAddresses } from './IgnoredAddresses';
import { LaunchAtLogin } from './LaunchAtLogin';
import { MinikubeProfile } from './MinikubeProfile';
import { ProbeTargets } from './ProbeTargets';

export function SettingsPanel({ settings }: { settings: Settings }) {
  return (
    <section className="section settings" aria-labelledby="settings-heading">
      <h2 className="section-heading" id="settings-heading">
        Settings
      </h2>
      <LaunchAtLogin settings={settings} />
      <ProbeTargets settings={settings} />
      <MinikubeProfile settings={settings} />
      <IgnoredAddresses settings={settings} />
      <HiddenVms settings={settings} />
    </section>
  );
}
