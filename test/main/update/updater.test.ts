// The updater end to end, with Electron mocked: electron-updater's real MacUpdater, configured the way the
// packaged app is (app-update.yml from electron-builder.yml's `publish`, its host moved to loopback), checks a
// GitHub-shaped release feed this test serves on 127.0.0.1. The feed's responses hold only what electron-updater
// reads of GitHub's (the releases Atom feed, the latest release's tag, latest-mac.yml with the zip's real sha512).
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings } from '@src/main/settings/settings';
import { createAppStore } from '@src/main/state/store';
import { trayMenuTemplate } from '@src/main/tray/menu';
import { ANONYMOUS_ID, createMacUpdater } from '@src/main/update/mac-updater';
import { CHECK_INTERVAL_MS, type Updater, UpdateService } from '@src/main/update/update-service';
import type { KeyboardEvent, MenuItem } from 'electron';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred, recordingLogger, trayActions } from '../fixtures';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown; dump(value: unknown): string };
const REPO = new URL('../../../', import.meta.url).pathname;
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const publish = (
  yaml.load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as { publish: Record<string, string> }
).publish;

/** Squirrel.Mac as electron-updater talks to it: fetch the feed it was given, then the zip, then say so. */
class FakeSquirrel extends EventEmitter {
  feed: { url: string; headers: Record<string, string> } | null = null;
  installs = 0;
  setFeedURL(feed: { url: string; headers: Record<string, string> }) {
    this.feed = feed;
  }
  checkForUpdates() {
    const feed = this.feed!;
    get(feed.url, { headers: feed.headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => {
        get((JSON.parse(body) as { url: string }).url, (zip) => {
          zip.resume();
          zip.on('end', () => this.emit('update-downloaded'));
        });
      });
    });
  }
  quitAndInstall() {
    this.installs++;
  }
}

