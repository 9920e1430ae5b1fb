// The Electron binary for running the app from the checkout on a Mac: npm ci runs no install scripts here (see
// .npmrc), so the first run fetches it. Shared by `npm start` and `npm run self-test`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Fetches the binary on first use; exits with a one-line reason when it cannot. */
export function ensureElectronBinary(command) {
  const electronDir = dirname(require.resolve('electron/package.json'));
  if (existsSync(join(electronDir, 'path.txt'))) return;
  process.stderr.write('Fetching the Electron binary (first run only)…\n');
  try {
    execFileSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'] });
  } catch {
    process.stderr.write(
      `${command}: could not download Electron (offline?). The terminal version needs no Electron: ./bin/bridgelight.js check\n`,
    );
    process.exit(1);
  }
}
