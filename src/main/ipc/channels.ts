// The closed list of IPC channels. The preload repeats these strings (it may import nothing but electron);
// test/main/preload.test.ts fails if the two lists drift apart.
export const INVOKE_CHANNELS = {
  getState: 'bridgelight:get-state',
  recheck: 'bridgelight:recheck',
  fix: 'bridgelight:fix',
  undoFix: 'bridgelight:undo-fix',
  getSettings: 'bridgelight:get-settings',
  updateSettings: 'bridgelight:update-settings',
  ignoreAddress: 'bridgelight:ignore-address',
  copyDiagnostics: 'bridgelight:copy-diagnostics',
} as const;

export type InvokeName = keyof typeof INVOKE_CHANNELS;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[InvokeName];

/** Main → renderer: the whole AppState, after every change. The renderer never sends on it. */
export const STATE_CHANNEL = 'bridgelight:state';

const BY_CHANNEL = new Map<string, InvokeName>(
  (Object.entries(INVOKE_CHANNELS) as [InvokeName, InvokeChannel][]).map(([name, channel]) => [channel, name]),
);

export function invokeNameOf(channel: unknown): InvokeName | null {
  return typeof channel === 'string' ? (BY_CHANNEL.get(channel) ?? null) : null;
}
