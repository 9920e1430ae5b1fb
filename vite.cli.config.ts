import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The CLI is a plain Node program: one ESM file, Node built-ins and runtime dependencies left external.
export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'out/cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { bridgelight: resolve('src/cli/main.ts') },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'execa'],
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
