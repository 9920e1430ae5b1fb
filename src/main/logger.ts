// What main's modules need of a logger. index.ts passes electron-log; tests pass a recorder. Modules never
// import electron-log themselves, so they load outside Electron.
export interface Logger {
  info(...parts: unknown[]): void;
  warn(...parts: unknown[]): void;
  error(...parts: unknown[]): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
