// Where the app keeps settings.json and how it is written, for the app (src/main/settings) and the CLI alike: the
// CLI's `mute` edits the very file the app loads, without Electron. The app finds it as
// `app.getPath('userData')/settings.json`; userData is `appData/<productName>`, which settingsFilePath() spells
// out for a process that has no Electron to ask.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
