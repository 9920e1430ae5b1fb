// Screenshots are compared, not just written: each `shoot(name)` must match test/renderer/baselines/<name>.png
// within a small pixel tolerance (anti-aliasing may differ by a shade; a moved or recoloured element does not
// pass). After a deliberate UI change, rewrite the baselines in the same commit:
//   UPDATE_BASELINES=1 npx vitest run test/renderer
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePng } from '../packaging/png';

export const BASELINES = fileURLToPath(new URL('./baselines/', import.meta.url));

/** A channel may differ by this much before its pixel counts as changed. */
const CHANNEL_TOLERANCE = 24;
/** At most this share of pixels may change. */
const CHANGED_SHARE = 0.001;

export interface PixelDiff {
  changed: number;
  total: number;
}

export function pixelDiff(actual: Buffer, expected: Buffer): PixelDiff | 'size differs' {
  const a = decodePng(actual);
  const b = decodePng(expected);
  if (a.width !== b.width || a.height !== b.height) return 'size differs';
  let changed = 0;
  for (let i = 0; i < a.pixels.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(a.pixels[i + c]! - b.pixels[i + c]!) > CHANNEL_TOLERANCE) {
        changed++;
        break;
      }
    }
  }
  return { changed, total: a.width * a.height };
}

/** Throws unless `png` matches the named baseline (or writes it, under UPDATE_BASELINES=1). */
export function expectMatchesBaseline(name: string, png: Buffer): void {
  const file = join(BASELINES, `${name}.png`);
  if (process.env.UPDATE_BASELINES === '1') {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(file, png);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`no baseline for screenshot ${name}: UPDATE_BASELINES=1 npx vitest run test/renderer`);
  }
  const diff = pixelDiff(png, readFileSync(file));
  if (diff === 'size differs') throw new Error(`screenshot ${name} is not the size of its baseline`);
  if (diff.changed > diff.total * CHANGED_SHARE) {
    throw new Error(
      `screenshot ${name} differs from its baseline in ${diff.changed} of ${diff.total} pixels (test/artifacts/renderer/${name}.png)`,
    );
  }
}
