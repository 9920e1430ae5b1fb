// `npm start` on a Mac: fetch the Electron binary on first run (npm ci runs no install scripts here, see .npmrc),
// then build and launch the app as it will ship. The production build runs under the strict CSP that
// Vite's dev server (inline scripts) could not.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
if (!existsSync(join(electronDir, 'path.txt'))) {
  process.stderr.write('Fetching the Electron binary (first start only)…\n');
  try {
    execFileSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'] });
  } catch {
    process.stderr.write(
      'npm start: could not download Electron (offline?). The terminal version needs no Electron: npx bridgelight check\n',
    );
    process.exit(1);
  }
}
const { preview } = await import('electron-vite');
await preview({ configFile: 'electron.vite.config.ts' }, { skipBuild: false });
