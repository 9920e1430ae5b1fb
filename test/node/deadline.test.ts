import { underDeadline } from '@src/node/deadline';
import type { CommandSpec } from '@src/shared/command';
import { describe, expect, it } from 'vitest';
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