const electron = {
  autoUpdater: new FakeSquirrel(),
  app: {
    isPackaged: true,
    getVersion: () => VERSION,
    getName: () => 'Bridgelight',
    getAppPath: () => REPO,
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected app.getPath(${name})`);
      return userData;
    },
    whenReady: () => Promise.resolve(),
    once: () => {},
    quit: vi.fn(),
    relaunch: vi.fn(),
  },
  // electron.net.request is Chromium's HTTP client; Node's speaks the same HTTP to the same loopback server.
  net: { request: (options: Parameters<typeof request>[0]) => request(options) },
  session: { fromPartition: () => ({}) },
  dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn() },
  Notification: vi.fn(),
};
// electron-updater is CommonJS and loads `electron` with require(): the mock goes where require() looks first.
const electronPath = require.resolve('electron');
const realElectron = require.cache[electronPath];

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

let server: Server;
let base = '';
let seen: Seen[] = [];
let release: { version: string } | 'unreachable' = { version: VERSION };
let resources = '';
let userData = '';
let home = '';
const zips = new Map<string, Buffer>();

const zipName = (version: string, arch: string) => `Bridgelight-${version}-${arch}.zip`;
const releasePath = `/${publish.owner}/${publish.repo}/releases`;

function latestMac(version: string): string {
  const files = ['arm64', 'x64'].map((arch) => {
    const name = zipName(version, arch);
    const bytes = Buffer.from(`the ${arch} zip of Bridgelight ${version}`);
    zips.set(name, bytes);
    return { url: name, sha512: createHash('sha512').update(bytes).digest('base64'), size: bytes.length };
  });
  return yaml.dump({
    version,
    files,
    path: files[0]!.url,
    sha512: files[0]!.sha512,
    releaseDate: '2026-12-01T00:00:00.000Z',
  });
}

function serve(url: string): [number, string | Buffer] {
  if (release === 'unreachable') return [503, ''];
  const tag = `v${release.version}`;
  if (url === `${releasePath}.atom`)
    return [
      200,
      `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>${tag}</title>` +
        `<link rel="alternate" type="text/html" href="${base}${releasePath}/tag/${tag}"/><content>notes</content></entry></feed>`,
    ];
  if (url === `/api/v3/repos/${publish.owner}/${publish.repo}/releases/latest`)
    return [200, JSON.stringify({ tag_name: tag })];
  if (url === `${releasePath}/download/${tag}/latest-mac.yml`) return [200, latestMac(release.version)];
  const zip = zips.get(url.replace(`${releasePath}/download/${tag}/`, ''));
  return zip ? [200, zip] : [404, ''];
}

beforeAll(async () => {
  require.cache[electronPath] = {
    id: electronPath,
    filename: electronPath,
    loaded: true,
    exports: electron,
  } as NodeModule;
  server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    const [status, body] = serve(req.url!);
    res.writeHead(status, { 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (realElectron) require.cache[electronPath] = realElectron;
  else delete require.cache[electronPath];
  await new Promise((resolve) => server.close(resolve));
});

/** What electron-builder writes from `publish`, pointed at a port on loopback instead of github.com. */
function writeFeedConfig(port: number) {
  writeFileSync(
    join(resources, 'app-update.yml'),
    yaml.dump({ ...publish, host: `127.0.0.1:${port}`, protocol: 'http', updaterCacheDirName: 'bridgelight-updater' }),
  );
}

let previousResources: string | undefined;
let previousHome: string | undefined;
const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
beforeEach(() => {
  seen = [];
  zips.clear();
  home = mkdtempSync(join(tmpdir(), 'bridgelight-update-'));
  resources = join(home, 'Resources');
  userData = join(home, 'Library', 'Application Support', 'Bridgelight');
  for (const dir of [resources, userData]) mkdirSync(dir, { recursive: true });
  writeFeedConfig((server.address() as AddressInfo).port);
  previousResources = process.resourcesPath;
  previousHome = process.env.HOME;
  (process as { resourcesPath: string }).resourcesPath = resources;
  // A Mac's home: electron-updater picks the feed's latest-mac.yml and ~/Library/Caches by the platform.
  process.env.HOME = home;
  Object.defineProperty(process, 'platform', { ...platform, value: 'darwin' });
  electron.autoUpdater.removeAllListeners();
  electron.autoUpdater.installs = 0;
});

afterEach(() => {
  Object.defineProperty(process, 'platform', platform);
  (process as { resourcesPath: string | undefined }).resourcesPath = previousResources;
  process.env.HOME = previousHome;
  rmSync(home, { recursive: true, force: true });
});

function app(checkForUpdates = true) {
  const log = recordingLogger();
  const store = createAppStore({ ...defaultSettings(), checkForUpdates, launchAtLoginStatus: 'disabled' });
  const downloaded = deferred<string>();
  const createUpdater = vi.fn(() => createMacUpdater());
  const service = new UpdateService({
    createUpdater,
    enabled: () => store.getState().settings.checkForUpdates,
    onDownloaded: (version) => {
      store.setState({ updateReady: version });
      downloaded.resolve(version);
    },
    log,
  });
  // Only the action this test clicks does anything; building the menu calls none.
  const actions = trayActions({ restartToUpdate: () => service.restartToUpdate() });
  const menu = () => trayMenuTemplate(store.getState(), actions);
  return { log, store, service, downloaded, createUpdater, menu };
}

const feedRequests = [`${releasePath}.atom`, `/api/v3/repos/${publish.owner}/${publish.repo}/releases/latest`];

/** Headers that say nothing about who asks (x-user-staging-id is checked to be the same for every install). */
const PLAIN_HEADERS = new Set(['accept', 'cache-control', 'connection', 'host', 'user-agent', 'x-user-staging-id']);

/** Every request a check made: GET, and no header that could tell one install from another. */
function expectOnlyFeedRequests(paths: string[]) {
  expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(paths.map((path) => `GET ${path}`));
  for (const { url, headers } of seen) {
    expect(
      Object.keys(headers).filter((name) => !PLAIN_HEADERS.has(name)),
      url,
    ).toEqual([]);
    expect(headers['user-agent'], url).toBe('electron-builder');
    if (!url.endsWith('.zip')) expect(headers['x-user-staging-id'], url).toBe(ANONYMOUS_ID);
  }
  expect(existsSync(join(userData, '.updaterId'))).toBe(false);
}

/** A check that fails: one log line saying why, and nothing a person would see. */
async function expectQuietFailure(why: RegExp) {
  const { service, menu, log } = app();
  await service.refresh();
  service.stop();
  expect(log.lines).toHaveLength(1);
  expect(log.lines[0]).toMatch(/^warn: update: check failed: /);
  expect(log.lines[0]).toMatch(why);
  expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
  expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
  expect(electron.Notification).not.toHaveBeenCalled();
  expect(menu().some((item) => item.id === 'restart-to-update')).toBe(false);
}

describe('auto-update against a release feed on loopback (electron mocked)', () => {
  it('update available: downloads in the background, then the tray offers "Restart to Update", which installs', async () => {
    release = { version: '0.2.0' };
    const { service, downloaded, menu, log } = app();
    expect(menu().some((item) => item.id === 'restart-to-update')).toBe(false);
    await service.refresh();
    expect(await downloaded.promise).toBe('0.2.0');
    const item = menu().find((entry) => entry.id === 'restart-to-update');
    expect(item?.label).toBe('Restart to Update (0.2.0)');
    const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
    expectOnlyFeedRequests([
      ...feedRequests,
      `${releasePath}/download/v0.2.0/latest-mac.yml`,
      `${releasePath}/download/v0.2.0/${zipName('0.2.0', arch)}`,
    ]);
    expect(electron.autoUpdater.installs).toBe(0);
    item!.click!({ checked: false } as MenuItem, undefined, {} satisfies KeyboardEvent);
    await vi.waitFor(() => expect(electron.autoUpdater.installs).toBe(1));
    expect(log.lines).toEqual(['info: update: 0.2.0 downloaded; it installs on quit']);
    service.stop();
  });

  it('no update: one look at the feed, nothing downloaded, nothing shown, nothing logged', async () => {
    release = { version: VERSION };
    const { service, menu, log, store } = app();
    await service.refresh();
    expectOnlyFeedRequests([...feedRequests, `${releasePath}/download/v${VERSION}/latest-mac.yml`]);
    expect(store.getState().updateReady).toBeNull();
    expect(menu().some((item) => item.id === 'restart-to-update')).toBe(false);
    expect(log.lines).toEqual([]);
    service.stop();
  });

  it('feed refusing connections (offline): one log line, no dialog, no notification, nothing shown', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    writeFeedConfig(port);
    await expectQuietFailure(/ECONNREFUSED/);
  });

  it('feed answering with an error: one log line, no dialog, no notification, nothing shown', async () => {
    release = 'unreachable';
    await expectQuietFailure(/503/);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('setting off: no request at all, and electron-updater is not even loaded', async () => {
    release = { version: '0.2.0' };
    const { service, createUpdater, log } = app(false);
    await service.refresh();
    expect(seen).toEqual([]);
    expect(createUpdater).not.toHaveBeenCalled();
    expect(log.lines).toEqual([]);
    expect(readdirSync(userData)).toEqual([]);
  });
});

describe('UpdateService schedule', () => {
  afterEach(() => vi.useRealTimers());

  function scheduled(enabled: { on: boolean }) {
    let now = 0;
    const checks: number[] = [];
    const updater: Updater = {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      on: () => updater,
      checkForUpdates: async () => {
        checks.push(now);
        return null;
      },
      quitAndInstall: vi.fn(),
    };
    const service = new UpdateService({
      createUpdater: async () => updater,
      enabled: () => enabled.on,
      onDownloaded: () => {},
      log: recordingLogger(),
      now: () => now,
    });
    const advance = async (ms: number) => {
      now += ms;
      await vi.advanceTimersByTimeAsync(ms);
    };
    return { service, checks, updater, advance };
  }

  it('checks at start and then every 24 hours, downloading in the background and installing on quit', async () => {
    vi.useFakeTimers();
    const { service, checks, updater, advance } = scheduled({ on: true });
    await service.refresh();
    expect(checks).toEqual([0]);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    await advance(CHECK_INTERVAL_MS - 1);
    expect(checks).toEqual([0]);
    await advance(1);
    await advance(CHECK_INTERVAL_MS);
    expect(checks).toEqual([0, CHECK_INTERVAL_MS, 2 * CHECK_INTERVAL_MS]);
    service.stop();
    await advance(3 * CHECK_INTERVAL_MS);
    expect(checks).toHaveLength(3);
  });

  it('never more often: switching the setting off and on again within a day does not check again', async () => {
    vi.useFakeTimers();
    const enabled = { on: true };
    const { service, checks, advance } = scheduled(enabled);
    await service.refresh();
    await advance(60_000);
    enabled.on = false;
    await service.refresh();
    enabled.on = true;
    await service.refresh();
    await service.refresh();
    expect(checks).toEqual([0]);
    await advance(CHECK_INTERVAL_MS - 60_000);
    expect(checks).toEqual([0, CHECK_INTERVAL_MS]);
    service.stop();
  });

  it('switched off, stops checking; switched on a day later, checks at once', async () => {
    vi.useFakeTimers();
    const enabled = { on: true };
    const { service, checks, advance } = scheduled(enabled);
    await service.refresh();
    enabled.on = false;
    await service.refresh();
    await advance(3 * CHECK_INTERVAL_MS);
    expect(checks).toEqual([0]);
    enabled.on = true;
    await service.refresh();
    expect(checks).toEqual([0, 3 * CHECK_INTERVAL_MS]);
    service.stop();
  });

  it('"Restart to Update" does nothing before an update is downloaded', async () => {
    const { service, updater } = scheduled({ on: true });
    await service.refresh();
    service.restartToUpdate();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    service.stop();
  });
});
