import { execFileSync } from 'node:child_process';
import { createLiveRunner, onPath } from '@src/node/runners/live';
import { describe, expect, it } from 'vitest';

const runner = createLiveRunner();

function livingProcessesWith(marker: string): string[] {
  // Zombies (state Z) are already dead; anything else still running counts.
  const out = execFileSync('/bin/ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(marker) && !line.trim().startsWith('Z') && !line.includes('ps -eo'));
}

describe('live runner', () => {
  it('runs argv without a shell, with LANG=C', async () => {
    const result = await runner.run({
      key: 'x',
      argv: ['/bin/sh', '-c', 'echo "$LANG $LC_ALL" ; echo "$0"', 'a;b'],
      timeoutMs: 5_000,
    });
    expect(result).toMatchObject({ outcome: 'text', exitCode: 0 });
    expect(result.stdout).toBe('C C\na;b\n');
  });

  it('never interprets shell syntax in arguments', async () => {
    const result = await runner.run({
      key: 'x',
      argv: ['/bin/echo', '$(id)', '`id`', ';', '&&', '|'],
      timeoutMs: 5_000,
    });
    expect(result.stdout).toBe('$(id) `id` ; && |\n');
  });

  it('finds a tool on PATH without starting it', () => {
    expect(runner.locate?.('sh')).toBe(true);
    expect(runner.locate?.('bridgelight-no-such-tool')).toBe(false);
    expect(onPath('sh', '/nonexistent:relative/bin')).toBe(false);
    expect(onPath('/bin/sh', '')).toBe(true);
  });

  it('reports a missing program as not found, not as a crash', async () => {
    const result = await runner.run({ key: 'x', argv: ['bridgelight-no-such-tool'], timeoutMs: 5_000 });
    expect(result).toMatchObject({ outcome: 'not-found', exitCode: null });
  });

  it('keeps the exit status and stderr of a failing command', async () => {
    const result = await runner.run({ key: 'x', argv: ['/bin/sh', '-c', 'echo oops >&2; exit 7'], timeoutMs: 5_000 });
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 7, stderr: 'oops\n' });
  });

  it('kills the whole process group on timeout and leaves nothing running', async () => {
    // A unique duration makes the background sleep findable in ps.
    const marker = `${40 + (process.pid % 50)}.${Date.now() % 100000}`;
    const started = Date.now();
    const result = await runner.run({
      key: 'x',
      argv: ['/bin/sh', '-c', `sleep ${marker} & sleep ${marker}`],
      timeoutMs: 300,
    });
    expect(result.outcome).toBe('timeout');
    expect(result.exitCode).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(livingProcessesWith(`sleep ${marker}`)).toEqual([]);
  });
});
