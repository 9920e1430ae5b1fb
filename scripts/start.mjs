// `npm start` on a Mac: fetch the Electron binary on first run, then build and launch the app as it will ship.
// The production build runs under the strict CSP that Vite's dev server (inline scripts) could not.
import { ensureElectronBinary } from './electron-binary.mjs';

ensureElectronBinary('npm start');
const { preview } = await import('electron-vite');
await preview({ configFile: 'electron.vite.config.ts' }, { skipBuild: false });
