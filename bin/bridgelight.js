#!/usr/bin/env node
// Thin launcher: the CLI itself is built by `npm run build` into out/cli.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../out/cli/bridgelight.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('bridgelight: the CLI is not built yet; run `npm run build` first.\n');
  process.exit(66);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
