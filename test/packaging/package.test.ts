// Packaging, checked offline: the electron-builder config and entitlements as written, then a real
// `electron-builder --mac --dir` of a fresh build against a stand-in Electron.app, and what ended up in the
// bundle: Info.plist, the root helper beside the asar, the asar's contents, its integrity hash and the fuses.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, getRawHeader, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAY_STATES } from '../../scripts/generate-icons.mjs';
import { type BuiltCopy, buildInTempCopy, describeTimings, REPO } from './build-copy';
import {
  createStandInElectron,
  ELECTRON_DEFAULT_FUSES,
  plist,
  readFuseWire,
  STAND_IN_ELECTRON_VERSION,
} from './stand-in-electron';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, narrowed by the assertions below.
type Loose = any;
const config = yaml.load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as Loose;
const electronVersion = (JSON.parse(readFileSync(join(REPO, 'node_modules/electron/package.json'), 'utf8')) as Loose)
  .version as string;

/** The fuses in @electron/fuses' FuseV1Options order (the byte order of the wire). */
const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

const FORBIDDEN_ENTITLEMENTS = [
  'com.apple.security.cs.disable-library-validation',
  'com.apple.security.cs.allow-dyld-environment-variables',
  'com.apple.security.get-task-allow',
  'com.apple.security.cs.allow-unsigned-executable-memory',
  'com.apple.security.cs.disable-executable-page-protection',
  'com.apple.security.cs.debugger',
];

/** Vite inlines these into out/renderer; a copy in node_modules would be dead weight. */
const BUNDLED_INTO_RENDERER = ['react', 'react-dom', 'scheduler'];

