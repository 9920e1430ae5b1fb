// What the popover (over IPC) and the tray menu can ask for, in one place, over the app's services. Both
// surfaces call the same functions, so "Re-check" or "Copy diagnostics" cannot behave differently in each.
import type { AppState, FixResult, Settings, SettingsPatch } from '../shared/app-api';
import type { FindingId } from '../shared/finding-ids';
import { applyMutes } from '../shared/mute';
import type { VmRef } from '../shared/vm';
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
  /** Electron 44+'s `clipboard.writeText` settles when the text is on the pasteboard. */
  writeClipboard(text: string): Promise<void>;
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
    muteFinding(id: FindingId, vm: VmRef | null): Settings {
      settings.mute({ id, vm });
      return settings.forRenderer();
    },
    unmuteFinding(id: FindingId, vm: VmRef | null): Settings {
      settings.unmute({ id, vm });
      return settings.forRenderer();
    },
    async copyDiagnostics() {
      const { diagnosis, checkedAt } = store.getState();
      if (!diagnosis) throw new Error('No check has finished yet: nothing to copy.');
      await deps.writeClipboard(diagnosisMarkdown(diagnosis, { checkedAt, generator: deps.generator }));
    },
  } satisfies IpcHandlers & { recheckQuietly(reason: string): void };
}

/** After a wake the Mac renews its DHCP lease: a check at once would see the network mid-change. */
export const WAKE_SETTLE_MS = 5_000;

/** The `resume` handler: one re-check once the network has settled, however many wakes came in between. */
export function recheckAfterWake(
  controller: Pick<Controller, 'recheckQuietly'>,
  schedule: (run: () => void, ms: number) => { cancel(): void } = (run, ms) => {
    const timer = setTimeout(run, ms);
    return { cancel: () => clearTimeout(timer) };
  },
): () => void {
  let pending: { cancel(): void } | null = null;
  return () => {
    pending?.cancel();
    pending = schedule(() => {
      pending = null;
      controller.recheckQuietly('wake');
    }, WAKE_SETTLE_MS);
  };
}

/**
 * Settings changes reach everything that depends on them: the state the popover shows, and the monitor,
 * which is rebuilt when the profile or the probe targets change.
 */
export function followSettings(deps: Pick<ControllerDeps, 'store' | 'settings' | 'monitor' | 'log'>): () => void {
  return deps.settings.subscribe((next, previous) => {
    const { diagnosis } = deps.store.getState();
    const remarked = diagnosis && next.mutedFindings !== previous.mutedFindings;
    deps.store.setState({
      settings: deps.settings.forRenderer(),
      // A mute or unmute shows at once, without waiting for the next check.
      ...(remarked ? { diagnosis: applyMutes(diagnosis, next.mutedFindings) } : {}),
    });
    if (next.minikubeProfile === previous.minikubeProfile && next.probeTargets.join() === previous.probeTargets.join())
      return;
    deps.monitor.reconfigure(next).catch((error: unknown) => deps.log.warn('monitor restart failed', error));
  });
}
