// `npm run mutate`: mutation testing of the code whose mistakes matter most (the model and diagnosis, the Node
// collectors and fix planning, the confirmed fix and the IPC registry). Two workers at most: the machine is shared.
import { tmpdir } from 'node:os';
import path from 'node:path';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/shared/**/*.ts', 'src/node/**/*.ts', 'src/main/fix/**/*.ts', 'src/main/ipc/**/*.ts'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.node.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) need the whole suite rerun per mutant: 89 % of the time for 39 % of
  // the mutants. They are left out of the score.
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: 'test/artifacts/mutation/incremental.json',
  // Outside the repository, so vitest, tsc and the linters of a parallel `npm test` never see the sandbox copies.
  tempDirName: path.join(tmpdir(), `bridgelight-stryker-${path.basename(process.cwd())}`),
  ignorePatterns: ['out', 'dist', 'test/artifacts', 'test/lab', 'test/packaging'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'test/artifacts/mutation/index.html' },
  jsonReporter: { fileName: 'test/artifacts/mutation/report.json' },
  thresholds: { high: 85, low: 75, break: null },
};
