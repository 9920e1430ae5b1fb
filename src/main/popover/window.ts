// The one place a BrowserWindow is built. Options and webPreferences are a literal here, with every
// security-relevant key written out even where it matches Electron 38's default: defaults have changed between
// versions, and scanners (electronegativity, test/security) read this source, not the runtime.
import { BrowserWindow } from 'electron';
import { POPOVER_SIZE } from './popover';

export function createPopoverWindow(preload: string, devTools: boolean): BrowserWindow {
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
      // electronegativity: our own preload, bundled into one file inside the asar; it only exposes one frozen
      // API whose every call goes through the gated IPC registry (src/main/ipc/registry.ts).
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // electronegativity: written out as undefined on purpose: no experimental Blink feature is enabled.
      enableBlinkFeatures: undefined,
      // A middle click would otherwise try to open a link in a new window (denied anyway, but not even asked).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  });
}
