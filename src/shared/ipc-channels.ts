// The closed list of IPC channels: one list, imported by main's registry and bundled into the preload, so the
// two can never disagree about a name.
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
