// The preload: window.bridgelight and nothing else. Sandboxed, so at run time it may require only 'electron':
// the channel list from src/shared is bundled into this one CommonJS file at build time.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { INVOKE_CHANNELS as CHANNELS, STATE_CHANNEL } from '../shared/ipc-channels';
import type { AppState, BridgelightApi, FixResult, Settings } from './api';

type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { ok?: unknown; error?: { message?: unknown } };
  return record.ok === true || (record.ok === false && typeof record.error?.message === 'string');
}

async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const reply: unknown = await ipcRenderer.invoke(channel, ...args);
  if (!isEnvelope(reply)) throw new Error('Bridgelight sent an unreadable reply.');
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as T;
}

const api: BridgelightApi = Object.freeze({
  getState: () => call<AppState>(CHANNELS.getState),
  onState(listener: (state: AppState) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onState needs a function');
    // The page gets the state only, never the event (it would expose ipcRenderer through event.sender).
    const forward = (_event: IpcRendererEvent, state: AppState) => listener(state);
    ipcRenderer.on(STATE_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(STATE_CHANNEL, forward);
    };
  },
  recheck: () => call<void>(CHANNELS.recheck),
  fix: (findingId: string) => call<FixResult>(CHANNELS.fix, findingId),
  undoFix: (findingId: string) => call<FixResult>(CHANNELS.undoFix, findingId),
  getSettings: () => call<Settings>(CHANNELS.getSettings),
  updateSettings: (patch: Partial<Settings>) => call<Settings>(CHANNELS.updateSettings, patch),
  ignoreAddress: (address: string) => call<Settings>(CHANNELS.ignoreAddress, address),
  copyDiagnostics: () => call<void>(CHANNELS.copyDiagnostics),
});

contextBridge.exposeInMainWorld('bridgelight', api);
