// eslint.config.js bans ipcMain outside the one registry that gates every call; this checks the sources on its
// own, so a loosened lint config does not let a second handler in unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'main');
const REGISTRY = 'src/main/ipc/registry.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(c|m)?[jt]sx?$/.test(entry.name) ? [path] : [];
  });
}

// Any mention that could reach ipcMain: the named import, a property access, or a destructured require.
const IPC_MAIN = /\bipcMain\b/;

function ipcMainOutsideRegistry(files: { path: string; text: string }[]): string[] {
  return files
    .filter((file) => file.path !== REGISTRY)
    .flatMap((file) =>
      file.text
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => IPC_MAIN.test(line))
        .map(({ line, index }) => `${file.path}:${index + 1}: ${line.trim()}`),
    );
}

describe('ipcMain stays in the registry', () => {
  it('appears nowhere in src/main but src/main/ipc/registry.ts', () => {
    const files = sources(MAIN).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
    expect(files.some((file) => file.path === REGISTRY)).toBe(true);
    expect(ipcMainOutsideRegistry(files)).toEqual([]);
  });

  it('would catch a handler registered elsewhere', () => {
    const planted = [
      { path: 'src/main/tray/tray.ts', text: "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);" },
      { path: 'src/main/other.ts', text: "electron.ipcMain.on('y', () => {});" },
      { path: REGISTRY, text: 'ipcMain.handle(channel, listener);' },
    ];
    expect(ipcMainOutsideRegistry(planted)).toEqual([
      "src/main/tray/tray.ts:1: import { ipcMain } from 'electron';",
      "src/main/tray/tray.ts:2: ipcMain.handle('x', () => 1);",
      "src/main/other.ts:1: electron.ipcMain.on('y', () => {});",
    ]);
  });
});
