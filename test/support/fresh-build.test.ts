// The rule that keeps the browser, preload and lab CLI tests off stale build output, on a scratch tree.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILDS, isStale } from './fresh-build';

let root: string;
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

function file(relative: string, seconds: number): void {
  const full = join(root, relative);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, relative);
  utimesSync(full, at(seconds), at(seconds));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bl-fresh-'));
  file('src/renderer/main.tsx', 10);
  file('electron.vite.config.ts', 10);
  utimesSync(join(root, 'src/renderer'), at(10), at(10));
  utimesSync(join(root, 'src'), at(10), at(10));
  for (const output of BUILDS.app.outputs) file(output, 20);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('isStale', () => {
  it('is false when every output is newer than every input', () => {
    expect(isStale('app', root)).toBe(false);
  });

  it('is true when a source deep in src/ was edited after the build', () => {
    file('src/renderer/main.tsx', 30);
    expect(isStale('app', root)).toBe(true);
  });

  it('is true when a build config was edited after the build', () => {
    file('electron.vite.config.ts', 30);
    expect(isStale('app', root)).toBe(true);
  });

  it('is true when a source was deleted after the build (its directory changed)', () => {
    rmSync(join(root, 'src/renderer/main.tsx'));
    utimesSync(join(root, 'src/renderer'), at(30), at(30));
    expect(isStale('app', root)).toBe(true);
  });

  it('compares with the oldest output: one output left behind by an interrupted build is stale', () => {
    file('out/preload/index.cjs', 5);
    expect(isStale('app', root)).toBe(true);
  });

  it('is true when any output is missing', () => {
    rmSync(join(root, 'out/renderer/index.html'));
    expect(isStale('app', root)).toBe(true);
  });

  it("judges each target by its own outputs: a fresh app says nothing about the CLI's", () => {
    expect(isStale('cli', root)).toBe(true);
    file('out/cli/bridgelight.js', 20);
    expect(isStale('cli', root)).toBe(false);
  });
});
