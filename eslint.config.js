// ESLint does only what Biome can't express: the import boundaries between layers and the ban on ways of
// starting processes that bypass the CommandRunner. Style and everything else is Biome's.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'module',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];
const nodeImports = ['node:*', ...NODE_BUILTINS];
const SPAWNERS = ['child_process', 'node:child_process', 'execa'];
const MAIN_MESSAGE =
  'Main starts processes only through the CommandRunner, and imports neither the renderer, the CLI nor the preload (the app contract is in src/shared).';
const IPC_MAIN_MESSAGE = 'ipcMain is used only in src/main/ipc/registry.ts, which gates every handler.';

const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/artifacts/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  layer(
    ['src/shared/**'],
    [
      ...nodeImports,
      'electron',
      'electron/*',
      'react',
      'react-dom',
      'react-dom/*',
      'zustand',
      'execa',
      '**/node/**',
      '**/main/**',
      '**/cli/**',
      '**/renderer/**',
      '**/preload/**',
    ],
    'src/shared is the pure core: no Node, DOM, Electron or other layers.',
  ),
  layer(
    ['src/node/**', 'src/cli/**'],
    [...SPAWNERS, 'electron', 'electron/*', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/preload/**'],
    'src/node and src/cli run without Electron, and start processes only through the CommandRunner.',
  ),
  layer(
    ['src/node/runners/live.ts', 'src/node/runners/live-stream.ts'],
    ['electron', 'electron/*', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/preload/**'],
    'The live runners (live.ts, live-stream.ts) are the only places that start processes.',
  ),
  layer(
    ['src/main/**'],
    [...SPAWNERS, 'react', 'react-dom', '**/renderer/**', '**/cli/**', '**/preload/**'],
    MAIN_MESSAGE,
  ),
  layer(
    ['src/renderer/**'],
    [...nodeImports, 'electron', 'electron/*', 'execa', '**/node/**', '**/main/**', '**/cli/**', '**/preload/**'],
    'The renderer sees main only through the app contract (src/shared/app-api.ts) and the rest of src/shared.',
  ),
  layer(
    ['src/preload/**'],
    [...nodeImports, 'execa', '**/node/**', '**/main/**', '**/cli/**', '**/renderer/**'],
    'A sandboxed preload can only require electron.',
  ),
  {
    files: ['src/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='shell'][value.value=true]", message: 'No shell: pass an argv array.' },
        // exec/execSync can't be reached without importing child_process, which the layer rules above ban.
      ],
    },
  },
  // ipcMain only in the one registry that gates every call. Both rules repeat the src/main and src/** settings
  // above: a later block replaces a rule's options, it does not add to them.
  {
    files: ['src/main/**'],
    ignores: ['src/main/ipc/registry.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', importNames: ['ipcMain'], message: IPC_MAIN_MESSAGE }],
          patterns: [
            {
              group: [...SPAWNERS, 'react', 'react-dom', '**/renderer/**', '**/cli/**', '**/preload/**'],
              message: MAIN_MESSAGE,
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='shell'][value.value=true]", message: 'No shell: pass an argv array.' },
        { selector: "Identifier[name='ipcMain']", message: IPC_MAIN_MESSAGE },
      ],
    },
  },
  // Type-aware, over src/ only: a Promise dropped or handed to a void callback is a failure nobody hears of (it
  // would have caught Electron 44's clipboard.writeText turning async). Each layer is typed by its own tsconfig.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: true }],
    },
  },
  // The fakes of Electron objects are checked against Electron's own types (`implements`/`satisfies`): a double
  // cast would let a fake drift from electron.d.ts unnoticed.
  {
    files: ['test/main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression > TSAsExpression > TSUnknownKeyword',
          message: 'No `as unknown as`: type the fake with `implements`/`satisfies` Electron’s own types.',
        },
      ],
    },
  },
);
