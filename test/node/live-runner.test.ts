import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveRunner, killAllRunning, onPath } from '@src/node/runners/live';
import { afterEach, describe, expect, it } from 'vitest';

const runner = createLiveRunner();

function livingProcessesWith(marker: string): string[] {
  // Zombies (state Z) are already dead; anything else still running counts.
  const out = execFileSync('/bin/ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(marker) && !line.trim().startsWith('Z') && !line.includes('ps -eo'));
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

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

  it('returns the whole result: text outcome, both streams verbatim, no detail, a whole-millisecond duration', async () => {
    const result = await runner.run({
      key: 'x',
      argv: ['/bin/sh', '-c', 'sleep 0.2; printf "out\n\n"; printf err >&2'],
      timeoutMs: 5_000,
    });
    expect(result).toEqual({
      outcome: 'text',
      stdout: 'out\n\n',
      stderr: 'err',
      exitCode: 0,
      detail: '',
      durationMs: expect.any(Number),
    });
    expect(Number.isInteger(result.durationMs)).toBe(true);
    expect(result.durationMs).toBeGreaterThanOrEqual(150);
    expect(result.durationMs).toBeLessThan(5_000);
  });

  it('gives commands no stdin, so a reader of stdin ends at once instead of timing out', async () => {
    const result = await runner.run({ key: 'x', argv: ['/bin/cat'], timeoutMs: 3_000 });
    expect(result).toMatchObject({ outcome: 'text', stdout: '', exitCode: 0 });
  });

  it('runs with the PATH it was given, and keeps the rest of the environment', async () => {
    process.env.BRIDGELIGHT_LIVE_RUNNER_PROBE = 'kept';
    try {
      const result = await createLiveRunner({ path: '/usr/bin:/bin' }).run({
        key: 'x',
        argv: ['/bin/sh', '-c', 'echo "$PATH $BRIDGELIGHT_LIVE_RUNNER_PROBE"'],
        timeoutMs: 5_000,
      });
      expect(result.stdout).toBe('/usr/bin:/bin kept\n');
    } finally {
      delete process.env.BRIDGELIGHT_LIVE_RUNNER_PROBE;
    }
  });

  it('finds tools by name only on the PATH it was given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridgelight-path-'));
    dirs.push(dir);
    const tool = join(dir, 'bridgelight-probe-tool');
    writeFileSync(tool, '#!/bin/sh\necho found\n');
    chmodSync(tool, 0o755);
    const withDir = createLiveRunner({ path: `${dir}:/usr/bin:/bin` });
    expect(withDir.locate?.('bridgelight-probe-tool')).toBe(true);
    expect(createLiveRunner({ path: '/usr/bin:/bin' }).locate?.('bridgelight-probe-tool')).toBe(false);
    const result = await withDir.run({ key: 'x', argv: ['bridgelight-probe-tool'], timeoutMs: 5_000 });
    expect(result).toMatchObject({ outcome: 'text', stdout: 'found\n' });
  });

  it('counts only executable regular files as tools', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridgelight-path-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'a-folder'));
    writeFileSync(join(dir, 'not-executable'), '#!/bin/sh\n');
    chmodSync(join(dir, 'not-executable'), 0o644);
    expect(onPath('a-folder', dir)).toBe(false);
    expect(onPath(join(dir, 'a-folder'), '')).toBe(false);
    expect(onPath('not-executable', dir)).toBe(false);
    // A relative PATH entry would find tools in whatever folder the app was started from.
    expect(onPath('sh', 'bin')).toBe(false);
    expect(onPath('sh', `bin:/bin`)).toBe(true);
  });

  it('refuses an empty argv with the command it came from', async () => {
    await expect(runner.run({ key: 'ifconfig', argv: [], timeoutMs: 1_000 })).rejects.toThrow(
      'command ifconfig has an empty argv',
    );
  });

  it('does not leave behind what a finished command started in the background with its output elsewhere', async () => {
    const marker = `${40 + (process.pid % 50)}.${(Date.now() + 7) % 100000}`;
    const result = await runner.run({
      key: 'x',
      argv: ['/bin/sh', '-c', `sleep ${marker} >/dev/null 2>&1 & echo started`],
      timeoutMs: 5_000,
    });
    expect(result).toMatchObject({ outcome: 'text', stdout: 'started\n' });
    await expect.poll(() => livingProcessesWith(`sleep ${marker}`)).toEqual([]);
  });

  it('killAllRunning ends every command still running (the CLI on Ctrl-C)', async () => {
    const marker = `${40 + (process.pid % 50)}.${(Date.now() + 13) % 100000}`;
    const started = Date.now();
    const pending = runner.run({
      key: 'x',
      argv: ['/bin/sh', '-c', `sleep ${marker} & sleep ${marker}`],
      timeoutMs: 30_000,
    });
    // Both sleeps have started (the shell's own line names the marker too).
    await expect.poll(() => livingProcessesWith(`sleep ${marker}`).length).toBe(3);
    killAllRunning();
    const result = await pending;
    expect(result).toMatchObject({ outcome: 'failed', exitCode: null });
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect.poll(() => livingProcessesWith(`sleep ${marker}`)).toEqual([]);
  });
});
