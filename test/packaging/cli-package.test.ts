// @bridgelight/cli on its own: packed with `npm pack`, installed from the tarball into an empty prefix with npm
// offline (it has no dependencies to fetch), and run from there, far from this repository's node_modules.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { USAGE } from '@src/cli/usage';
import type { Diagnosis } from '@src/shared/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PACKAGE_NAME } from '../../scripts/pack-cli.mjs';
import { REPO } from './build-copy';

const run = promisify(execFile);
const app = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
const SEED = join(REPO, 'test/fixtures/bundles/seed');

let work: string;
let tarball: string;
let entries: string[];
let prefix: string;
let installed: string;

/** Runs the installed `bridgelight` from the prefix, with a PATH that has node and nothing of this repository. */
async function bridgelight(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(prefix, 'bin', 'bridgelight'), args, { cwd: prefix });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bridgelight-cli-test-'));
  const packed = await run(process.execPath, [join(REPO, 'scripts/pack-cli.mjs'), join(work, 'dist')]);
  tarball = packed.stdout.trim();
  entries = (await run('tar', ['-tzf', tarball])).stdout.trim().split('\n').sort();
  prefix = join(work, 'prefix');
  await run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--ignore-scripts', tarball], {
    cwd: work,
  });
  installed = join(prefix, 'lib', 'node_modules', CLI_PACKAGE_NAME);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`${CLI_PACKAGE_NAME}, packed`, () => {
  it('is named in the project’s own scope and versioned with the app', () => {
    expect(CLI_PACKAGE_NAME).toBe('@bridgelight/cli');
    expect(tarball.endsWith(`bridgelight-cli-${app.version}.tgz`)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@bridgelight/cli', version: app.version, type: 'module' });
    expect(manifest.bin).toEqual({ bridgelight: 'bin/bridgelight.js' });
    // Nothing to fetch and nothing that runs at install time.
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.optionalDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
  });

  it('holds the built CLI, the helper and a launcher: no Electron, React, tests, sources or maps', () => {
    expect(entries.filter((e) => !/^package\/out\/cli\/[\w-]+\.js$/.test(e))).toEqual([
      'package/README.md',
      'package/bin/bridgelight.js',
      'package/package.json',
      'package/resources/bridgelight-helper',
    ]);
    expect(entries).toContain('package/out/cli/bridgelight.js');
    for (const entry of entries) {
      expect(entry).not.toMatch(/node_modules|electron|react|\/test\/|\/src\/|\.tsx?$|\.map$/);
    }
  });

  it('loads nothing but Node built-ins and its own chunks (execa is bundled in)', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const seen: string[] = [];
    for (const entry of entries.filter((e) => e.endsWith('.js'))) {
      const code = readFileSync(join(installed, entry.replace(/^package\//, '')), 'utf8');
      const specifiers = [
        ...code.matchAll(/^\s*(?:import|export)\b[^'"\n]*?\bfrom\s*["']([^"']+)["']/gm),
        ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
        ...code.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1]!);
      seen.push(...specifiers);
      const foreign = specifiers.filter((s) => !s.startsWith('./') && !s.startsWith('../') && !builtins.has(s));
      expect(foreign, entry).toEqual([]);
    }
    // The check above saw the imports: execa's own use of child_process among them.
    expect(seen).toContain('node:child_process');
  });

  it('ships the helper byte for byte, where fix looks for it', () => {
    expect(readFileSync(join(installed, 'resources/bridgelight-helper'))).toEqual(
      readFileSync(join(REPO, 'resources/bridgelight-helper')),
    );
  });
});

describe(`${CLI_PACKAGE_NAME}, installed from the tarball into an empty prefix`, () => {
  it('bridgelight --version', async () => {
    expect(await bridgelight(['--version'])).toEqual({ code: 0, stdout: `bridgelight ${app.version}\n`, stderr: '' });
  });

  it('bridgelight check --replay on the seed bundle: red, the stale address found, its fix shown', async () => {
    const text = await bridgelight(['check', '--replay', SEED]);
    expect(text.code).toBe(2);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('✕ BROKEN');
    expect(text.stdout).toContain('fix: sudo ifconfig en0 delete 172.2.9.61');
    const json = await bridgelight(['check', '--json', '--replay', SEED]);
    const diagnosis = JSON.parse(json.stdout) as Diagnosis;
    expect(diagnosis.verdict).toBe('red');
    expect(diagnosis.findings.map((f) => f.id)).toContain('nat-source-stale');
  });

  it('bridgelight check --help', async () => {
    expect(await bridgelight(['check', '--help'])).toEqual({ code: 0, stdout: USAGE, stderr: '' });
  });
});
