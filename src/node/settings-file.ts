// Where the app keeps settings.json and how it is written, for the app (src/main/settings) and the CLI alike: the
// CLI's `mute` edits the very file the app loads, without Electron. The app finds it as
// `app.getPath('userData')/settings.json`; userData is `appData/<productName>`, which settingsFilePath() spells
// out for a process that has no Electron to ask.
import { type FSWatcher, mkdirSync, readFileSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** electron-builder.yml's productName: the folder Electron names userData after in the packaged app. */
export const APP_DATA_FOLDER = 'Bridgelight';
export const SETTINGS_FILE_NAME = 'settings.json';

/** Electron's appData: `~/Library/Application Support` on macOS, `$XDG_CONFIG_HOME` or `~/.config` elsewhere. */
export function settingsFilePath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env.XDG_CONFIG_HOME;
  const appData =
    platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : xdg?.startsWith('/')
        ? xdg
        : join(home, '.config');
  return join(appData, APP_DATA_FOLDER, SETTINGS_FILE_NAME);
}

export type SettingsRead =
  | { kind: 'absent' }
  | { kind: 'unreadable'; message: string }
  | { kind: 'not-json'; message: string }
  | { kind: 'json'; value: unknown };

/** The file's JSON as it stands, or why there is none: each caller decides what a missing or broken file means. */
export function readSettingsJson(path: string): SettingsRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'unreadable', message: (error as Error).message };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'not-json', message: (error as Error).message };
  }
}

/** Written atomically (a temporary file renamed over it): a crash mid-write leaves the old file, never half a new one. */
export function writeSettingsJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** How long a burst of events (temporary file, rename) settles before one reload. */
export const SETTINGS_SETTLE_MS = 100;

/**
 * Calls `changed` once after the file is replaced or changed by anyone (the CLI's `mute`, or the app itself: the
 * caller compares). The folder is watched, not the file: an atomic write renames a new file over the old one.
 * Returns the stop function; when the folder cannot be watched, says why through `failed` and watches nothing.
 */
export function watchSettingsFile(path: string, changed: () => void, failed: (error: Error) => void): () => void {
  const name = basename(path);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let watcher: FSWatcher;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      if (file !== null && file !== name) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        changed();
      }, SETTINGS_SETTLE_MS);
    });
  } catch (error) {
    failed(error as Error);
    return () => {};
  }
  watcher.on('error', failed);
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
