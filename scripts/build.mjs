// `npm run build`: the app (main, preload, renderer → out/) with electron-vite, then the CLI (→ out/cli) with
// vite. Through their APIs rather than their bin files, which npm leaves non-executable under ignore-scripts.
import { build as buildApp } from 'electron-vite';
import { build as buildVite } from 'vite';

const only = process.argv[2];
if (only !== 'cli') await buildApp({ configFile: 'electron.vite.config.ts', logLevel: 'warn' });
if (only !== 'app') await buildVite({ configFile: 'vite.cli.config.ts', logLevel: 'warn' });
