import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests import the code under test as `@src/…` (tsconfig.test.json's `paths` says the same to the type checker).
  resolve: { alias: { '@src': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    // Files run two at a time (2 cores); each lab test file builds its own namespaces under its own prefix.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
