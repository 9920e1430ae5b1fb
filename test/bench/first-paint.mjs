// The popover's first paint in real headless Chromium, as `npm run bench` reports it: each run is a fresh
// profile (a new context: no cache, no storage) loading the built renderer (out/renderer) with a stand-in for the
// preload API holding the seed case's diagnosis. Two figures per run, from the page's own clock:
//   - first contentful paint (the paint timing entry);
//   - ready: the popover rendered with its state (`.popover:not([aria-busy])`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const ORIGIN = 'http://bridgelight.bench';

/** Runs in the page before its script: just enough of window.bridgelight for a first render. */
function installApi(state) {
  window.bridgelight = new Proxy(
    {
      getState: () => Promise.resolve(state),
      onState: (listener) => {
        listener(state);
        return () => {};
      },
    },
    // Every other call of the API answers with nothing, as a main process that has nothing to say would.
    { get: (target, key) => target[key] ?? (() => Promise.resolve(state.settings ?? null)) },
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function measureFirstPaint({ root, diagnosisFile, runs = 7 }) {
  const diagnosis = JSON.parse(readFileSync(diagnosisFile, 'utf8'));
  const state = { diagnosis, checkedAt: '2026-01-15T09:59:48.000Z', checking: false };
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const paints = [];
  const readies = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 520 }, deviceScaleFactor: 2 });
      // Served from memory by the browser itself: no socket, no server, nothing leaves the process.
      await context.route(`${ORIGIN}/**`, (route) => {
        const relative = new URL(route.request().url()).pathname.slice(1) || 'index.html';
        const file = path.resolve(root, relative);
        if (!file.startsWith(root + path.sep)) return route.fulfill({ status: 404 });
        return route.fulfill({ path: file });
      });
      const page = await context.newPage();
      await page.addInitScript(installApi, state);
      await page.goto(`${ORIGIN}/index.html`);
      const ready = await page.waitForFunction(
        () => document.querySelector('.popover:not([aria-busy])') && performance.now(),
        null,
        { polling: 'raf' },
      );
      readies.push(await ready.jsonValue());
      const fcp = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      );
      if (fcp !== null) paints.push(fcp);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const round = (value) => Math.round(value);
  return {
    runs,
    firstContentfulPaintMedianMs: paints.length > 0 ? round(median(paints)) : null,
    readyMedianMs: round(median(readies)),
  };
}
