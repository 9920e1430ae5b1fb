import { underDeadline } from '@src/node/deadline';
import type { CommandRunner, CommandSpec } from '@src/shared/command';
import { describe, expect, it, vi } from 'vitest';
import { commandResult } from '../support/command-result';

const spec = (timeoutMs: number): CommandSpec => ({ key: 'x.txt', argv: ['tool'], timeoutMs });

describe('one deadline for the VM side', () => {
  it('gives a command what is left of the deadline, never more than its own timeout, and starts none after it', async () => {
    let now = 1_000;
    const seen: number[] = [];
    const runner = underDeadline(
      {
        run: async (given) => {
          seen.push(given.timeoutMs);
          return commandResult();
        },
        locate: (tool) => tool === 'tool',
      },
      10_000,
      () => now,
    );
    await runner.run(spec(3_000));
    now += 8_000;
    await runner.run(spec(3_000));
    now += 2_000;
    const late = await runner.run(spec(3_000));
    expect(seen).toEqual([3_000, 2_000]);
    expect(late.outcome).toBe('timeout');
    // The PATH look-up passes through: it costs no time and no process.
    expect(runner.locate?.('tool')).toBe(true);
    expect(runner.locate?.('other')).toBe(false);
  });
});

/** A runner without a PATH look-up that notes the timeout each command was given. */
function timeoutsSeen() {
  const seen: number[] = [];
  const inner: CommandRunner = {
    run: async (given) => {
      seen.push(given.timeoutMs);
      return commandResult();
    },
  };
  return { seen, inner };
}

describe('the deadline at its edges', () => {
  it('starts nothing at the very moment the time is up, and keeps a runner without a PATH look-up so', async () => {
    let now = 0;
    const { seen, inner } = timeoutsSeen();
    const runner = underDeadline(inner, 5_000, () => now);
    expect(runner).not.toHaveProperty('locate');
    now = 1_000;
    await runner.run(spec(4_000));
    now = 4_999;
    await runner.run(spec(4_000));
    now = 5_000;
    expect(await runner.run(spec(4_000))).toMatchObject({ outcome: 'timeout', exitCode: null, stdout: '' });
    expect(seen).toEqual([4_000, 1]);
  });

  it('counts from the clock when none is given', async () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
      const { seen, inner } = timeoutsSeen();
      const runner = underDeadline(inner, 3_000);
      vi.setSystemTime(new Date('2026-01-01T00:00:02Z'));
      await runner.run(spec(5_000));
      vi.setSystemTime(new Date('2026-01-01T00:00:03Z'));
      expect((await runner.run(spec(5_000))).outcome).toBe('timeout');
      expect(seen).toEqual([1_000]);
    } finally {
      vi.useRealTimers();
    }
  });
});
