import { EventEmitter } from 'node:events';
import { isDismissKey, Popover, type PopoverContents, type PopoverWindow } from '@src/main/popover/popover';
import { describe, expect, it, vi } from 'vitest';
import { recordingLogger } from '../fixtures';

class FakeContents extends EventEmitter implements PopoverContents {
  focused = 0;
  devTools = false;
  isDevToolsOpened = () => this.devTools;
  focus = () => {
    this.focused++;
  };
}

class FakeWindow extends EventEmitter implements PopoverWindow {
  visible = false;
  destroyed = false;
  bounds: unknown = null;
  loaded: string[] = [];
  allWorkspaces: unknown[] = [];
  readonly webContents = new FakeContents();
  setVisibleOnAllWorkspaces(...args: unknown[]) {
    this.allWorkspaces = args;
  }
  isVisible = () => this.visible;
  isDestroyed = () => this.destroyed;
  setBounds(bounds: unknown) {
    this.bounds = bounds;
  }
  show() {
    this.visible = true;
  }
  focus() {}
  hide() {
    this.visible = false;
  }
  destroy() {
    this.destroyed = true;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
}

function setup() {
  let now = 1_000;
  const windows: FakeWindow[] = [];
  const onHidden = vi.fn();
  const activate = vi.fn();
  const deactivate = vi.fn();
  const popover = new Popover({
    createWindow: () => {
      const window = new FakeWindow();
      windows.push(window);
      return window;
    },
    activate,
    deactivate,
    anchor: () => ({ x: 700, y: 0, width: 24, height: 24 }),
    displays: () => [
      { bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } },
    ],
    log: recordingLogger(),
    now: () => now,
    onHidden,
  });
  return {
    popover,
    window: windows[0]!,
    windows,
    onHidden,
    activate,
    deactivate,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const key = (key: string, extra: Partial<{ meta: boolean; control: boolean; alt: boolean; shift: boolean }> = {}) => ({
  type: 'keyDown' as const,
  key,
  meta: false,
  control: false,
  alt: false,
  shift: false,
  ...extra,
});

describe('Popover', () => {
  it('creates one window and reuses it', () => {
    const { popover, windows, window } = setup();
    popover.show();
    popover.hide();
    popover.show();
    expect(windows).toHaveLength(1);
    expect(window.visible).toBe(true);
  });

  it('loads our app:// page, never a file:// one', async () => {
    const { popover, window } = setup();
    await popover.load();
    expect(window.loaded).toEqual(['app://bridgelight/index.html']);
  });

  it('shows under the tray icon, active, with keyboard focus in the page', () => {
    const { popover, window, activate } = setup();
    popover.show();
    expect(activate).toHaveBeenCalledOnce();
    expect(window.bounds).toEqual({ x: 532, y: 28, width: 360, height: 520 });
    expect(window.visible).toBe(true);
    expect(window.webContents.focused).toBe(1);
  });

  it('hides on blur, and tells whoever cares', () => {
    const { popover, window, onHidden } = setup();
    popover.show();
    window.emit('blur');
    expect(window.visible).toBe(false);
    expect(onHidden).toHaveBeenCalledOnce();
  });

  it('stays open on blur while its developer tools have focus', () => {
    const { popover, window } = setup();
    popover.show();
    window.webContents.devTools = true;
    window.emit('blur');
    expect(window.visible).toBe(true);
  });

  it('treats the tray click that blurred it as a close, not a reopen', () => {
    const { popover, window, advance } = setup();
    popover.toggle();
    expect(window.visible).toBe(true);
    window.emit('blur');
    advance(50);
    popover.toggle();
    expect(window.visible).toBe(false);
    advance(1_000);
    popover.toggle();
    expect(window.visible).toBe(true);
    popover.toggle();
    expect(window.visible).toBe(false);
  });

  it('closes on Esc and ⌘W, and lets other keys through', () => {
    const { popover, window } = setup();
    popover.show();
    const tab = { preventDefault: vi.fn() };
    window.webContents.emit('before-input-event', tab, key('Tab'));
    expect(tab.preventDefault).not.toHaveBeenCalled();
    expect(window.visible).toBe(true);
    const esc = { preventDefault: vi.fn() };
    window.webContents.emit('before-input-event', esc, key('Escape'));
    expect(esc.preventDefault).toHaveBeenCalled();
    expect(window.visible).toBe(false);
    popover.show();
    window.webContents.emit('before-input-event', { preventDefault() {} }, key('w', { meta: true }));
    expect(window.visible).toBe(false);
  });

  it('follows the user across Spaces without turning into a Dock app', () => {
    const { window } = setup();
    expect(window.allWorkspaces).toEqual([true, { visibleOnFullScreen: true, skipTransformProcessType: true }]);
  });

  it('is placed from the bounds the tray click carries, not from a later lookup', () => {
    const { popover, window } = setup();
    popover.toggle({ x: 100, y: 0, width: 24, height: 24 });
    expect(window.bounds).toMatchObject({ x: 0, y: 28 });
  });

  it('hands focus back when the user closes it (Esc, tray click), not when another app took it', () => {
    const { popover, window, deactivate, advance } = setup();
    popover.show();
    window.webContents.emit('before-input-event', { preventDefault() {} }, key('Escape'));
    expect(deactivate).toHaveBeenCalledTimes(1);
    popover.toggle();
    advance(1_000);
    popover.toggle();
    expect(window.visible).toBe(false);
    expect(deactivate).toHaveBeenCalledTimes(2);
    popover.show();
    window.emit('blur');
    expect(deactivate).toHaveBeenCalledTimes(2);
  });

  it('stays open while a fix runs (its dialog takes focus) so the result is seen, then hides on blur again', async () => {
    const { popover, window } = setup();
    popover.show();
    let finish: (outcome: string) => void = () => {};
    const fixing = popover.keepOpenWhile(() => new Promise<string>((resolve) => (finish = resolve)));
    window.emit('blur');
    expect(window.visible).toBe(true);
    finish('verified');
    await expect(fixing).resolves.toBe('verified');
    window.emit('blur');
    expect(window.visible).toBe(false);
  });

  it('stops holding itself open when the fix fails', async () => {
    const { popover, window } = setup();
    popover.show();
    await expect(popover.keepOpenWhile(() => Promise.reject(new Error('helper failed')))).rejects.toThrow();
    window.emit('blur');
    expect(window.visible).toBe(false);
  });

  it('hides instead of closing, until the app quits', () => {
    const { popover, window } = setup();
    popover.show();
    const close = { preventDefault: vi.fn() };
    window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(window.visible).toBe(false);
    popover.destroy();
    const atQuit = { preventDefault: vi.fn() };
    window.emit('close', atQuit);
    expect(atQuit.preventDefault).not.toHaveBeenCalled();
    expect(window.destroyed).toBe(true);
  });
});

describe('isDismissKey', () => {
  it('is Esc or ⌘W on key down only', () => {
    expect(isDismissKey(key('Escape'))).toBe(true);
    expect(isDismissKey({ ...key('Escape'), type: 'keyUp' })).toBe(false);
    expect(isDismissKey(key('Escape', { alt: true }))).toBe(false);
    expect(isDismissKey(key('w'))).toBe(false);
    expect(isDismissKey(key('W', { control: true }))).toBe(true);
    expect(isDismissKey(key('w', { meta: true, shift: true }))).toBe(false);
  });
});
