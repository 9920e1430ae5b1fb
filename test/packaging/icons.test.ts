// The checked-in icons: that they are what scripts/generate-icons.mjs makes of the SVGs today, and that the tray
// glyphs work as macOS template images whose state reads by shape alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ICNS_JOB,
  type IconRenderer,
  iconJobs,
  openRenderer,
  renderAll,
  TRAY_STATES,
} from '../../scripts/generate-icons.mjs';
import { alphaOf, decodePng, type Rgba } from './png';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(REPO, path));
const image = (path: string) => decodePng(read(path));

function trayPath(state: string, scale: '' | '@2x'): string {
  return `assets/tray/tray-${state}Template${scale}.png`;
}

/** Share of pixels whose alpha differs by more than `by` between two same-sized images. */
function alphaDifference(a: Uint8Array, b: Uint8Array, by: number): number {
  let differing = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > by) differing++;
  return differing / a.length;
}

function halve(image: Rgba): Uint8Array {
  const alpha = alphaOf(image);
  const width = image.width / 2;
  const out = new Uint8Array(width * width);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const at = (dy: number, dx: number) => alpha[(2 * y + dy) * image.width + 2 * x + dx] ?? 0;
      out[y * width + x] = Math.round((at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4);
    }
  }
  return out;
}

/** Pixels where some channel is off by more than 96: antialiasing differs between renderers, shapes do not. */
function pixelsOff(a: Rgba, b: Rgba): number {
  let off = 0;
  for (let i = 0; i < a.width * a.height; i++) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs((a.pixels[i * 4 + c] ?? 0) - (b.pixels[i * 4 + c] ?? 0)) > 96) {
        off++;
        break;
      }
    }
  }
  return off;
}

interface IcnsSlot {
  type: string;
  png: Buffer;
}

function readIcns(icns: Buffer): IcnsSlot[] {
  expect(icns.toString('ascii', 0, 4)).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const slots: IcnsSlot[] = [];
  for (let at = 8; at < icns.length; ) {
    const length = icns.readUInt32BE(at + 4);
    expect(length).toBeGreaterThan(8);
    slots.push({ type: icns.toString('ascii', at, at + 4), png: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return slots;
}

describe('checked-in icons', () => {
  it.each(iconJobs())('$png is a $size px PNG', ({ png, size }) => {
    const decoded = image(png);
    expect([decoded.width, decoded.height]).toEqual([size, size]);
  });

  it('build/icon.png is the app icon', () => {
    expect(read('build/icon.png').equals(read('assets/icon.png'))).toBe(true);
  });

  it('the app icon sits on the macOS grid: a tile with transparent margins', () => {
    const icon = image('assets/icon.png');
    const alphaAt = (x: number, y: number) => icon.pixels[(y * icon.width + x) * 4 + 3];
    for (const [x, y] of [
      [0, 0],
      [1023, 0],
      [0, 1023],
      [1023, 1023],
      [50, 512],
    ] as const) {
      expect(alphaAt(x, y), `alpha at ${x},${y}`).toBe(0);
    }
    expect(alphaAt(512, 512)).toBe(255);
  });

  it('build/icon.icns holds every slot as a PNG of its own size', () => {
    const slots = readIcns(read(ICNS_JOB.icns));
    expect(slots.map((slot) => slot.type)).toEqual(ICNS_JOB.slots.map(([type]) => type));
    for (const [index, [type, size]] of ICNS_JOB.slots.entries()) {
      const png = decodePng(slots[index]!.png);
      expect([png.width, png.height], type).toEqual([size, size]);
    }
  });
});

describe('tray glyphs', () => {
  it.each(TRAY_STATES.flatMap((state) => [trayPath(state, ''), trayPath(state, '@2x')]))(
    '%s is a template image: black, shaped by alpha alone',
    (path) => {
      const { pixels } = image(path);
      const alpha = alphaOf(image(path));
      for (let i = 0; i < alpha.length; i++) {
        expect([pixels[i * 4], pixels[i * 4 + 1], pixels[i * 4 + 2]], `${path} pixel ${i}`).toEqual([0, 0, 0]);
      }
      expect(alpha.includes(0)).toBe(true);
      expect(alpha.includes(255)).toBe(true);
      const covered = alpha.filter((a) => a >= 128).length / alpha.length;
      // Neither a speck nor a blot: a glyph fills a good part of its square, with room to breathe.
      expect(covered).toBeGreaterThan(0.15);
      expect(covered).toBeLessThan(0.85);
    },
  );

  it.each(TRAY_STATES)('%s: the @2x image is the same glyph as the 1x one', (state) => {
    const big = image(trayPath(state, '@2x'));
    const small = alphaOf(image(trayPath(state, '')));
    expect(alphaDifference(halve(big), small, 96)).toBeLessThan(0.1);
  });

  it('every pair of states differs in shape, so no state relies on colour', () => {
    for (const [i, a] of TRAY_STATES.entries()) {
      for (const b of TRAY_STATES.slice(i + 1)) {
        const difference = alphaDifference(alphaOf(image(trayPath(a, '@2x'))), alphaOf(image(trayPath(b, '@2x'))), 128);
        expect(difference, `${a} vs ${b}`).toBeGreaterThan(0.08);
      }
    }
  });

  it.each(TRAY_STATES)('assets/tray/tray-%s.svg draws in black only (white appears only inside masks)', (state) => {
    const svg = read(`assets/tray/tray-${state}.svg`).toString('utf8');
    const outsideMasks = svg.replace(/<mask\b[\s\S]*?<\/mask>/g, '');
    const colours = [...outsideMasks.matchAll(/(?:fill|stroke|stop-color|color)\s*[=:]\s*"?([^";\s>]+)/g)].map(
      (match) => match[1]!.toLowerCase(),
    );
    expect(colours.length).toBeGreaterThan(0);
    for (const colour of colours) expect(['#000', '#000000', 'black', 'none']).toContain(colour);
  });
});

describe('generated files are up to date with their SVGs', () => {
  let renderer: IconRenderer;
  let fresh: Map<string, Buffer>;

  beforeAll(async () => {
    renderer = await openRenderer();
    fresh = await renderAll(renderer, REPO);
  }, 60_000);

  afterAll(async () => {
    await renderer?.close();
  });

  it('every PNG matches a fresh rendering (run `node scripts/generate-icons.mjs` if not)', () => {
    for (const { png } of iconJobs()) {
      const committed = image(png);
      const rendered = decodePng(fresh.get(png)!);
      const allowed = Math.max(3, 0.002 * committed.width * committed.height);
      expect(pixelsOff(committed, rendered), `${png} vs ${renderer.name}`).toBeLessThanOrEqual(allowed);
    }
  });

  it('every icns slot matches a fresh rendering', () => {
    const committed = readIcns(read(ICNS_JOB.icns));
    const rendered = readIcns(fresh.get(ICNS_JOB.icns)!);
    for (const [index, slot] of committed.entries()) {
      const a = decodePng(slot.png);
      const allowed = Math.max(3, 0.002 * a.width * a.height);
      expect(pixelsOff(a, decodePng(rendered[index]!.png)), slot.type).toBeLessThanOrEqual(allowed);
    }
  });
});
