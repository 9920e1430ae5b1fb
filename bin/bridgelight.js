#!/usr/bin/env node
// Thin launcher for the CLI that `npm run build` writes to out/cli. In a fresh checkout (npm ci runs no build
// scripts here: .npmrc has ignore-scripts) it builds the CLI once, so `npx bridgelight check` just works.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// V8's compile cache (Node 22.1+) keeps the parsed CLI between runs; older Nodes start without it.
module.enableCompileCache?.();

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = fileURLToPath(new URL('../out/cli/bridgelight.js', import.meta.url));

if (!existsSync(entry)) {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    process.stderr.write(
      'bridgelight: the CLI is not built and vite is not installed; run `npm ci && npm run build`.\n',
    );
    process.exit(66);
  }
  process.stderr.write('bridgelight: building the CLI once (npm run build does this too)…\n');
  await vite.build({
    root,
    configFile: fileURLToPath(new URL('../vite.cli.config.ts', import.meta.url)),
    logLevel: 'error',
  });
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
