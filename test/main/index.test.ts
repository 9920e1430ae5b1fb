// The wiring in src/main/index.ts, with Electron faked: each piece is tested on its own elsewhere, so this checks
// only that index.ts hands them the real gates and releases what it started. Each test names the wiring line
// it guards; removing that line fails it.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MonitorLike } from '@src/main/state/store';
import type { MonitorUpdate } from '@src/node/monitor';
import { INVOKE_CHANNELS, STATE_CHANNEL } from '@src/shared/ipc-channels';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred, recordingLogger, seedDiagnosis, update } from './fixtures';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const POPOVER_FRAME = { url: 'app://bridgelight/index.html', parent: null };

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  sent: [string, unknown][] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
  send(channel: string, state: unknown) {
    this.sent.push([channel, state]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isDevToolsOpened() {
    return false;
  }
  focus() {}
  /** What the popover page answers the self-test's probe (src/main/self-test-electron.ts). */
  pageAnswer: unknown = { api: true, rendered: true, fatal: null };
  executeJavaScript = vi.fn(async () => this.pageAnswer);
}

/** A navigation as Electron raises it; true when a listener cancelled it. */
function navigate(contents: FakeContents, url: string): boolean {
  let prevented = false;
  contents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
  return prevented;
}

function fakeElectron(userData: string) {
  /** What happened, in order, where order is the point (the privileged scheme before ready). */
  const order: string[] = [];
  const ready = deferred<void>();
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const windows: FakeWindow[] = [];
  const trays: FakeTray[] = [];
  const log = recordingLogger();

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => ready.promise,
    getAppPath: () => REPO_ROOT,
    getPath: () => userData,
    getVersion: () => '0.0.0-test',
    focus() {},
    quit() {},
    exit: vi.fn(),
    setLoginItemSettings() {},
    getLoginItemSettings: () => ({ openAtLogin: false, status: 'not-registered' }),
  });

  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeContents();
    destroyed = false;
    constructor() {
      super();
      windows.push(this);
      // As Electron does for every web contents it creates.
      app.emit('web-contents-created', {}, this.webContents);
    }
    setVisibleOnAllWorkspaces() {}
    loadURL = async () => {};
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
      this.webContents.destroyed = true;
    }
    isVisible() {
      return false;
    }
  }

  class FakeTray extends EventEmitter {
    destroyed = false;
    constructor() {
      super();
      trays.push(this);
    }
    setImage() {}
    setTitle() {}
    setToolTip() {}
    getBounds() {
      return { x: 0, y: 0, width: 22, height: 22 };
    }
    destroy() {
      this.destroyed = true;
    }
  }

  return {
    order,
    ready,
    handlers,
    windows,
    trays,
    log,
    app,
    powerMonitor: new EventEmitter(),
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
        order.push(...schemes.map((entry) => `privileged ${entry.scheme}`)),
      handle: (scheme: string) => order.push(`handle ${scheme}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler() {},
        setPermissionCheckHandler() {},
        setDevicePermissionHandler() {},
        on() {},
        registerPreloadScript() {},
        getPreloadScripts: () => [],
      },
    },
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) =>
        handlers.set(channel, listener),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromPath: () => ({ setTemplateImage() {} }) },
    // Never supported here, so index.ts never constructs one.
    Notification: { isSupported: () => false },
    screen: { getCursorScreenPoint: () => ({ x: 0, y: 0 }), getAllDisplays: () => [] },
    shell: { openExternal: vi.fn(), showItemInFolder() {} },
    clipboard: { writeText() {} },
    dialog: { showMessageBox: async () => ({ response: 1 }), showSaveDialog: async () => ({ canceled: true }) },
  };
}

type FakeElectron = ReturnType<typeof fakeElectron>;

interface FakeMonitor extends MonitorLike {
  stopped: boolean;
  publish(update: MonitorUpdate): void;
}

function fakeMonitor(): FakeMonitor {
  const listeners = new Set<(update: MonitorUpdate) => void>();
  const first = update(seedDiagnosis());
  return {
    stopped: false,
    start: async () => first,
    recheck: async () => first,
    onEvent() {},
    stop() {
      this.stopped = true;
    },
    subscribeEventSource: () => () => undefined,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(next) {
      for (const listener of listeners) listener(next);
    },
  };
}

let userData: string;
let electron: FakeElectron;
let monitors: FakeMonitor[];
let processListeners: Set<NodeJS.UnhandledRejectionListener>;

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'bl-main-'));
  electron = fakeElectron(userData);
  monitors = [];
  processListeners = new Set(process.listeners('unhandledRejection'));
  vi.resetModules();
  vi.doMock('electron', () => electron);
  vi.doMock('electron-log/main', () => ({ default: electron.log }));
  // The only module that would start real processes: its monitor is replaced by one the test drives.
  vi.doMock('@src/main/monitor/live-monitor', () => ({
    createAppRunner: () => ({
      run: async () => {
        throw new Error('the wiring test starts no processes');
      },
    }),
    liveMonitorFactory: () => () => {
      const monitor = fakeMonitor();
      monitors.push(monitor);
      return monitor;
    },
  }));
});

afterEach(() => {
  for (const listener of process.listeners('unhandledRejection'))
    if (!processListeners.has(listener)) process.removeListener('unhandledRejection', listener);
  vi.doUnmock('electron');
  vi.doUnmock('electron-log/main');
  vi.doUnmock('@src/main/monitor/live-monitor');
  rmSync(userData, { recursive: true, force: true });
});

/** Loads src/main/index.ts; the app is not ready yet. */
async function load(): Promise<void> {
  await import('@src/main/index');
}

/** Loads it and lets 'ready' run, up to the first check published into the state. */
async function start() {
  await load();
  electron.ready.resolve();
  await vi.waitFor(() => expect(electron.trays).toHaveLength(1));
  const [popover] = electron.windows;
  if (!popover) throw new Error('no popover window was created');
  await vi.waitFor(() => expect(popover.webContents.sent.length).toBeGreaterThan(0));
  return { popover: popover.webContents, popoverWindow: popover, tray: electron.trays[0]!, monitor: monitors[0]! };
}

function invoke(channel: string, sender: unknown, ...args: unknown[]) {
  const handler = electron.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ senderFrame: POPOVER_FRAME, sender }, ...args);
}

describe('src/main/index.ts wiring', () => {
  it('registers app:// as a privileged scheme before ready, and serves it once ready', async () => {
    // Guards `registerAppScheme(protocol)` at the top level of index.ts.
    await load();
    expect(electron.order).toEqual(['privileged app']);
    electron.ready.resolve();
    await vi.waitFor(() => expect(electron.order).toEqual(['privileged app', 'handle app']));
  });

  it('locks down every new web contents, the popover’s and any other', async () => {
    // Guards the `web-contents-created` → lockDownContents hook.
    const { popover } = await start();
    const other = new FakeContents();
    electron.app.emit('web-contents-created', {}, other);
    for (const contents of [popover, other]) {
      expect(navigate(contents, 'https://evil.example/')).toBe(true);
      expect(navigate(contents, 'app://bridgelight/index.html')).toBe(false);
      expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('answers IPC from the popover only, even on our own origin', async () => {
    // Guards the `trustedContents` gate passed to registerIpc.
    const { popover } = await start();
    expect([...electron.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect(await invoke(INVOKE_CHANNELS.getState, popover)).toMatchObject({ ok: true, value: { checking: false } });
    expect(await invoke(INVOKE_CHANNELS.getState, new FakeContents())).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'not allowed from this sender' },
    });
  });

  it('sends every new state to the popover', async () => {
    // Guards syncStateTo(store, popover contents).
    const { popover, monitor } = await start();
    const before = popover.sent.length;
    monitor.publish(update(seedDiagnosis(), '2025-01-01T11:00:00.000Z'));
    expect(popover.sent.length).toBe(before + 1);
    expect(popover.sent.at(-1)).toEqual([
      STATE_CHANNEL,
      expect.objectContaining({ checkedAt: '2025-01-01T11:00:00.000Z' }),
    ]);
  });

  it('releases on quit what it started: the tray, the monitor, the popover, IPC and its listeners', async () => {
    // Guards each `lifetime.add`/`lifetime.on` in ready() and the before-quit → lifetime.end() hook.
    const { tray, monitor, popoverWindow } = await start();
    expect(electron.powerMonitor.listenerCount('resume')).toBe(1);
    expect(electron.app.listenerCount('second-instance')).toBe(1);
    electron.app.emit('before-quit');
    expect(tray.destroyed).toBe(true);
    expect(monitor.stopped).toBe(true);
    expect(popoverWindow.destroyed).toBe(true);
    expect(electron.handlers.size).toBe(0);
    expect(electron.powerMonitor.listenerCount('resume')).toBe(0);
    expect(electron.app.listenerCount('second-instance')).toBe(0);
    // A second before-quit (a quit that was cancelled and retried) releases nothing twice.
    electron.app.emit('before-quit');
    expect(electron.log.lines.filter((line) => line.startsWith('error:'))).toEqual([]);
  });
});

describe('src/main/index.ts --self-test', () => {
  let written: string[];
  beforeEach(() => {
    process.argv.push('--self-test');
    written = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    process.argv.splice(process.argv.indexOf('--self-test'), 1);
    vi.restoreAllMocks();
  });

  async function selfTest() {
    const lock = vi.spyOn(electron.app, 'requestSingleInstanceLock');
    await load();
    electron.ready.resolve();
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalled());
    return { lock, report: JSON.parse(written.join('')) as { ok: boolean; steps: { name: string; ok: boolean }[] } };
  }

  it('runs headless beside a running Bridgelight: no lock, no tray, one JSON report, exit 0', async () => {
    const { lock, report } = await selfTest();
    expect(lock).not.toHaveBeenCalled();
    expect(electron.trays).toEqual([]);
    expect(electron.order).toEqual(['privileged app', 'handle app']);
    expect(report.ok).toBe(true);
    expect(report.steps.filter((entry) => !entry.ok)).toEqual([]);
    expect(electron.app.exit).toHaveBeenCalledWith(0);
    // The page was loaded in its own window, locked down like the app's, and closed again.
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]?.destroyed).toBe(true);
    expect(navigate(electron.windows[0]!.webContents, 'https://evil.example/')).toBe(true);
  });

  it('exits 1 when the page has no preload API', async () => {
    const Window = electron.BrowserWindow;
    electron.BrowserWindow = class extends Window {
      constructor() {
        super();
        this.webContents.pageAnswer = { api: false, rendered: true, fatal: null };
      }
    };
    const { report } = await selfTest();
    expect(report.ok).toBe(false);
    expect(report.steps.find((entry) => entry.name === 'preload')?.ok).toBe(false);
    expect(electron.app.exit).toHaveBeenCalledWith(1);
  });
});
