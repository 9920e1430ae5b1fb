#!/usr/bin/env node
// Renders every checked-in icon (the PNGs and build/icon.icns) from its one SVG source. The outputs are committed,
// so a clean clone builds without this script; run it after editing an SVG and commit both:
//
//   node scripts/generate-icons.mjs [--renderer rsvg|chromium]
//
// Renderer: Debian's rsvg-convert (apt package librsvg2-bin) when it is installed, otherwise the headless
// Chromium the browser tests already use. Both give black-on-transparent pixels for the tray glyphs, which is
// what makes them template images (macOS keeps their alpha and paints them to suit a light or dark bar).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RSVG = '/usr/bin/rsvg-convert';
const CHROMIUM = CHROMIUM_PATH;
export const TRAY_STATES = ['green', 'yellow', 'red', 'unknown'];

/** Every PNG output with its source and pixel size; the packaging test reads this list too. */
export function iconJobs() {
  const jobs = [
    { svg: 'assets/icon.svg', png: 'assets/icon.png', size: 1024 },
    // The full-size app icon where electron-builder looks by default (buildResources) for non-mac targets.
    { svg: 'assets/icon.svg', png: 'build/icon.png', size: 1024 },
  ];
  for (const state of TRAY_STATES) {
    const svg = `assets/tray/tray-${state}.svg`;
    // The "Template" suffix is what makes Electron mark the image as a macOS template image.
    jobs.push({ svg, png: `assets/tray/tray-${state}Template.png`, size: 16 });
    jobs.push({ svg, png: `assets/tray/tray-${state}Template@2x.png`, size: 32 });
  }
  return jobs;
}

/**
 * The mac app icon. electron-builder can turn a PNG into .icns only with a tool it downloads at build time, so
 * the .icns is made here instead: each slot holds a PNG rendered at exactly its size, which every macOS since
 * 10.7 reads. Slot types as Apple's iconutil writes them (the @2x slots reuse the bigger renderings).
 */
export const ICNS_JOB = {
  svg: 'assets/icon.svg',
  icns: 'build/icon.icns',
  slots: [
    ['icp4', 16],
    ['icp5', 32],
    ['ic11', 32],
    ['icp6', 64],
    ['ic12', 64],
    ['ic07', 128],
    ['ic13', 256],
    ['ic08', 256],
    ['ic14', 512],
    ['ic09', 512],
    ['ic10', 1024],
  ],
};

/** `icns` + total length, then per slot: its 4-byte type, its length including this 8-byte header, the PNG. */
export function buildIcns(pngBySize, slots = ICNS_JOB.slots) {
  const entries = slots.map(([type, size]) => {
    const png = pngBySize.get(size);
    if (!png) throw new Error(`no ${size} px rendering for icns slot ${type}`);
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + entries.reduce((sum, entry) => sum + entry.length, 0), 4);
  return Buffer.concat([header, ...entries]);
}

function canRun(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function rsvgRenderer() {
  return {
    name: 'rsvg-convert',
    async render(svgPath, size) {
      return execFileSync(RSVG, ['--width', String(size), '--height', String(size), '--format', 'png', svgPath], {
        maxBuffer: 64 * 1024 * 1024,
      });
    },
    async close() {},
  };
}

async function chromiumRenderer() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
  });
  // Nothing on the page may reach out: the SVG is inlined as a data: URL and every request is refused.
  const context = await browser.newContext({ deviceScaleFactor: 1, offline: true });
  await context.route('**/*', (route) => route.abort());
  const page = await context.newPage();
  return {
    name: 'chromium',
    async render(svgPath, size) {
      const data = readFileSync(svgPath).toString('base64');
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">` +
          `<img id="i" width="${size}" height="${size}" style="display:block" src="data:image/svg+xml;base64,${data}">` +
          `</body></html>`,
      );
      await page.locator('#i').evaluate((img) => img.decode());
      return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    },
    async close() {
      await browser.close();
    },
  };
}

/** rsvg-convert when installed, else Chromium; `requested` ('rsvg' or 'chromium') insists on one. */
export async function openRenderer(requested) {
  if (requested === 'rsvg' || (requested === undefined && canRun(RSVG))) {
    if (!canRun(RSVG)) throw new Error(`${RSVG} is missing: apt-get install librsvg2-bin`);
    return rsvgRenderer();
  }
  if (requested === 'chromium' || requested === undefined) {
    if (!canRun(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
    return chromiumRenderer();
  }
  throw new Error(`unknown renderer ${requested}: use rsvg or chromium`);
}

/** Every output file's bytes, keyed by its path from the repository root. */
export async function renderAll(renderer, root = ROOT) {
  const files = new Map();
  for (const job of iconJobs()) files.set(job.png, await renderer.render(join(root, job.svg), job.size));
  const pngBySize = new Map();
  for (const [, size] of ICNS_JOB.slots) {
    if (!pngBySize.has(size)) pngBySize.set(size, await renderer.render(join(root, ICNS_JOB.svg), size));
  }
  files.set(ICNS_JOB.icns, buildIcns(pngBySize));
  return files;
}

async function main(argv) {
  const flag = argv.indexOf('--renderer');
  const renderer = await openRenderer(flag === -1 ? undefined : argv[flag + 1]);
  try {
    for (const [path, bytes] of await renderAll(renderer)) {
      mkdirSync(dirname(join(ROOT, path)), { recursive: true });
      writeFileSync(join(ROOT, path), bytes);
      console.log(`${renderer.name}: ${path}`);
    }
  } finally {
    await renderer.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main(process.argv.slice(2));
}
