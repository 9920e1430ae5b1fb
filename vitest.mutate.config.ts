import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant: the in-process unit tests of the mutated code. Not the lab (it needs
// root, fixed namespace names and the built CLI), the browser or packaging tests (they read built output, which a
// mutant of src/ never reaches).
export default defineConfig({
  // Tests import the code under test as `@src/…` (tsconfig.test.json's `paths` says the same to the type checker).
  resolve: { alias: { '@src': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['test/shared/**/*.test.ts', 'test/node/**/*.test.ts', 'test/main/**/*.test.ts', 'test/cli/**/*.test.ts'],
    // The updater's test (src/main/update is not mutated) counts the requests of a real download from a loopback
    // feed; under Stryker's initial run it saw the zip request late and failed it, stopping every mutation run.
    exclude: ['test/main/update/**'],
    // Instrumented code runs far slower than the build: the adversarial-shapes test walks json-values.ts character
    // by character and passed 20 s under Stryker on a loaded machine, failing the initial run. A mutant's own
    // time limit is Stryker's (timeoutMS, timeoutFactor), not this one.
    testTimeout: 120_000,
  },
});
