// What the popover tests need around a real headless Chromium: the built renderer, a static server for it,
// a stand-in for the preload API, and a record of everything the page complained about.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppState, BridgelightApi, FixResult } from '@src/shared/app-api';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { expectMatchesBaseline } from './baseline';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_OUT = join(REPO, 'out', 'renderer');
export const ARTIFACTS = join(REPO, 'test', 'artifacts', 'renderer');
/** The page's clock stands still here, so relative labels ("checked 12 s ago") and screenshots never drift. */
export const FIXED_NOW = Date.parse('2026-01-15T10:00:00.000Z');
export const CHROMIUM = CHROMIUM_PATH;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticServer {
  /** Where index.html is: under a sub-path, so an absolute asset URL (`/assets/…`) would 404. */
  pageUrl: string;
  /** Requests that found nothing. */
  misses: string[];
  close(): Promise<void>;
}

const MOUNT = '/popover/';

export async function serveRenderer(root = RENDERER_OUT): Promise<StaticServer> {
  const misses: string[] = [];
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const relative = pathname.startsWith(MOUNT) ? pathname.slice(MOUNT.length) : null;
    const file = relative === null ? null : resolve(root, relative === '' ? 'index.html' : relative);
    if (file === null || !file.startsWith(root + sep)) {
      // Chromium asks for a favicon on its own; that says nothing about the page's asset paths.
      if (pathname !== '/favicon.ico') misses.push(pathname);
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        response.end(body);
      },
      () => {
        misses.push(pathname);
        response.writeHead(404).end();
      },
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: `http://127.0.0.1:${port}${MOUNT}index.html`,
    misses,
    close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: the renderer tests drive a real headless Chromium. ` +
        'Install it with `apt-get install chromium` (CI installs it).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
  });
}

// ---- the stand-in for window.bridgelight ----

export interface Call {
  method: keyof BridgelightApi;
  args: unknown[];
}

/** How the test answers a pending fix()/undoFix(): with a result, or by rejecting like a broken IPC would. */
export type Settlement = { result: FixResult } | { reject: string };

interface StubWindow {
  bridgelight: BridgelightApi;
  __calls: Call[];
  __csp: string[];
  __pushState(state: AppState): void;
  __settle(method: 'fix' | 'undoFix', settlement: Settlement): boolean;
}

/**
 * Runs in the page before any of its scripts. Kept self-contained (no imports, no helpers from outside)
 * because Playwright sends its source text to the page.
 */
function installStub(initial: AppState): void {
  const w = window as unknown as StubWindow;
  let state = initial;
  const listeners = new Set<(state: AppState) => void>();
  const pending: Record<'fix' | 'undoFix', Array<(settlement: Settlement) => void>> = { fix: [], undoFix: [] };
  // IPC hands the renderer a fresh copy each time; so does the stub, so shared references cannot hide bugs.
  const copy = <T>(value: T): T => structuredClone(value);
  const record = (method: Call['method'], args: unknown[]) => {
    w.__calls.push({ method, args: args.map((arg) => (typeof arg === 'function' ? '[function]' : copy(arg))) });
  };
  const waitForSettlement = (method: 'fix' | 'undoFix') =>
    new Promise<FixResult>((resolveCall, rejectCall) => {
      pending[method].push((settlement) => {
        if ('reject' in settlement) rejectCall(new Error(settlement.reject));
        else resolveCall(copy(settlement.result));
      });
    });

  w.__calls = [];
  w.__csp = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    w.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`);
  });
  w.__pushState = (next) => {
    state = next;
    for (const listener of listeners) listener(copy(next));
  };
  w.__settle = (method, settlement) => {
    const settle = pending[method].shift();
    settle?.(settlement);
    return settle !== undefined;
  };
  const changeMutes = (id: string, vm: string | null, on: boolean) => {
    if (!state.settings) return Promise.reject(new Error('no settings'));
    const others = state.settings.mutedFindings.filter((mute) => mute.id !== id || mute.vm !== vm);
    const mutedFindings = on ? [...others, { id, vm } as (typeof others)[number]] : others;
    const settings = { ...state.settings, mutedFindings };
    const matches = (finding: { id: string; vm?: string }) =>
      mutedFindings.some((mute) => mute.id === finding.id && (mute.vm === null || mute.vm === finding.vm));
    const diagnosis = state.diagnosis && {
      ...state.diagnosis,
      findings: state.diagnosis.findings.map(({ muted: _was, ...finding }) =>
        matches(finding) ? { ...finding, muted: true as const } : finding,
      ),
    };
    w.__pushState({ ...state, settings, diagnosis });
    return Promise.resolve(copy(settings));
  };
  w.bridgelight = {
    getState: (...args: unknown[]) => {
      record('getState', args);
      return Promise.resolve(copy(state));
    },
    onState: (...args: unknown[]) => {
      record('onState', args);
      const listener = args[0] as (state: AppState) => void;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    recheck: (...args: unknown[]) => {
      record('recheck', args);
      return Promise.resolve();
    },
    fix: (...args: unknown[]) => {
      record('fix', args);
      return waitForSettlement('fix');
    },
    undoFix: (...args: unknown[]) => {
      record('undoFix', args);
      return waitForSettlement('undoFix');
    },
    getSettings: (...args: unknown[]) => {
      record('getSettings', args);
      return state.settings ? Promise.resolve(copy(state.settings)) : Promise.reject(new Error('no settings'));
    },
    // Like main: apply, push the new state to every window, answer with the new settings.
    updateSettings: (...args: unknown[]) => {
      record('updateSettings', args);
      if (!state.settings) return Promise.reject(new Error('no settings'));
      const settings = { ...state.settings, ...(args[0] as object) };
      w.__pushState({ ...state, settings });
      return Promise.resolve(copy(settings));
    },
    ignoreAddress: (...args: unknown[]) => {
      record('ignoreAddress', args);
      return state.settings ? Promise.resolve(copy(state.settings)) : Promise.reject(new Error('no settings'));
    },
    copyDiagnostics: (...args: unknown[]) => {
      record('copyDiagnostics', args);
      return Promise.resolve();
    },
    // Like main: change the list, re-mark the findings it matches, push the new state, answer with the settings.
    muteFinding: (...args: unknown[]) => {
      record('muteFinding', args);
      return changeMutes(args[0] as string, (args[1] as string | null) ?? null, true);
    },
    unmuteFinding: (...args: unknown[]) => {
      record('unmuteFinding', args);
      return changeMutes(args[0] as string, (args[1] as string | null) ?? null, false);
    },
  } as BridgelightApi;
}

