// A sandboxed preload can require nothing but 'electron' at run time: everything else must be bundled into the
// one CommonJS file electron-vite writes. A stray require would only fail inside Electron, which can't run here.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshBuild } from '../support/fresh-build';

const PRELOAD = new URL('../../out/preload/index.cjs', import.meta.url);

describe('the built preload', () => {
  // Never yesterday's bundle: out/ is rebuilt first when a source is newer.
  beforeAll(() => ensureFreshBuild('app'), 120_000);

  it("requires only 'electron' and exposes exactly one API object", () => {
    const text = readFileSync(PRELOAD, 'utf8');
    const required = [...text.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(text.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(text).toContain('"bridgelight:fix"');
  });
});
