// A stand-in for Electron's macOS distribution, so electron-builder can package Bridgelight here without
// downloading Electron. Only the shape electron-builder touches is real:
//   - an unpacked dist is a folder holding `Electron.app` (macPackager.getElectronSrcDir);
//   - Contents/Info.plist must parse, and its CFBundleExecutable names Contents/MacOS/Electron, which is renamed
//     (createMacApp fails with "corrupted Electron dist" without the plist);
//   - Frameworks/Electron Helper.app is always renamed; the (GPU)/(Plugin)/(Renderer) helpers are renamed when
//     their Info.plist exists, as in Electron 45;
//   - Frameworks/Electron Framework.framework/Electron Framework is where @electron/fuses looks for the fuse wire:
//     here it is a real sentinel followed by Electron's default wire, so flipping the fuses really happens and
//     can be read back. The framework keeps Electron's Versions/Current symlinks so they are copied as links.
// No default_app.asar: electron-builder deletes it from a downloaded Electron, and a fake one breaks the asar
// integrity step, which hashes every .asar it finds in Resources.
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
type PlistValue = string | boolean | number | PlistValue[] | { [key: string]: PlistValue };
/** electron-builder's own plist library, so the stand-in is written and the result read as it does. */
export const plist = require('plist') as {
  build(value: Record<string, PlistValue>): string;
  parse(xml: string): PlistValue;
};

/** @electron/fuses' sentinel; the wire follows it: version byte, length byte, one ASCII '0'/'1' per fuse. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** The Electron release this stand-in models; package.test.ts fails unless electron-builder.yml's
 * `electronVersion` and node_modules/electron agree with it, so a bump touches all three (README: Electron). */
export const STAND_IN_ELECTRON_VERSION = '45.5.0';

/** Electron's defaults in FuseV1Options order: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect
 * on, asar integrity off, only-load-from-asar off, browser-specific V8 snapshot off, file:// privileges on. */
export const ELECTRON_DEFAULT_FUSES = '10110001';

export const HELPER_SUFFIXES = ['', ' (GPU)', ' (Plugin)', ' (Renderer)'] as const;

async function put(path: string, content: string | Buffer, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  await chmod(path, mode);
}

const EXECUTABLE = '#!/bin/sh\n# Stand-in for an Electron Mach-O binary; never run.\nexit 1\n';

/** Writes `<dir>/Electron.app`; pass `dir` as electron-builder's `electronDist`. */
export async function createStandInElectron(dir: string): Promise<void> {
  const version = STAND_IN_ELECTRON_VERSION;
  const contents = join(dir, 'Electron.app', 'Contents');
  await put(
    join(contents, 'Info.plist'),
    plist.build({
      CFBundleDisplayName: 'Electron',
      CFBundleExecutable: 'Electron',
      CFBundleIconFile: 'electron.icns',
      CFBundleIdentifier: 'com.github.Electron',
      CFBundleName: 'Electron',
      CFBundlePackageType: 'APPL',
      CFBundleShortVersionString: version,
      CFBundleVersion: version,
      LSMinimumSystemVersion: '12.0',
      NSHighResolutionCapable: true,
      NSPrincipalClass: 'AtomApplication',
    }),
  );
  await put(join(contents, 'MacOS', 'Electron'), EXECUTABLE, 0o755);
  await put(join(contents, 'Resources', 'electron.icns'), 'stand-in icon, replaced by the app icon');

  for (const suffix of HELPER_SUFFIXES) {
    const helper = join(contents, 'Frameworks', `Electron Helper${suffix}.app`, 'Contents');
    await put(
      join(helper, 'Info.plist'),
      plist.build({
        CFBundleExecutable: `Electron Helper${suffix}`,
        CFBundleIdentifier: 'com.github.Electron.helper',
        CFBundleName: `Electron Helper${suffix}`,
        CFBundlePackageType: 'APPL',
        LSUIElement: true,
      }),
    );
    await put(join(helper, 'MacOS', `Electron Helper${suffix}`), EXECUTABLE, 0o755);
  }

  const framework = join(contents, 'Frameworks', 'Electron Framework.framework');
  const wire = Buffer.concat([
    Buffer.from('stand-in framework binary\n'),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES, 'ascii'),
    Buffer.from('\n'),
  ]);
  await put(join(framework, 'Versions', 'A', 'Electron Framework'), wire, 0o755);
  await put(join(framework, 'Versions', 'A', 'Resources', 'Info.plist'), plist.build({ CFBundleName: 'Electron' }));
  await symlink('A', join(framework, 'Versions', 'Current'));
  await symlink('Versions/Current/Electron Framework', join(framework, 'Electron Framework'));
  await symlink('Versions/Current/Resources', join(framework, 'Resources'));
}

/** The fuse wire as '0'/'1' characters, read the way @electron/fuses finds it. */
export function readFuseWire(frameworkBinary: Buffer): string {
  const at = frameworkBinary.indexOf(FUSE_SENTINEL);
  if (at === -1) throw new Error('no fuse sentinel in the framework binary');
  const start = at + FUSE_SENTINEL.length;
  const length = frameworkBinary[start + 1] ?? 0;
  return frameworkBinary.toString('ascii', start + 2, start + 2 + length);
}
