// spawnLines against real processes: what reaches the reader, how the end is worded, and that stop() leaves
// nothing of the stream's process group running.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnLines } from '@src/node/runners/live-stream';
import { afterEach, describe, expect, it } from 'vitest';

function collect(argv: readonly string[]) {
  let text = '';
  const stream = spawnLines(argv, (chunk) => {
    text += chunk;
  });
  return { stream, text: () => text };
}

function livingProcessesWith(marker: string): string[] {
  const out = execFileSync('/bin/ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(marker) && !line.trim().startsWith('Z') && !line.includes('ps -eo'));
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('spawnLines', () => {
  it('passes stdout on as text, with LANG=C, and words a clean exit with its status', async () => {
    const { stream, text } = collect(['/bin/sh', '-c', 'echo "$LANG $LC_ALL"; echo second']);
    await expect(stream.ended).resolves.toBe('/bin/sh -c echo "$LANG $LC_ALL"; echo second exited (0)');
    expect(text()).toBe('C C\nsecond\n');
  });

  it('leaves stderr out of the stream', async () => {
    const { stream, text } = collect(['/bin/sh', '-c', 'echo noise >&2; echo event']);
    await stream.ended;
    expect(text()).toBe('event\n');
  });

  it('gives the program no stdin, so a reader of stdin ends at once', async () => {
    const { stream, text } = collect(['/bin/cat']);
    await expect(stream.ended).resolves.toBe('/bin/cat exited (0)');
    expect(text()).toBe('');
  });

  it('words a failing exit with its code and a killed one with its signal', async () => {
    await expect(spawnLines(['/bin/sh', '-c', 'exit 3'], () => {}).ended).resolves.toBe('/bin/sh -c exit 3 exited (3)');
    await expect(spawnLines(['/bin/sh', '-c', 'kill -TERM $$'], () => {}).ended).resolves.toBe(
      '/bin/sh -c kill -TERM $$ exited (SIGTERM)',
    );
  });

  it('says a missing program could not start, instead of an exit it never had', async () => {
    await expect(spawnLines(['bridgelight-no-such-monitor', '-o'], () => {}).ended).resolves.toBe(
      'bridgelight-no-such-monitor -o could not start: bridgelight-no-such-monitor not found',
    );
  });

  it('says a program it may not run could not start, with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridgelight-stream-'));
    dirs.push(dir);
    const file = join(dir, 'monitor');
    writeFileSync(file, '#!/bin/sh\necho never\n');
    chmodSync(file, 0o644);
    await expect(spawnLines([file], () => {}).ended).resolves.toBe(`${file} could not start (EACCES)`);
  });

  it('ends as "stopped" when stopped, and kills the whole process group', async () => {
    const marker = `${60 + (process.pid % 30)}.${Date.now() % 100000}`;
    const { stream, text } = collect(['/bin/sh', '-c', `echo up; sleep ${marker} & sleep ${marker}`]);
    await expect.poll(text).toBe('up\n');
    stream.stop();
    await expect(stream.ended).resolves.toBe('stopped');
    await expect.poll(() => livingProcessesWith(`sleep ${marker}`)).toEqual([]);
  });

  it('can be stopped again after the process is gone', async () => {
    const { stream } = collect(['/bin/sh', '-c', 'exit 0']);
    await stream.ended;
    expect(() => stream.stop()).not.toThrow();
  });

  it('refuses an empty argv', () => {
    expect(() => spawnLines([], () => {})).toThrow('empty argv');
  });
});