export interface Popover {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions, failed requests and CSP violations, in words. */
  problems(): Promise<string[]>;
  calls(method?: Call['method']): Promise<Call[]>;
  push(state: AppState): Promise<void>;
  settle(method: 'fix' | 'undoFix', settlement: Settlement): Promise<void>;
  shoot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
}

export async function openPopover(
  browser: Browser,
  server: StaticServer,
  state: AppState,
  options: OpenOptions = {},
): Promise<Popover> {
  // A new context is a fresh profile: no storage or cache carried between tests.
  const context = await browser.newContext({
    viewport: { width: 360, height: 520 },
    deviceScaleFactor: 2,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
  });
  await context.clock.setFixedTime(FIXED_NOW);
  const page = await context.newPage();
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      seen.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => seen.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`));
  await page.addInitScript(installStub, state);
  await page.goto(server.pageUrl);
  await page.locator('.popover:not([aria-busy])').waitFor();

  return {
    context,
    page,
    problems: async () => [
      ...seen,
      ...(await page.evaluate(() => (window as unknown as StubWindow).__csp)),
      // React's style prop goes through the CSSOM, which CSP does not block: catch it as an attribute instead.
      // (Empty ones are Playwright's: hiding the caret for a screenshot leaves `style=""` on inputs.)
      ...(await page.evaluate(() =>
        [...document.querySelectorAll('[style]:not([style=""])')].map(
          (element) => `style attribute on <${element.localName}>`,
        ),
      )),
      ...server.misses.map((path) => `not found: ${path}`),
    ],
    calls: async (method) => {
      const calls = await page.evaluate(() => (window as unknown as StubWindow).__calls);
      return method ? calls.filter((call) => call.method === method) : calls;
    },
    push: (next) => page.evaluate((s) => (window as unknown as StubWindow).__pushState(s), next),
    settle: async (method, settlement) => {
      const settled = await page.evaluate(([m, s]) => (window as unknown as StubWindow).__settle(m, s), [
        method,
        settlement,
      ] as const);
      if (!settled) throw new Error(`No ${method}() call was waiting to be settled.`);
    },
    shoot: async (name) => {
      await mkdir(ARTIFACTS, { recursive: true });
      const png = await page.screenshot({
        path: join(ARTIFACTS, `${name}.png`),
        animations: 'disabled',
        caret: 'hide',
      });
      expectMatchesBaseline(name, png);
    },
    close: () => context.close(),
  };
}
