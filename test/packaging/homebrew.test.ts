// The Homebrew cask and formula agree with what a release really publishes: package.json's version,
// electron-builder.yml's artifact names, architectures and GitHub feed, the CLI package's name; and the cask's
// zap stanza lists exactly the places the app writes to.

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillChecksums, fillHomebrew } from '../../scripts/homebrew.mjs';
import { CLI_PACKAGE_NAME } from '../../scripts/pack-cli.mjs';
import { REPO } from './build-copy';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, narrowed by the assertions below.
const builder = yaml.load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as any;
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  productName?: string;
  version: string;
  license: string;
};
const cask = readFileSync(join(REPO, 'packaging/homebrew/bridgelight.rb'), 'utf8');
const formula = readFileSync(join(REPO, 'packaging/homebrew/bridgelight-cli.rb'), 'utf8');
const UNFILLED = '0'.repeat(64);

/** The one string a stanza like `version "0.1.0"` holds. */
function stanza(text: string, name: string): string {
  const found = new RegExp(`^\\s*${name} "([^"]*)"`, 'm').exec(text);
  if (!found) throw new Error(`no ${name} stanza`);
  return found[1]!;
}

/** electron-builder's ${macro} expansion of an artifact name. */
const artifact = (arch: string, ext: string) => {
  const macros: Record<string, string> = { productName: builder.productName, version: pkg.version, arch, ext };
  return (builder.mac.artifactName as string).replace(/\$\{(\w+)\}/g, (_, name: string) => macros[name]!);
};

const release = `https://github.com/${builder.publish.owner}/${builder.publish.repo}`;

describe('packaging/homebrew/bridgelight.rb (the cask)', () => {
  const arches = Object.fromEntries(
    [...(/^\s*arch (.*)$/m.exec(cask)?.[1] ?? '').matchAll(/(\w+): "([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );

  it('has the version of package.json, the dmg per architecture electron-builder makes, from the GitHub release', () => {
    expect(stanza(cask, 'version')).toBe(pkg.version);
    expect(arches).toEqual({ arm: 'arm64', intel: 'x64' });
    const dmgArches = builder.mac.target.find((t: { target: string }) => t.target === 'dmg').arch;
    expect(Object.values(arches).sort()).toEqual([...dmgArches].sort());
    const url = stanza(cask, 'url');
    for (const arch of Object.values(arches) as string[]) {
      const expanded = url.replaceAll('#{version}', pkg.version).replaceAll('#{arch}', arch);
      expect(expanded).toBe(`${release}/releases/download/v${pkg.version}/${artifact(arch, 'dmg')}`);
    }
    expect(stanza(cask, 'homepage')).toBe(release);
    expect(builder.publish.provider).toBe('github');
  });

  it('installs the app electron-builder names, on Ventura or later, and says the app updates itself', () => {
    expect(cask).toMatch(new RegExp(`^\\s*app "${builder.productName}\\.app"$`, 'm'));
    expect(cask).toMatch(/^\s*depends_on macos: ">= :ventura"$/m);
    expect(cask).toMatch(/^\s*auto_updates true$/m);
  });

  it('ships unfilled checksums (zeros, which nothing matches) for the release to fill', () => {
    expect(cask).toMatch(new RegExp(`sha256 arm:\\s+"${UNFILLED}",\\s+intel: "${UNFILLED}"`));
  });

  it('zaps exactly the places the app writes to', () => {
    const zap = [...(/zap trash: \[([\s\S]*?)\]/.exec(cask)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    // Electron names the app after package.json's productName, else its name; app.getPath() follows that.
    const appName = pkg.productName ?? pkg.name;
    const main = readdirSync(join(REPO, 'src/main'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
      .join('\n');
    // Main asks Electron for two folders: userData (settings.json, and Chromium's own files) and the desktop
    // (only where the save dialog starts; what is saved there is the user's). A new one needs a zap entry.
    expect([...new Set([...main.matchAll(/getPath\('(\w+)'\)/g)].map((m) => m[1]))].sort()).toEqual([
      'desktop',
      'userData',
    ]);
    expect(main).toContain("from 'electron-log/main'");
    expect(main).toContain('showSaveDialog');
    expect(main).toContain("from './update/mac-updater'");
    expect(zap).toEqual(
      [
        `~/Library/Application Support/${appName}`, // app.getPath('userData'): settings.json
        `~/Library/Logs/${appName}`, // electron-log's file, in app.getPath('logs')
        `~/Library/Caches/${pkg.name.toLowerCase()}-updater`, // electron-updater's downloads (updaterCacheDirName)
        `~/Library/Caches/${builder.appId}.ShipIt`, // Squirrel.Mac's install state
        `~/Library/Preferences/${builder.appId}.plist`, // the app's defaults: the save panel's last folder
      ].sort(),
    );
  });
});

describe('packaging/homebrew/bridgelight-cli.rb (the formula)', () => {
  it('installs the npm package of the same version, with Node, and tests the installed command', () => {
    const [scope, name] = CLI_PACKAGE_NAME.split('/');
    expect(formula).toMatch(/^class BridgelightCli < Formula$/m);
    expect(stanza(formula, 'url')).toBe(`https://registry.npmjs.org/${scope}/${name}/-/${name}-${pkg.version}.tgz`);
    expect(stanza(formula, 'homepage')).toBe(release);
    expect(stanza(formula, 'license')).toBe(pkg.license);
    expect(stanza(formula, 'sha256')).toBe(UNFILLED);
    expect(formula).toMatch(/^\s*depends_on "node"$/m);
    expect(formula).toContain('system "npm", "install", *std_npm_args');
    expect(formula).toContain('shell_output("#{bin}/bridgelight --version")');
  });
});

describe('scripts/homebrew.mjs', () => {
  it("fills in the release's checksums and changes nothing else", () => {
    const dist = mkdtempSync(join(tmpdir(), 'bridgelight-brew-'));
    try {
      const files = { arm64: artifact('arm64', 'dmg'), x64: artifact('x64', 'dmg'), cli: 'bridgelight-cli.tgz' };
      for (const [key, file] of Object.entries(files)) writeFileSync(join(dist, file), `the ${key} bytes`);
      const sum = (key: string) => createHash('sha256').update(`the ${key} bytes`).digest('hex');
      const filled = fillHomebrew(dist, join(dist, files.cli), pkg.version);
      expect(filled['bridgelight.rb']).toBe(cask.replace(UNFILLED, sum('arm64')).replace(UNFILLED, sum('x64')));
      expect(filled['bridgelight-cli.rb']).toBe(formula.replace(UNFILLED, sum('cli')));
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('refuses a file whose unfilled checksums are not the ones expected', () => {
    expect(() => fillChecksums('sha256 "abc"', ['1'])).toThrow('expected 1 unfilled checksums, found 0');
  });
});
