import type { FindingId } from '@src/shared/finding-ids';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const exposed: [string, unknown][] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: undefined }));
  return {
    exposed,
    listeners,
    invoke,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
    ipcRenderer: {
      invoke,
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
});
vi.mock('electron', () => electron);

await import('@src/preload/index');
const { INVOKE_CHANNELS, STATE_CHANNEL } = await import('@src/main/ipc/channels');
type Api = import('@src/shared/app-api').BridgelightApi;

const api = electron.exposed[0]?.[1] as Api;

beforeEach(() => {
  electron.invoke.mockReset();
  electron.invoke.mockResolvedValue({ ok: true, value: undefined });
});

describe('the preload', () => {
  it('exposes exactly one frozen object, window.bridgelight, with the API and nothing else', () => {
    expect(electron.exposed.map(([key]) => key)).toEqual(['bridgelight']);
    expect(Object.isFrozen(api)).toBe(true);
    // One method per channel of the shared map, and the state subscription: adding a call needs no preload edit.
    expect(Object.keys(api).sort()).toEqual([...Object.keys(INVOKE_CHANNELS), 'onState'].sort());
    expect(Object.keys(INVOKE_CHANNELS)).toContain('fix');
  });

  it('uses exactly main’s channels, with the arguments passed through', async () => {
    await api.getState();
    await api.recheck();
    await api.fix('nat-source-stale');
    await api.undoFix('nat-source-stale');
    await api.getSettings();
    await api.updateSettings({ minikubeProfile: 'dev' });
    await api.ignoreAddress('172.2.9.61');
    await api.copyDiagnostics();
    await api.muteFinding('nat-source-stale', 'minikube/minikube');
    await api.unmuteFinding('nat-source-stale', null);
    const used = electron.invoke.mock.calls.map((call) => call[0]);
    expect([...used].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect(electron.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.fix, 'nat-source-stale');
    expect(electron.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.updateSettings, { minikubeProfile: 'dev' });
    expect(electron.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.ignoreAddress, '172.2.9.61');
    expect(electron.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.muteFinding, 'nat-source-stale', 'minikube/minikube');
    expect(electron.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.unmuteFinding, 'nat-source-stale', null);
  });

  it('unwraps a success and throws the message of a failure', async () => {
    electron.invoke.mockResolvedValueOnce({ ok: true, value: { outcome: 'verified', findingId: 'x', message: 'm' } });
    await expect(api.fix('nat-source-stale')).resolves.toEqual({ outcome: 'verified', findingId: 'x', message: 'm' });
    electron.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'bad-payload', message: 'not a Bridgelight finding id' },
    });
    await expect(api.fix('nope' as FindingId)).rejects.toThrow(new Error('not a Bridgelight finding id'));
    electron.invoke.mockResolvedValueOnce('garbage');
    await expect(api.recheck()).rejects.toThrow(/unreadable reply/);
  });

  it('gives state listeners the state only, never the IPC event, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const unsubscribe = api.onState((...args: unknown[]) => seen.push(args));
    const [forward] = electron.listeners.get(STATE_CHANNEL) ?? [];
    const event = { sender: { send() {} }, ports: [] };
    const state = { diagnosis: null, checkedAt: null, checking: true };
    forward!(event, state);
    expect(seen).toEqual([[state]]);
    unsubscribe();
    expect(electron.listeners.get(STATE_CHANNEL)?.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => api.onState('alert(1)' as never)).toThrow(TypeError);
  });
});
