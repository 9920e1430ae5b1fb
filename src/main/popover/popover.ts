// The popover: one frameless window, created once and reused, shown under the tray icon. Hidden (not closed)
// on blur, Esc or ⌘W, so reopening is instant and the renderer keeps its state.
import type { BrowserWindow, Event, Input, RenderProcessGoneDetails, WebContents } from 'electron';
import { POPOVER_URL } from '../app-origin';
import type { Logger } from '../logger';
import { type DisplayArea, popoverPosition, type Rect, type Size } from './position';

export const POPOVER_SIZE: Size = { width: 360, height: 520 };

/**
 * A tray click that arrives this soon after the popover hid itself on blur is the same click that blurred it:
 * treat it as "close", not as "open again".
 */
const BLUR_CLICK_MS = 300;

/** What the popover uses of its window's web contents, with Electron's own listener types. */
export interface PopoverContents extends Pick<WebContents, 'focus' | 'isDevToolsOpened'> {
  on(event: 'before-input-event', listener: (event: Event, input: Input) => void): unknown;
  on(event: 'render-process-gone', listener: (event: Event, details: RenderProcessGoneDetails) => void): unknown;
}

/** What the popover uses of its BrowserWindow: a real one satisfies it, and so must the tests' fake. */
export interface PopoverWindow
  extends Pick<
    BrowserWindow,
    | 'destroy'
    | 'focus'
    | 'hide'
    | 'isDestroyed'
    | 'isVisible'
    | 'loadURL'
    | 'setBounds'
    | 'setVisibleOnAllWorkspaces'
    | 'show'
  > {
  readonly webContents: PopoverContents;
  on(event: 'blur', listener: (event: Event) => void): unknown;
  on(event: 'close', listener: (event: Event) => void): unknown;
}

export interface PopoverDeps<W extends PopoverWindow = BrowserWindow> {
  /** createPopoverWindow (window.ts) in the app; a fake in tests. */
  createWindow(): W;
  anchor(): Rect;
  /**
   * Makes the app the active one. A menu-bar app never is by itself, and a window that never had focus never
   * blurs, so it would not hide again.
   */
  activate(): void;
  /**
   * Hands focus back to the app the user came from (app.hide() on macOS) after the user closed the popover with
   * Esc or a tray click. Not after a blur: then another app already has focus.
   */
  deactivate(): void;
  displays(): DisplayArea[];
  log: Logger;
  now?: () => number;
  /** Called after the window hid, whatever hid it. */
  onHidden?: () => void;
}

/** Esc and ⌘W close the popover; everything else is the page's. */
export function isDismissKey(input: Pick<Input, 'type' | 'key' | 'meta' | 'control' | 'alt' | 'shift'>): boolean {
  if (input.type !== 'keyDown') return false;
  if (input.key === 'Escape' && !input.meta && !input.control && !input.alt) return true;
  return input.key.toLowerCase() === 'w' && (input.meta || input.control) && !input.alt && !input.shift;
}

export class Popover<W extends PopoverWindow = BrowserWindow> {
  readonly window: W;
  private hiddenByBlurAt = Number.NEGATIVE_INFINITY;
  private allowClose = false;
  /** Fixes in flight: their confirmation dialog takes focus, and the popover must stay to show the result. */
  private holds = 0;
  private readonly now: () => number;

  constructor(private readonly deps: PopoverDeps<W>) {
    this.now = deps.now ?? Date.now;
    this.window = deps.createWindow();
    // Follow the user to the Space (and full-screen app) they are in rather than switching Spaces.
    // skipTransformProcessType: without it Electron turns the app into a foreground one, and the Dock flickers.
    this.window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
    this.window.on('blur', () => {
      if (!this.window.isVisible() || this.window.webContents.isDevToolsOpened() || this.holds > 0) return;
      this.hiddenByBlurAt = this.now();
      this.hide();
    });
    this.window.on('close', (event) => {
      if (this.allowClose) return;
      event.preventDefault();
      this.hide();
    });
    this.window.webContents.on('before-input-event', (event, input) => {
      if (!isDismissKey(input)) return;
      event.preventDefault();
      this.dismiss();
    });
    this.window.webContents.on('render-process-gone', (_event, details) => {
      deps.log.error(`popover renderer gone (${details.reason}); reloading`);
      if (!this.window.isDestroyed()) void this.load();
    });
  }

  load(): Promise<void> {
    return this.window.loadURL(POPOVER_URL);
  }

  isVisible(): boolean {
    return !this.window.isDestroyed() && this.window.isVisible();
  }

  /**
   * Tray click: open, or close when it is open (or was open until this very click blurred it). `anchor` is the
   * bounds the click event carries: right on every display arrangement, unlike a later tray.getBounds().
   */
  toggle(anchor?: Rect): void {
    if (this.isVisible()) this.dismiss();
    else if (this.now() - this.hiddenByBlurAt > BLUR_CLICK_MS) this.show(anchor);
  }

  /** Keeps the popover open (blur does not hide it) until `work` settles, so its result can be seen. */
  async keepOpenWhile<T>(work: () => Promise<T>): Promise<T> {
    this.holds++;
    try {
      return await work();
    } finally {
      this.holds--;
    }
  }

  show(anchor: Rect = this.deps.anchor()): void {
    if (this.window.isDestroyed()) return;
    const { x, y } = popoverPosition(anchor, POPOVER_SIZE, this.deps.displays());
    this.window.setBounds({ x, y, width: POPOVER_SIZE.width, height: POPOVER_SIZE.height }, false);
    this.deps.activate();
    this.window.show();
    this.window.focus();
    // Keyboard users land in the page, ready to Tab.
    this.window.webContents.focus();
  }

  hide(): void {
    if (this.window.isDestroyed() || !this.window.isVisible()) return;
    this.window.hide();
    this.deps.onHidden?.();
  }

  /** The user closed it (Esc, ⌘W, a tray click): give focus back to where they were. */
  private dismiss(): void {
    if (!this.isVisible()) return;
    this.hide();
    this.deps.deactivate();
  }

  /** At quit: let the window really close. */
  destroy(): void {
    this.allowClose = true;
    if (!this.window.isDestroyed()) this.window.destroy();
  }
}
