import { createController, followSettings, recheckAfterWake, WAKE_SETTLE_MS } from '@src/main/controller';
import type { LoginItemPort } from '@src/main/settings/login-item';
import { defaultSettings, type StoredSettings } from '@src/main/settings/settings';
import { SettingsService } from '@src/main/settings/settings-service';
import { createAppStore } from '@src/main/state/store';
import { INVOKE_CHANNELS } from '@src/shared/ipc-channels';
import { describe, expect, it, vi } from 'vitest';
import { recordingLogger, seedDiagnosis, update } from './fixtures';

function setup() {
  let stored: StoredSettings = defaultSettings();
  const loginItem: LoginItemPort = {
    setLoginItemSettings: () => {},
    getLoginItemSettings: () => ({ openAtLogin: false, status: 'not-registered' }),
  };
  const settings = new SettingsService(
    {
      load: () => stored,
      save: (next) => {
        stored = next;
      },
    },
    loginItem,
    'darwin',
  );
  const store = createAppStore(settings.forRenderer());
  const monitor = {
    recheck: vi.fn(async () => update(seedDiagnosis())),
    reconfigure: vi.fn(async () => null),
  };
  const fixFlow = { fix: vi.fn(), undoFix: vi.fn() };
  const writeClipboard = vi.fn(async (_text: string) => {});
  const log = recordingLogger();
  const controller = createController({
    store,
    settings,
    monitor,
    fixFlow,
    writeClipboard,
    generator: 'Bridgelight test',
    log,
  });
  followSettings({ store, settings, monitor, log });
  return { controller, store, monitor, writeClipboard, settings, fixFlow, log };
}

describe('recheckAfterWake', () => {
  it('waits for DHCP to settle after a wake, and checks once for several wakes', () => {
    const recheckQuietly = vi.fn();
    const scheduled: { run: () => void; ms: number; cancelled: boolean }[] = [];
    const onResume = recheckAfterWake({ recheckQuietly }, (run, ms) => {
      const entry = { run, ms, cancelled: false };
      scheduled.push(entry);
      return { cancel: () => (entry.cancelled = true) };
    });
    onResume();
    onResume();
    expect(recheckQuietly).not.toHaveBeenCalled();
    expect(scheduled.map((entry) => [entry.ms, entry.cancelled])).toEqual([
      [WAKE_SETTLE_MS, true],
      [WAKE_SETTLE_MS, false],
    ]);
    expect(WAKE_SETTLE_MS).toBeGreaterThanOrEqual(3_000);
    scheduled[1]!.run();
    expect(recheckQuietly).toHaveBeenCalledExactlyOnceWith('wake');
  });
});

describe('createController', () => {
  it('answers every call of the shared channel map', () => {
    const { controller } = setup();
    for (const name of Object.keys(INVOKE_CHANNELS)) expect(controller).toHaveProperty(name, expect.any(Function));
  });

  it('copies the current diagnosis as Markdown', async () => {
    const { controller, store, writeClipboard } = setup();
    store.setState({ diagnosis: seedDiagnosis(), checkedAt: '2025-01-01T10:00:00.000Z' });
    await controller.copyDiagnostics();
    const [text] = writeClipboard.mock.calls[0]!;
    expect(text).toContain('sudo ifconfig en0 delete 172.2.9.61');
    expect(text).toContain('Bridgelight test');
  });

  it('has nothing to copy before the first check', async () => {
    const { controller, writeClipboard } = setup();
    await expect(controller.copyDiagnostics()).rejects.toThrow(/No check has finished/);
    expect(writeClipboard).not.toHaveBeenCalled();
  });

  it('waits for the clipboard, and reports a write that fails (Electron 44+: writeText is a Promise)', async () => {
    const { controller, store, writeClipboard } = setup();
    store.setState({ diagnosis: seedDiagnosis(), checkedAt: '2025-01-01T10:00:00.000Z' });
    writeClipboard.mockRejectedValueOnce(new Error('pasteboard unavailable'));
    await expect(controller.copyDiagnostics()).rejects.toThrow('pasteboard unavailable');
  });

  it('re-checks as the user asked, and reports a failure to the caller', async () => {
    const { controller, monitor } = setup();
    await controller.recheck();
    expect(monitor.recheck).toHaveBeenCalledWith('user');
    monitor.recheck.mockRejectedValueOnce(new Error('boom'));
    await expect(controller.recheck()).rejects.toThrow('boom');
  });

  it('logs, rather than throws, a quiet re-check that fails', async () => {
    const { controller, monitor, log } = setup();
    monitor.recheck.mockRejectedValueOnce(new Error('boom'));
    controller.recheckQuietly('wake');
    await vi.waitFor(() => expect(log.lines.join()).toMatch(/re-check \(wake\) failed/));
  });

  it('passes only finding ids on to the fix flow', async () => {
    const { controller, fixFlow } = setup();
    await controller.fix('nat-source-stale');
    await controller.undoFix('nat-source-stale');
    expect(fixFlow.fix).toHaveBeenCalledWith('nat-source-stale');
    expect(fixFlow.undoFix).toHaveBeenCalledWith('nat-source-stale');
  });
});

describe('mute and unmute', () => {
  it('save the mute, answer with the settings, and re-mark the shown diagnosis at once', () => {
    const { controller, store, settings } = setup();
    store.setState({ diagnosis: seedDiagnosis() });
    const answered = controller.muteFinding('nat-source-stale', null);
    expect(answered.mutedFindings).toEqual([{ id: 'nat-source-stale', vm: null }]);
    expect(settings.get().mutedFindings).toEqual([{ id: 'nat-source-stale', vm: null }]);
    expect(store.getState().settings.mutedFindings).toEqual([{ id: 'nat-source-stale', vm: null }]);
    const marked = () =>
      store
        .getState()
        .diagnosis?.findings.filter((f) => f.muted)
        .map((f) => f.id);
    expect(marked()).toEqual(['nat-source-stale']);
    controller.muteFinding('vm-dns-failure', 'lima/default');
    expect(controller.unmuteFinding('nat-source-stale', null).mutedFindings).toEqual([
      { id: 'vm-dns-failure', vm: 'lima/default' },
    ]);
    expect(marked()).toEqual([]);
  });

  it('do not rebuild the monitor', () => {
    const { controller, monitor } = setup();
    controller.muteFinding('nat-source-stale', null);
    expect(monitor.reconfigure).not.toHaveBeenCalled();
  });
});

describe('followSettings', () => {
  it('puts new settings into the state and rebuilds the monitor for a new profile', () => {
    const { controller, store, monitor } = setup();
    const returned = controller.updateSettings({ minikubeProfile: 'dev' });
    expect(returned.minikubeProfile).toBe('dev');
    expect(store.getState().settings.minikubeProfile).toBe('dev');
    expect(monitor.reconfigure).toHaveBeenCalledWith(expect.objectContaining({ minikubeProfile: 'dev' }));
  });

  it('rebuilds the monitor for new probe targets', () => {
    const { controller, monitor } = setup();
    controller.updateSettings({ probeTargets: ['9.9.9.9:443'] });
    expect(monitor.reconfigure).toHaveBeenCalledTimes(1);
  });

  it('leaves the monitor alone for settings it does not use', () => {
    const { controller, store, monitor } = setup();
    controller.ignoreAddress('172.2.9.61');
    controller.updateSettings({ launchAtLogin: false });
    expect(store.getState().settings.ignoredAddresses).toEqual(['172.2.9.61']);
    expect(monitor.reconfigure).not.toHaveBeenCalled();
  });
});
