// `npm run self-test` on a Mac: build the app, start it headless with --self-test (src/main/self-test.ts) and
// pass its JSON report and exit status through. The packaged app runs the same with
// `Bridgelight.app/Contents/MacOS/Bridgelight --self-test`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureElectronBinary } from './electron-binary.mjs';

if (process.platform !== 'darwin') {
  process.stderr.write('npm run self-test: the self-test is for a Mac; on Linux `npm test` covers the same code\n');
  process.exit(2);
}
ensureElectronBinary('npm run self-test');
const { build } = await import('electron-vite');
await build({ configFile: 'electron.vite.config.ts' });
const electron = createRequire(import.meta.url)('electron');
const run = spawnSync(electron, ['.', '--self-test'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
