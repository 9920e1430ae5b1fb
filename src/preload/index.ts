// The preload: window.bridgelight and nothing else. Sandboxed, so at run time it may require only 'electron':
// the channel list from src/shared is bundled into this one CommonJS file at build time.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { AppState, BridgelightApi } from '../shared/app-api';
import { type Envelope, INVOKE_CHANNELS, type InvokeApi, type InvokeName, STATE_CHANNEL } from '../shared/ipc-channels';

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { ok?: unknown; error?: { message?: unknown } };
  return record.ok === true || (record.ok === false && typeof record.error?.message === 'string');
}

async function call(channel: string, args: unknown[]): Promise<unknown> {
  const reply: unknown = await ipcRenderer.invoke(channel, ...args);
  if (!isEnvelope(reply)) throw new Error('Bridgelight sent an unreadable reply.');
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

// One method per channel of the shared map; main checks every argument, so the preload only forwards them.
const calls = Object.fromEntries(
  (Object.entries(INVOKE_CHANNELS) as [InvokeName, string][]).map(([name, channel]) => [
    name,
    (...args: unknown[]) => call(channel, args),
  ]),
) as InvokeApi;

const api: BridgelightApi = Object.freeze({
  ...calls,
  onState(listener: (state: AppState) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onState needs a function');
    // The page gets the state only, never the event (it would expose ipcRenderer through event.sender).
    const forward = (_event: IpcRendererEvent, state: AppState) => listener(state);
    ipcRenderer.on(STATE_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(STATE_CHANNEL, forward);
    };
  },
});

contextBridge.exposeInMainWorld('bridgelight', api);
