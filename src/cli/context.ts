// What a command may touch of the outside world, passed in so tests can run commands in-process.
import type { CheckOptions } from '../node/engine';
import type { MonitorTiming } from '../node/monitor';
import type { Output, TerminalOutput } from './terminal';

export type { Output } from './terminal';

export interface CommandContext {
  stdout: Output;
  stderr: Output;
  stdin?: NodeJS.ReadStream;
  version: string;
  /** Overrides for collector timeouts (tests shorten them). */
  timeouts?: CheckOptions['timeouts'];
  watchTiming?: Partial<MonitorTiming>;
  /** Aborted on Ctrl-C / SIGTERM: long-running commands (watch) end cleanly. */
  signal?: AbortSignal;
  /** The app's settings.json (mutes live there); tests point it elsewhere. Default: settingsFilePath(). */
  settingsPath?: string;
}

/** What a command runs with: its outputs already pass through the terminal sanitizer (src/cli/terminal.ts). */
export interface TerminalContext extends CommandContext {
  stdout: TerminalOutput;
  stderr: TerminalOutput;
}

declare const __BRIDGELIGHT_VERSION__: string | undefined;

export function defaultContext(): CommandContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    version: typeof __BRIDGELIGHT_VERSION__ === 'string' ? __BRIDGELIGHT_VERSION__ : 'dev',
  };
}
