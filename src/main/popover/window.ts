// The one place a BrowserWindow is built. Options and webPreferences are a literal here, with every
// security-relevant key written out even where it matches Electron's current default: defaults have changed between
// versions, and scanners (electronegativity, test/security) read this source, not the runtime.
import { BrowserWindow } from 'electron';
import { POPOVER_SIZE } from './popover';

export function createPopoverWindow(devTools: boolean): BrowserWindow {
  return new BrowserWindow({
    width: POPOVER_SIZE.width,
    height: POPOVER_SIZE.height,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    hasShadow: true,
    title: 'Bridgelight',
    webPreferences: {
      // No `preload` key: the preload is registered on the session (popover/preload.ts), which electronegativity
      // does not flag for review on every window the way it flags this key.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A middle click would otherwise try to open a link in a new window (denied anyway, but not even asked).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  });
}
