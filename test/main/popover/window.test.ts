import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const made: unknown[] = [];
  class BrowserWindow {
    constructor(options: unknown) {
      made.push(options);
    }
  }
  return { made, BrowserWindow };
});
vi.mock('electron', () => electron);

const { createPopoverWindow } = await import('@src/main/popover/window');

function build(devTools = false) {
  electron.made.length = 0;
  createPopoverWindow(devTools);
  expect(electron.made).toHaveLength(1);
  return electron.made[0] as { webPreferences: Record<string, unknown> } & Record<string, unknown>;
}

describe('createPopoverWindow', () => {
  it('writes out every hardening key of webPreferences', () => {
    const { webPreferences } = build();
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(Object.hasOwn(webPreferences, 'enableBlinkFeatures')).toBe(false);
    // the preload is registered on the session instead (popover/preload.ts)
    expect(Object.hasOwn(webPreferences, 'preload')).toBe(false);
  });

  it('allows developer tools only when asked (development builds)', () => {
    expect(build(true).webPreferences.devTools).toBe(true);
  });

  it('is a hidden, frameless, fixed-size window outside the Dock and window cycling', () => {
    expect(build()).toMatchObject({
      width: 360,
      height: 520,
      show: false,
      frame: false,
      resizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
    });
  });
});
