// What the popover (over IPC) and the tray menu can ask for, in one place, over the app's services. Both
// surfaces call the same functions, so "Re-check" or "Copy diagnostics" cannot behave differently in each.
import type { AppState, FixResult, Settings, SettingsPatch } from '../shared/app-api';
import type { FindingId } from '../shared/finding-ids';
import type { IpcHandlers } from './ipc/registry';
import type { Logger } from './logger';
import type { MonitorHost } from './monitor/monitor-host';
import { diagnosisMarkdown } from './report/markdown';
import type { SettingsService } from './settings/settings-service';
import type { AppStore } from './state/store';

export interface ControllerDeps {
  store: AppStore;
  settings: SettingsService;
  monitor: Pick<MonitorHost, 'recheck' | 'reconfigure'>;
  fixFlow: { fix(id: FindingId): Promise<FixResult>; undoFix(id: FindingId): Promise<FixResult> };
  writeClipboard(text: string): void;
  /** `Bridgelight 0.1.0 on darwin 23.5.0`: goes into the copied report. */
  generator: string;
  log: Logger;
}

export type Controller = ReturnType<typeof createController>;

export function createController(deps: ControllerDeps) {
  const { store, settings, monitor } = deps;
  return {
    getState: (): AppState => store.getState(),
    async recheck() {
      await monitor.recheck('user');
    },
    /** For the tray and notifications: never rejects (failures are logged and shown in the state). */
    recheckQuietly(reason: string): void {
      monitor.recheck(reason).catch((error: unknown) => deps.log.warn(`re-check (${reason}) failed`, error));
    },
    fix: (findingId: FindingId) => deps.fixFlow.fix(findingId),
    undoFix: (findingId: FindingId) => deps.fixFlow.undoFix(findingId),
    getSettings: (): Settings => settings.forRenderer(),
    updateSettings(patch: SettingsPatch): Settings {
      settings.update(patch);
      return settings.forRenderer();
    },
    ignoreAddress(address: string): Settings {
      settings.ignoreAddress(address);
      return settings.forRenderer();
    },
    copyDiagnostics(): void {
      const { diagnosis, checkedAt } = store.getState();
      if (!diagnosis) throw new Error('No check has finished yet: nothing to copy.');
      deps.writeClipboard(diagnosisMarkdown(diagnosis, { checkedAt, generator: deps.generator }));
    },
  } satisfies IpcHandlers & { recheckQuietly(reason: string): void };
}

/**
 * Settings changes reach everything that depends on them: the state the popover shows, and the monitor,
 * which is rebuilt when the profile or the probe targets change.
 */
export function followSettings(deps: Pick<ControllerDeps, 'store' | 'settings' | 'monitor' | 'log'>): () => void {
  return deps.settings.subscribe((next, previous) => {
    deps.store.setState({ settings: deps.settings.forRenderer() });
    if (next.minikubeProfile === previous.minikubeProfile && next.probeTargets.join() === previous.probeTargets.join())
      return;
    deps.monitor.reconfigure(next).catch((error: unknown) => deps.log.warn('monitor restart failed', error));
  });
}
