// The popover's preload (out/preload/index.cjs: one frozen window.bridgelight, every call through the gated IPC
// registry) is registered on the session instead of in the window's webPreferences. It runs the same way, in the
// sandboxed, context-isolated main frame, before any page script; the popover is the session's only window.
import type { Session } from 'electron';

export const POPOVER_PRELOAD_ID = 'bridgelight-popover';

export function registerPopoverPreload(
  session: Pick<Session, 'registerPreloadScript' | 'getPreloadScripts'>,
  filePath: string,
): void {
  // Registering twice (a second ready, a reloaded main in development) would run it twice.
  if (session.getPreloadScripts().some((script) => script.id === POPOVER_PRELOAD_ID)) return;
  session.registerPreloadScript({ type: 'frame', id: POPOVER_PRELOAD_ID, filePath });
}
