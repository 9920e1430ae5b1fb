// Tests that read out/ (the browser tests, the preload bundle, the lab's CLI runs) must never test yesterday's
// code: before they read it, out/ is rebuilt when any input is newer than any of its outputs. `npm test` builds
// first, so there this costs one stat walk; a bare `npx vitest run test/renderer` after an edit gets a build.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export type BuildTarget = 'app' | 'cli';

/** What `node scripts/build.mjs <target>` writes, and what it reads (directories are walked). */
export const BUILDS: Record<BuildTarget, { outputs: string[]; inputs: string[] }> = {
  app: {
    outputs: ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'],
    inputs: ['src', 'electron.vite.config.ts', 'scripts/build.mjs', 'package.json'],
  },
  cli: {
    outputs: ['out/cli/bridgelight.js'],
    inputs: ['src', 'vite.cli.config.ts', 'scripts/build.mjs', 'package.json'],
  },
};

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** True when an output is missing or older than the newest input, under `root`. */
export function isStale(target: BuildTarget, root = REPO): boolean {
  const { outputs, inputs } = BUILDS[target];
  const outputPaths = outputs.map((output) => join(root, output));
  if (!outputPaths.every((output) => existsSync(output))) return true;
  const oldestOutput = Math.min(...outputPaths.map((output) => statSync(output).mtimeMs));
  const newestInput = Math.max(
    ...inputs
      .map((input) => join(root, input))
      .filter(existsSync)
      .map(newestMtime),
  );
  return newestInput > oldestOutput;
}

// Test files run in parallel workers: one builds while the others wait, then find the output fresh.
const LOCK = join(tmpdir(), `bridgelight-build-${Buffer.from(REPO).toString('base64url').slice(-24)}.lock`);
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function holderAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(LOCK, 'utf8'));
  } catch {
    return false; // released meanwhile
  }
  // Empty: its writer is between creating and filling it in, unless that was long ago and it died there.
  if (!pid) return Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 5_000;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function withBuildLock(work: () => void): void {
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!holderAlive()) rmSync(LOCK, { force: true });
      else pause(200);
    }
  }
  try {
    work();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

/** Rebuilds `target` into the repository's out/ when it is stale; afterwards its outputs are current. */
export function ensureFreshBuild(target: BuildTarget): void {
  if (!isStale(target)) return;
  withBuildLock(() => {
    if (!isStale(target)) return;
    execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), target], { cwd: REPO, stdio: 'inherit' });
    const missing = BUILDS[target].outputs.filter((output) => !existsSync(join(REPO, output)));
    if (missing.length > 0) throw new Error(`scripts/build.mjs ${target} finished without ${missing.join(', ')}.`);
  });
}