describe('electron-builder.yml', () => {
  it('identifies the app and pins Electron to the installed version', () => {
    expect(config.appId).toBe('dev.bridgelight.app');
    expect(config.productName).toBe('Bridgelight');
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
  });

  it('pins one Electron: electronVersion, the installed electron and the stand-in agree', () => {
    expect({ electronBuilderYml: config.electronVersion, standIn: STAND_IN_ELECTRON_VERSION }).toEqual({
      electronBuilderYml: electronVersion,
      standIn: electronVersion,
    });
  });

  it('flips every fuse Bridgelight does not need, and turns on the protective ones', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('includes only build output and tray images, never sources or tests', () => {
    const include = (config.files as string[]).filter((pattern) => !pattern.startsWith('!'));
    expect(include).toEqual(
      expect.arrayContaining(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**']),
    );
    for (const pattern of include)
      expect(pattern).toMatch(/^(package\.json|out\/(main|preload|renderer)\/|assets\/tray\/)/);
    expect(config.extraResources).toEqual([{ from: 'resources/bridgelight-helper', to: 'bridgelight-helper' }]);
  });

  it('builds a hardened, menu-bar-only mac app for both architectures', () => {
    const mac = config.mac;
    expect(mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(mac.category).toBe('public.app-category.developer-tools');
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.gatekeeperAssess).toBe(false);
    expect(mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
    expect(mac.extendInfo).toEqual({
      LSUIElement: true,
      NSUserNotificationAlertStyle: 'alert',
      NSLocalNetworkUsageDescription: expect.stringMatching(/local VMs .* private network/),
    });
    expect(mac.icon).toBe('build/icon.icns');
    // Left to electron-builder's environment-variable detection; `false` would silently ship un-notarized.
    expect(mac.notarize).not.toBe(false);
    expect(mac.identity).not.toBe(null);
  });
});

describe('build/entitlements.mac.plist', () => {
  const entitlements = plist.parse(readFileSync(join(REPO, 'build/entitlements.mac.plist'), 'utf8')) as Loose;

  it('grants the JIT V8 needs and nothing else', () => {
    expect(entitlements).toEqual({ 'com.apple.security.cs.allow-jit': true });
  });

  it.each(FORBIDDEN_ENTITLEMENTS)('does not grant %s', (key) => {
    expect(Object.keys(entitlements)).not.toContain(key);
  });
});

/** Lockfile paths (node_modules/a/node_modules/b) of everything `npm ci --omit=dev` would install. */
function lockfile(): Record<string, Loose> {
  return (JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as Loose).packages;
}

/** Where Node would find `name` when required from the package installed at lockfile path `from`. */
function resolveInLock(packages: Record<string, Loose>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** The packages `roots` need at run time: their dependencies, transitively, as lockfile paths. */
function runtimeClosure(roots: string[]): Set<string> {
  const packages = lockfile();
  const needed = new Set<string>();
  const visit = (from: string, name: string, optional: boolean) => {
    const path = resolveInLock(packages, from, name);
    if (!path) {
      if (optional) return;
      throw new Error(`${name} (needed by ${from || 'the app'}) is not in package-lock.json`);
    }
    if (needed.has(path)) return;
    needed.add(path);
    const entry = packages[path];
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(path, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(path, dep, true);
  };
  for (const root of roots) visit('', root, false);
  return needed;
}

/** Bare package names a built file loads at run time (import, dynamic import, require). */
function bareImports(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/\bfrom\s*["']([^"']+)["']/g),
    ...code.matchAll(/\bimport\s*\(?\s*["']([^"']+)["']/g),
    ...code.matchAll(/\brequire\s*\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1]!);
  const builtins = new Set(builtinModules);
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!))
    .filter((name) => name !== 'electron' && !builtins.has(name));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** node_modules/a/node_modules/@s/b for an asar path like /node_modules/a/node_modules/@s/b/lib/x.js */
function packageDirOf(asarPath: string): string | undefined {
  const parts = asarPath.replace(/^\//, '').split('/');
  let end = -1;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] !== 'node_modules' || i + 1 >= parts.length) continue;
    const last = parts[i + 1]!.startsWith('@') ? i + 2 : i + 1;
    // A scope's own folder (node_modules/@scope) is not a package.
    if (last >= parts.length) break;
    end = last;
    i = end;
  }
  return end === -1 ? undefined : parts.slice(0, end + 1).join('/');
}

describe('packaged Bridgelight.app (offline `--mac --dir` against a stand-in Electron)', () => {
  let copy: BuiltCopy;
  let app: string;
  let resources: string;
  let asar: string;
  let entries: string[];

  beforeAll(async () => {
    copy = await buildInTempCopy({ nodeModules: 'hardlink' });
    const electronDist = join(copy.dir, '..', 'electron-dist');
    const output = join(copy.dir, '..', 'dist');
    await createStandInElectron(electronDist);

    // Nothing from a developer's signing or notarization setup may leak in: this build must stay offline.
    const env: NodeJS.ProcessEnv = { CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
    for (const [key, value] of Object.entries(process.env)) {
      if (!/^(CSC_|APPLE_|WIN_CSC_|GH_TOKEN|GITHUB_TOKEN)/.test(key)) env[key] ??= value;
    }
    const start = performance.now();
    try {
      await run(
        process.execPath,
        [
          join(copy.dir, 'node_modules/electron-builder/cli.js'),
          '--mac',
          '--dir',
          '--arm64',
          '--publish',
          'never',
          `-c.electronDist=${electronDist}`,
          `-c.directories.output=${output}`,
        ],
        { cwd: copy.dir, env, maxBuffer: 64 * 1024 * 1024 },
      );
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`electron-builder failed:\n${failure.stdout ?? ''}\n${failure.stderr ?? failure.message}`);
    }
    copy.timings['electron-builder --mac --dir'] = Math.round(performance.now() - start);
    console.log(`packaging: ${describeTimings(copy.timings)}`);

    app = join(output, 'mac-arm64', 'Bridgelight.app');
    resources = join(app, 'Contents', 'Resources');
    asar = join(resources, 'app.asar');
    entries = listPackage(asar, { isPack: false });
  }, 150_000);

  afterAll(async () => {
    await copy?.remove();
  });

  it('has the Info.plist of a menu-bar app with Bridgelight’s identity', () => {
    const info = plist.parse(readFileSync(join(app, 'Contents', 'Info.plist'), 'utf8')) as Loose;
    expect(info).toMatchObject({
      CFBundleIdentifier: 'dev.bridgelight.app',
      CFBundleName: 'Bridgelight',
      CFBundleExecutable: 'Bridgelight',
      CFBundleIconFile: 'icon.icns',
      LSApplicationCategoryType: 'public.app-category.developer-tools',
      LSUIElement: true,
      NSUserNotificationAlertStyle: 'alert',
      // Without it macOS 15+ silently denies the VM-subnet probes (Local Network privacy).
      NSLocalNetworkUsageDescription: expect.stringContaining('Bridgelight connects to your local VMs'),
    });
    expect(existsSync(join(app, 'Contents', 'MacOS', 'Bridgelight'))).toBe(true);
    expect(readFileSync(join(resources, 'icon.icns')).equals(readFileSync(join(REPO, 'build/icon.icns')))).toBe(true);
  });

  it('renamed every helper app after Bridgelight', () => {
    const frameworks = readdirSync(join(app, 'Contents', 'Frameworks'));
    expect(frameworks.filter((name) => name.endsWith('.app')).sort()).toEqual([
      'Bridgelight Helper (GPU).app',
      'Bridgelight Helper (Plugin).app',
      'Bridgelight Helper (Renderer).app',
      'Bridgelight Helper.app',
    ]);
  });

  it('ships the root helper beside the asar, executable, byte for byte the reviewed file', () => {
    const helper = join(resources, 'bridgelight-helper');
    expect(statSync(helper).mode & 0o777).toBe(0o755);
    expect(readFileSync(helper).equals(readFileSync(join(copy.dir, 'resources', 'bridgelight-helper')))).toBe(true);
    expect(entries.some((entry) => entry.includes('bridgelight-helper'))).toBe(false);
  });

  it('runs as root the helper text sealed inside the asar (main and CLI bundles), the same reviewed file', () => {
    // As the bundler writes a string literal: JSON escapes, except that a tab stays a tab.
    const reviewed = JSON.stringify(readFileSync(join(copy.dir, 'resources', 'bridgelight-helper'), 'utf8')).replaceAll(
      '\\t',
      '\t',
    );
    expect(extractFile(asar, 'out/main/index.js').toString('utf8')).toContain(reviewed);
    // The CLI loads each command lazily, so the text sits in whichever of its chunks elevates.
    const cli = join(copy.dir, 'out', 'cli');
    const chunks = readdirSync(cli).filter((name) => name.endsWith('.js'));
    expect(chunks.filter((name) => readFileSync(join(cli, name), 'utf8').includes(reviewed))).toHaveLength(1);
  });

  it('keeps everything in the asar: nothing unpacked beside it', () => {
    expect(existsSync(`${asar}.unpacked`)).toBe(false);
    expect(readdirSync(resources).sort()).toEqual(['app.asar', 'bridgelight-helper', 'icon.icns']);
  });

  it('records the asar header hash Electron checks at startup (enableEmbeddedAsarIntegrityValidation)', () => {
    const info = plist.parse(readFileSync(join(app, 'Contents', 'Info.plist'), 'utf8')) as Loose;
    const integrity = info.ElectronAsarIntegrity['Resources/app.asar'];
    const hash = createHash('sha256').update(getRawHeader(asar).headerString).digest('hex');
    expect(integrity).toEqual({ algorithm: 'SHA256', hash });
  });

  it('flipped the fuses in the Electron framework binary as configured', () => {
    const binary = readFileSync(
      join(app, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework'),
    );
    const expected = FUSE_ORDER.map((fuse, index) => {
      const setting = config.electronFuses[fuse] as boolean | undefined;
      return setting === undefined ? ELECTRON_DEFAULT_FUSES[index] : setting ? '1' : '0';
    }).join('');
    expect(readFuseWire(binary)).toBe(expected);
    expect(expected).not.toBe(ELECTRON_DEFAULT_FUSES);
  });

  it('holds only the app’s build output, its tray images and package.json at the top level', () => {
    const top = new Set(entries.map((entry) => entry.split('/')[1]));
    expect([...top].sort()).toEqual(['assets', 'node_modules', 'out', 'package.json']);
    const outDirs = new Set(entries.filter((e) => e.startsWith('/out/')).map((e) => e.split('/')[2]));
    expect([...outDirs].sort()).toEqual(['main', 'preload', 'renderer']);
    const assets = entries.filter((e) => e.startsWith('/assets/') && e.endsWith('.png'));
    expect(assets.sort()).toEqual(
      TRAY_STATES.flatMap((s) => [
        `/assets/tray/tray-${s}Template.png`,
        `/assets/tray/tray-${s}Template@2x.png`,
      ]).sort(),
    );
  });

  it('carries no sources, tests, fixtures, type declarations or source maps', () => {
    const ownFiles = entries.filter((entry) => !entry.startsWith('/node_modules/'));
    const offenders = [
      ...entries.filter((entry) => /\.(ts|tsx|mts|cts|map)$/.test(entry)),
      ...ownFiles.filter((entry) =>
        /^\/(src|test|resources|scripts|build|bin)(\/|$)|\/(fixtures|__tests__)\//.test(entry),
      ),
    ];
    expect(offenders).toEqual([]);
  });

  it('starts where package.json says, with the preload main loads', () => {
    const packaged = JSON.parse(readFileSync(join(copy.dir, 'package.json'), 'utf8')) as Loose;
    expect(entries).toContain(`/${packaged.main}`);
    expect(entries).toContain('/out/preload/index.cjs');
    expect(entries).toContain('/out/renderer/index.html');
  });

  it('ships exactly the node_modules main needs at run time: no dev tools, nothing bundled twice', () => {
    const shipped = new Set(
      entries.map((entry) => packageDirOf(entry)).filter((dir): dir is string => dir !== undefined),
    );
    for (const name of ['electron', 'electron-builder', 'vitest', 'vite', 'typescript', 'eslint', 'playwright-core']) {
      expect(shipped, name).not.toContain(`node_modules/${name}`);
    }
    for (const name of BUNDLED_INTO_RENDERER) expect(shipped, name).not.toContain(`node_modules/${name}`);

    const built = [...filesUnder(join(copy.dir, 'out', 'main')), ...filesUnder(join(copy.dir, 'out', 'preload'))];
    const imported = [...new Set(built.flatMap((file) => bareImports(readFileSync(file, 'utf8'))))].sort();
    expect(imported.length, 'main loads its runtime dependencies from node_modules').toBeGreaterThan(0);
    const needed = runtimeClosure(imported);
    console.log(`packaging: main imports ${imported.join(', ')}; ${needed.size} packages ship in the asar`);
    // By package name: electron-builder may hoist a nested copy (electron-updater/node_modules/semver) to the top.
    const names = (paths: Iterable<string>) =>
      [
        ...new Set([...paths].map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))),
      ].sort();
    expect(names(shipped)).toEqual(names(needed));
  });
});
