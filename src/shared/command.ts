// The one port every collector goes through. Live, recording and replay runners differ only behind it.

export interface CommandSpec {
  /** Stable key naming what this command is for; the replay runner maps it to a bundle file. */
  key: string;
  /** Absolute path of the program (or a bare name resolved on PATH, only for tools with no fixed home, like minikube), then its arguments. Never a shell string. */
  argv: readonly string[];
  timeoutMs: number;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** null when the process did not exit by itself (timed out, killed, not found). */
  exitCode: number | null;
  timedOut: boolean;
  /** The program does not exist (ENOENT). */
  notFound: boolean;
  durationMs: number;
}

export interface CommandRunner {
  run(spec: CommandSpec): Promise<CommandResult>;
}
