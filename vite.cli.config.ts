import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };

// The CLI is a plain Node program with its runtime dependencies (execa) bundled in, so the standalone
// package (packaging/cli) needs nothing from npm. Only Node built-ins stay external. The entry holds what
// `--version` and `--help` need; each command is a chunk beside it, loaded when it runs.
export default defineConfig({
  define: { __BRIDGELIGHT_VERSION__: JSON.stringify(version) },
  ssr: { noExternal: true },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'out/cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { bridgelight: resolve('src/cli/main.ts') },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      // Chunks sit beside the entry: fix finds the helper relative to its own file (../../resources).
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
