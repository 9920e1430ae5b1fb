// The one port every collector goes through. Live, recording and replay runners differ only behind it.

export interface CommandSpec {
  /** Stable key naming what this command is for; the replay runner maps it to a bundle file. */
  key: string;
  /** Absolute path of the program (or a bare name resolved on PATH, only for tools with no fixed home, like minikube), then its arguments. Never a shell string. */
  argv: readonly string[];
  timeoutMs: number;
}

/**
 * What became of one command, so no collector has to guess:
 * - `text`: it ran and exited 0; `stdout` is its answer;
 * - `failed`: it ran and exited non-zero (`stdout` and `stderr` kept: some tools answer that way);
 * - `timeout`: it did not finish in time and was killed;
 * - `not-found`: the program does not exist;
 * - `missing`: replay only: the bundle does not hold this command's output;
 * - `refused`: the runner would not hand the output over (a bundle file too large, a name that could leave the folder).
 */
export const COMMAND_OUTCOMES = ['text', 'failed', 'timeout', 'not-found', 'missing', 'refused'] as const;
export type CommandOutcome = (typeof COMMAND_OUTCOMES)[number];

export interface CommandResult {
  outcome: CommandOutcome;
  stdout: string;
  stderr: string;
  /** null when the process did not exit by itself (timed out, killed, not found) or never ran (replay). */
  exitCode: number | null;
  /** For `missing` and `refused`: one line saying why, in the user's terms. Empty otherwise. */
  detail: string;
  durationMs: number;
}

export interface CommandRunner {
  run(spec: CommandSpec): Promise<CommandResult>;
  /** Whether a tool named without a path exists (one PATH look-up, no process); absent: run it and see. */
  locate?(tool: string): boolean;
}
