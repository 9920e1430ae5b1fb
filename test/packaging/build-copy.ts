// A fresh build of the app in a temporary copy of the repository, for tests that look at build output. A copy,
// because colleagues and other test files use the repository's own out/ at the same time, and a stale out/
// would let a test pass on yesterday's code.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Never copied: installed or generated trees, and the repository's history. */
const SKIP = new Set(['node_modules', 'out', 'dist', '.git', join('test', 'artifacts')]);

export interface BuiltCopy {
  /** The copy's project root: package.json, electron-builder.yml, out/… */
  dir: string;
  /** Milliseconds per step, for the test to print. */
  timings: Record<string, number>;
  remove(): Promise<void>;
}

export interface CopyOptions {
  /**
   * `hardlink` gives the copy its own node_modules tree (links to the same files, made in about 2 s), which
   * electron-builder needs: it lists dependencies with `npm list`, and npm treats a symlinked node_modules as
   * foreign and reports every package extraneous. `symlink` is enough for building alone.
   */
  nodeModules: 'hardlink' | 'symlink';
}

async function timed<T>(timings: Record<string, number>, step: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[step] = Math.round(performance.now() - start);
  }
}

async function linkNodeModules(dest: string, mode: CopyOptions['nodeModules']): Promise<void> {
  const source = join(REPO, 'node_modules');
  if (mode === 'symlink') {
    await symlink(source, dest, 'dir');
    return;
  }
  try {
    await run('cp', ['-al', source, dest]);
  } catch {
    // GNU cp's -al is missing (macOS) or the temp dir is on another filesystem: a real copy is slow but sure.
    await rm(dest, { recursive: true, force: true });
    await cp(source, dest, { recursive: true, verbatimSymlinks: true });
  }
}

/** Copies the repository to a temp dir and runs `npm run build` there. */
export async function buildInTempCopy(options: CopyOptions): Promise<BuiltCopy> {
  const timings: Record<string, number> = {};
  const root = await mkdtemp(join(tmpdir(), 'bridgelight-build-'));
  const dir = join(root, 'project');
  const remove = () => rm(root, { recursive: true, force: true });
  try {
    await timed(timings, 'copy sources', () =>
      cp(REPO, dir, {
        recursive: true,
        verbatimSymlinks: true,
        filter: (source) => !SKIP.has(relative(REPO, source)),
      }),
    );
    await timed(timings, `${options.nodeModules} node_modules`, () =>
      linkNodeModules(join(dir, 'node_modules'), options.nodeModules),
    );

    // Exactly what a person or CI runs, so the package holds what `npm run build` makes.
    await timed(timings, 'npm run build', () =>
      run('npm', ['run', 'build', '--silent'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).catch(
        (error: { stdout?: string; stderr?: string; message: string }) => {
          throw new Error(`npm run build failed in ${dir}:\n${error.stderr || error.stdout || error.message}`);
        },
      ),
    );
    for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      if (!existsSync(join(dir, built))) throw new Error(`npm run build finished without ${built}`);
    }
    return { dir, timings, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** One line per step, e.g. "copy sources 310 ms, npm run build 2400 ms". */
export function describeTimings(timings: Record<string, number>): string {
  return Object.entries(timings)
    .map(([step, ms]) => `${step} ${ms} ms`)
    .join(', ');
}
