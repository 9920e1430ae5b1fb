// One deadline for a whole check's VM side: every listing, state and probe exec of every VM runs at once, and
// none may outlive the deadline, however many VMs there are. A command started late gets what is left.
import type { CommandResult, CommandRunner } from '../shared/command';

const TIMED_OUT: CommandResult = {
  outcome: 'timeout',
  stdout: '',
  stderr: '',
  exitCode: null,
  detail: '',
  durationMs: 0,
};

export function underDeadline(inner: CommandRunner, deadlineMs: number, now: () => number = Date.now): CommandRunner {
  const endsAt = now() + deadlineMs;
  const locate = inner.locate?.bind(inner);
  return {
    ...(locate ? { locate } : {}),
    run(spec) {
      const left = endsAt - now();
      // Nothing starts once the time is up: the answer is the one the command would have given, a timeout.
      if (left <= 0) return Promise.resolve(TIMED_OUT);
      return inner.run(left < spec.timeoutMs ? { ...spec, timeoutMs: left } : spec);
    },
  };
}
