import { MonitorHost } from '@src/main/monitor/monitor-host';
import { defaultSettings } from '@src/main/settings/settings';
import { bindMonitor, createAppStore, type MonitorLike } from '@src/main/state/store';
import { syncStateTo } from '@src/main/state/sync';
import type { EventSourceStatus } from '@src/node/event-supervisor';
import type { MonitorUpdate } from '@src/node/monitor';
import type { Settings } from '@src/shared/app-api';
import { describe, expect, it, vi } from 'vitest';
import { deferred, fixedDiagnosis, recordingLogger, seedDiagnosis, update } from '../fixtures';

const SETTINGS: Settings = { ...defaultSettings(), launchAtLoginStatus: 'disabled' };

interface FakeMonitor extends MonitorLike {
  emit(update: MonitorUpdate): void;
  emitSource(status: EventSourceStatus): void;
  /** Like the real Monitor: publish the update, then resolve the call that asked for it. */
  finish(index: number, update: MonitorUpdate): void;
  pending: { kind: 'start' | 'recheck'; done: ReturnType<typeof deferred<MonitorUpdate>> }[];
  stopped: boolean;
}

function fakeMonitor(): FakeMonitor {
  const listeners = new Set<(update: MonitorUpdate) => void>();
  const sourceListeners = new Set<(status: EventSourceStatus) => void>();
  const monitor: FakeMonitor = {
    pending: [],
    stopped: false,
    emit: (u) => {
      for (const listener of listeners) listener(u);
    },
    finish(index, u) {
      monitor.emit(u);
      monitor.pending[index]!.done.resolve(u);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emitSource: (status) => {
      for (const listener of sourceListeners) listener(status);
    },
    subscribeEventSource(listener) {
      sourceListeners.add(listener);
      return () => sourceListeners.delete(listener);
    },
    start() {
      const done = deferred<MonitorUpdate>();
      monitor.pending.push({ kind: 'start', done });
      return done.promise;
    },
    recheck() {
      const done = deferred<MonitorUpdate>();
      monitor.pending.push({ kind: 'recheck', done });
      return done.promise;
    },
    onEvent: vi.fn(),
    stop() {
      monitor.stopped = true;
    },
  };
  return monitor;
}

describe('bindMonitor', () => {
  it('puts every update into the store', () => {
    const store = createAppStore(SETTINGS);
    const monitor = fakeMonitor();
    bindMonitor(store, monitor);
    monitor.emit(update(seedDiagnosis(), '2025-01-01T10:00:00.000Z'));
    expect(store.getState()).toMatchObject({ checkedAt: '2025-01-01T10:00:00.000Z', diagnosis: { verdict: 'red' } });
  });

  it('marks the muted findings of every update, with the mutes of that moment', () => {
    const store = createAppStore({ ...SETTINGS, mutedFindings: [{ id: 'nat-source-stale', vm: null }] });
    const monitor = fakeMonitor();
    bindMonitor(store, monitor);
    monitor.emit(update(seedDiagnosis()));
    const muted = () =>
      store
        .getState()
        .diagnosis?.findings.filter((f) => f.muted)
        .map((f) => f.id);
    expect(muted()).toEqual(['nat-source-stale']);
    store.setState({ settings: { ...SETTINGS, mutedFindings: [] } });
    monitor.emit(update(seedDiagnosis()));
    expect(muted()).toEqual([]);
  });

  it('shows checking while a re-check runs, and only until the last of overlapping ones ends', async () => {
    const store = createAppStore(SETTINGS);
    const monitor = fakeMonitor();
    const binding = bindMonitor(store, monitor);
    expect(store.getState().checking).toBe(false);
    const first = binding.recheck('user');
    const second = binding.recheck('wake');
    expect(store.getState().checking).toBe(true);
    monitor.pending[0]!.done.resolve(update(seedDiagnosis()));
    await first;
    expect(store.getState().checking).toBe(true);
    monitor.pending[1]!.done.resolve(update(seedDiagnosis()));
    await second;
    expect(store.getState().checking).toBe(false);
  });

  it('clears checking when a re-check fails', async () => {
    const store = createAppStore(SETTINGS);
    const monitor = fakeMonitor();
    const binding = bindMonitor(store, monitor);
    const started = binding.start();
    monitor.pending[0]!.done.reject(new Error('no tools'));
    await expect(started).rejects.toThrow('no tools');
    expect(store.getState().checking).toBe(false);
  });

  it('ignores a monitor once disposed', () => {
    const store = createAppStore(SETTINGS);
    const monitor = fakeMonitor();
    bindMonitor(store, monitor).dispose();
    monitor.emit(update(seedDiagnosis()));
    monitor.emitSource({ state: 'down', why: 'ip exited (1)', failures: 1, retryInMs: 1_000 });
    expect(store.getState().diagnosis).toBeNull();
    expect(store.getState().eventSourceProblem).toBeNull();
  });

  it('holds why changes are not heard while the event stream is down or unproven, and clears it once trusted', () => {
    const store = createAppStore(SETTINGS);
    const monitor = fakeMonitor();
    bindMonitor(store, monitor);
    monitor.emitSource({ state: 'down', why: 'ip -o monitor address route exited (1)', failures: 1, retryInMs: 1_000 });
    expect(store.getState().eventSourceProblem).toContain('ip -o monitor address route exited (1)');
    monitor.emitSource({ state: 'retrying', why: 'ip -o monitor address route exited (1)', failures: 1 });
    expect(store.getState().eventSourceProblem).toContain('restarting');
    monitor.emitSource({ state: 'listening' });
    expect(store.getState().eventSourceProblem).toBeNull();
  });

  it("does not carry a replaced monitor's stream problem over to the new one", () => {
    const store = createAppStore(SETTINGS);
    const old = fakeMonitor();
    bindMonitor(store, old).dispose();
    old.emitSource({ state: 'down', why: 'killed', failures: 1, retryInMs: 1_000 });
    store.setState({ eventSourceProblem: 'from the old monitor' });
    bindMonitor(store, fakeMonitor());
    expect(store.getState().eventSourceProblem).toBeNull();
  });
});

describe('syncStateTo', () => {
  it('pushes the whole state on one channel after every change', () => {
    const store = createAppStore(SETTINGS);
    const send = vi.fn();
    syncStateTo(store, () => ({ isDestroyed: () => false, send }));
    store.setState({ checking: true });
    store.setState({ diagnosis: seedDiagnosis(), checkedAt: '2025-01-01T10:00:00.000Z', checking: false });
    expect(send).toHaveBeenCalledTimes(2);
    expect(new Set(send.mock.calls.map((call) => call[0]))).toEqual(new Set(['bridgelight:state']));
    const last = send.mock.calls[1]![1];
    expect(last).toEqual(store.getState());
    expect(Object.keys(last).sort()).toEqual(
      [
        'checkedAt',
        'checking',
        'diagnosis',
        'fix',
        'focusFindingId',
        'notificationProblem',
        'eventSourceProblem',
        'settings',
        'updateReady',
      ].sort(),
    );
    // Plain data: it survives the structured clone IPC does.
    expect(structuredClone(last)).toEqual(last);
  });

  it('does not send to a destroyed or missing window', () => {
    const store = createAppStore(SETTINGS);
    const send = vi.fn();
    let target: { isDestroyed(): boolean; send: typeof send } | null = { isDestroyed: () => true, send };
    syncStateTo(store, () => target);
    store.setState({ checking: true });
    target = null;
    store.setState({ checking: false });
    expect(send).not.toHaveBeenCalled();
  });
});

describe('MonitorHost', () => {
  it('rebuilds the monitor when the profile or probe targets change, and not otherwise', async () => {
    const store = createAppStore(SETTINGS);
    const made: { config: unknown; monitor: FakeMonitor }[] = [];
    const host = new MonitorHost(
      (config) => {
        const monitor = fakeMonitor();
        made.push({ config, monitor });
        return monitor;
      },
      store,
      recordingLogger(),
    );
    const started = host.start(defaultSettings());
    made[0]!.monitor.finish(0, update(seedDiagnosis()));
    await started;
    expect(await host.reconfigure({ ...defaultSettings(), launchAtLogin: true })).toBeNull();
    expect(made).toHaveLength(1);

    const restarted = host.reconfigure({ ...defaultSettings(), minikubeProfile: 'dev' });
    expect(made).toHaveLength(2);
    expect(made[1]!.config).toEqual({ profile: 'dev', probeTargets: defaultSettings().probeTargets });
    expect(made[0]!.monitor.stopped).toBe(true);
    made[1]!.monitor.finish(0, update(fixedDiagnosis()));
    await restarted;
    // The old monitor's late updates no longer reach the store.
    made[0]!.monitor.emit(update(seedDiagnosis()));
    expect(store.getState().diagnosis?.verdict).toBe('green');
  });

  it('stops a replaced monitor only after the check someone waits on has finished', async () => {
    const store = createAppStore(SETTINGS);
    const monitors: FakeMonitor[] = [];
    const host = new MonitorHost(
      () => {
        const monitor = fakeMonitor();
        monitors.push(monitor);
        return monitor;
      },
      store,
      recordingLogger(),
    );
    void host.start(defaultSettings());
    monitors[0]!.pending[0]!.done.resolve(update(seedDiagnosis()));
    const waiting = host.recheck('fix');
    void host.reconfigure({ ...defaultSettings(), probeTargets: ['9.9.9.9:443'] });
    expect(monitors[0]!.stopped).toBe(false);
    monitors[0]!.pending[1]!.done.resolve(update(seedDiagnosis()));
    await waiting;
    await Promise.resolve();
    expect(monitors[0]!.stopped).toBe(true);
  });

  it('refuses a re-check before it was started', async () => {
    const host = new MonitorHost(() => fakeMonitor(), createAppStore(SETTINGS), recordingLogger());
    await expect(host.recheck('user')).rejects.toThrow(/not running/);
  });
});
