// Where the app's own files are, packaged or run from the repository. app.getAppPath() is the project root in
// development and the app.asar root when packaged. (The root helper is not located here: its text is built into
// the app, src/node/helper-body.ts; the copy in Resources is for people to read.)
import { join } from 'node:path';

export interface AppLocation {
  isPackaged: boolean;
  /** app.getAppPath() */
  appPath: string;
  /** process.resourcesPath */
  resourcesPath: string;
}

export interface AppPaths {
  rendererRoot: string;
  preload: string;
  assets: string;
}

/** electron-vite names a CommonJS chunk `.cjs` when package.json says `"type": "module"`. */
export const PRELOAD_FILE = 'index.cjs';

export function appPaths(location: AppLocation): AppPaths {
  return {
    rendererRoot: join(location.appPath, 'out', 'renderer'),
    preload: join(location.appPath, 'out', 'preload', PRELOAD_FILE),
    assets: join(location.appPath, 'assets'),
  };
}
