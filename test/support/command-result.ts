// A CommandResult for fake runners: say what differs; the outcome follows from the exit status unless given.
import type { CommandResult } from '@src/shared/command';

export function commandResult(result: Partial<CommandResult> = {}): CommandResult {
  const exitCode = result.exitCode === undefined ? 0 : result.exitCode;
  return {
    stdout: '',
    stderr: '',
    detail: '',
    durationMs: 1,
    ...result,
    exitCode,
    outcome: result.outcome ?? (exitCode === 0 ? 'text' : 'failed'),
  };
}
