#!/usr/bin/env node
// Packs the CLI on its own as @bridgelight/cli: the bundled CLI (execa inside, no dependencies), the
// privileged helper and a launcher, nothing else. Builds into a staging folder, never into the repository's
// out/, and prints the tarball's path.
//
//   node scripts/pack-cli.mjs OUT_DIR
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI_PACKAGE_NAME = '@bridgelight/cli';

/** The package.json of @bridgelight/cli, its version and metadata taken from the app's. */
export function cliManifest(app) {
  return {
    name: CLI_PACKAGE_NAME,
    version: app.version,
    description: 'bridgelight: is the path from your minikube VM to the internet healthy, hop by hop?',
    license: app.license,
    type: 'module',
    bin: { bridgelight: 'bin/bridgelight.js' },
    engines: app.engines,
    repository: { type: 'git', url: 'git+https://github.com/bridgelight/bridgelight.git', directory: 'packaging/cli' },
    files: ['bin/', 'out/cli/', 'resources/bridgelight-helper'],
  };
}

export async function packCli(outDir) {
  const app = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const staging = mkdtempSync(join(tmpdir(), 'bridgelight-cli-'));
  try {
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.cli.config.ts'),
      logLevel: 'error',
      build: { outDir: join(staging, 'out', 'cli') },
    });
    mkdirSync(join(staging, 'bin'));
    mkdirSync(join(staging, 'resources'));
    copyFileSync(join(ROOT, 'packaging/cli/bridgelight.js'), join(staging, 'bin', 'bridgelight.js'));
    copyFileSync(join(ROOT, 'packaging/cli/README.md'), join(staging, 'README.md'));
    copyFileSync(join(ROOT, 'resources/bridgelight-helper'), join(staging, 'resources', 'bridgelight-helper'));
    writeFileSync(join(staging, 'package.json'), `${JSON.stringify(cliManifest(app), null, 2)}\n`);
    mkdirSync(outDir, { recursive: true });
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', resolve(outDir)], {
        cwd: staging,
        encoding: 'utf8',
      }),
    );
    return join(resolve(outDir), packed[0].filename);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) {
    process.stderr.write('usage: node scripts/pack-cli.mjs OUT_DIR\n');
    process.exit(64);
  }
  process.stdout.write(`${await packCli(process.argv[2])}\n`);
}
