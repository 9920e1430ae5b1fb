#!/usr/bin/env node
// Fills the real checksums into packaging/homebrew/*.rb for a release: the cask gets each architecture's dmg,
// the formula the CLI's npm tarball (the bytes `npm publish` uploads). Writes the filled copies to OUT_DIR.
//
//   node scripts/homebrew.mjs DIST_DIR CLI_TARBALL OUT_DIR
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const UNFILLED = '0'.repeat(64);

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The text with each unfilled checksum replaced, in order; throws unless there are exactly as many. */
export function fillChecksums(text, sums) {
  const count = text.split(`"${UNFILLED}"`).length - 1;
  if (count !== sums.length) throw new Error(`expected ${sums.length} unfilled checksums, found ${count}`);
  let next = 0;
  return text.replaceAll(`"${UNFILLED}"`, () => `"${sums[next++]}"`);
}

export function fillHomebrew(distDir, cliTarball, version) {
  const dmg = (arch) => join(distDir, `Bridgelight-${version}-${arch}.dmg`);
  const read = (name) => readFileSync(join(ROOT, 'packaging/homebrew', name), 'utf8');
  return {
    'bridgelight.rb': fillChecksums(read('bridgelight.rb'), [sha256(dmg('arm64')), sha256(dmg('x64'))]),
    'bridgelight-cli.rb': fillChecksums(read('bridgelight-cli.rb'), [sha256(cliTarball)]),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [distDir, cliTarball, outDir] = process.argv.slice(2);
  if (!outDir) {
    process.stderr.write('usage: node scripts/homebrew.mjs DIST_DIR CLI_TARBALL OUT_DIR\n');
    process.exit(64);
  }
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(fillHomebrew(distDir, cliTarball, version)))
    writeFileSync(join(outDir, name), text);
}
