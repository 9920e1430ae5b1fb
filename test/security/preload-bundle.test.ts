// A sandboxed preload can require nothing but 'electron' at run time: everything else must be bundled into the
// one CommonJS file electron-vite writes. A stray require would only fail inside Electron, which can't run here.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const PRELOAD = new URL('../../out/preload/index.cjs', import.meta.url);

describe('the built preload', () => {
  it('exists (npm test builds before it runs the tests)', () => {
    expect(existsSync(PRELOAD), 'run npm run build first').toBe(true);
  });

  it("requires only 'electron' and exposes exactly one API object", () => {
    const text = readFileSync(PRELOAD, 'utf8');
    const required = [...text.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(text.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(text).toContain('"bridgelight:fix"');
  });
});
