// The OS event streams as MonitorEvents: which command each platform listens to, that events come out whole
// however the bytes are cut, how the end is passed on, and the bound on an unfinished line. spawnLines (the child
// process) is replaced by a stream the test feeds.
import { readFileSync } from 'node:fs';
import type { MonitorEvent } from '@src/shared/monitor-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const spawned = vi.hoisted(() => ({
  streams: [] as { argv: readonly string[]; feed: (text: string) => void; end: (why: string) => void; stops: number }[],
}));
vi.mock('@src/node/runners/live-stream', () => ({
  spawnLines(argv: readonly string[], onChunk: (text: string) => void) {
    let end!: (why: string) => void;
    const ended = new Promise<string>((resolve) => {
      end = resolve;
    });
    const stream = { argv, feed: onChunk, end, stops: 0 };
    spawned.streams.push(stream);
    return { ended, stop: () => stream.stops++ };
  },
}));

const { createEventSource, lineSplitter } = await import('@src/node/event-source');
const { linuxIpPath } = await import('@src/node/tools');

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

beforeEach(() => {
  spawned.streams.length = 0;
});

function listen(platform: 'linux' | 'darwin') {
  const source = createEventSource(platform);
  const events: MonitorEvent[] = [];
  const ends: string[] = [];
  source.start(
    (event) => events.push(event),
    (why) => ends.push(why),
  );
  const stream = spawned.streams.at(-1)!;
  return { source, events, ends, stream };
}

/** Feeds the text cut every `size` characters. */
function feedInPieces(feed: (text: string) => void, text: string, size: number): void {
  for (let at = 0; at < text.length; at += size) feed(text.slice(at, at + size));
}

describe('lineSplitter', () => {
  it('gives whole lines only, keeping the unfinished tail for the next chunk', () => {
    const lines: string[] = [];
    const split = lineSplitter((line) => lines.push(line));
    split('one\ntw');
    expect(lines).toEqual(['one']);
    split('o\n\nthree');
    expect(lines).toEqual(['one', 'two', '']);
    split('\n');
    expect(lines).toEqual(['one', 'two', '', 'three']);
  });

  it('drops an unfinished line longer than the bound, and reads on after it', () => {
    const lines: string[] = [];
    const split = lineSplitter((line) => lines.push(line), 8);
    split('123456789');
    split('tail\nnext\n');
    expect(lines).toEqual(['tail', 'next']);
    split('12345678');
    split('\n');
    expect(lines).toEqual(['tail', 'next', '12345678']);
  });
});

describe('the Linux source', () => {
  it('runs `ip -o monitor address route` and emits the events of whole lines, however they are cut', () => {
    const { events, stream } = listen('linux');
    expect(stream.argv).toEqual([linuxIpPath(), '-o', 'monitor', 'address', 'route']);
    feedInPieces(stream.feed, fixture('linux/ip-monitor.txt'), 7);
    expect(events.slice(0, 4)).toEqual([
      { kind: 'address', action: 'add', interface: 'vmeth0' },
      { kind: 'route', action: 'add', interface: 'vmeth0' },
      { kind: 'address', action: 'add', interface: 'vmnet0' },
      { kind: 'route', action: 'add', interface: 'vmnet0' },
    ]);
    expect(events).toContainEqual({ kind: 'address', action: 'add', interface: 'en0', address: '198.51.100.42' });
    expect(events.every((event) => event !== null)).toBe(true);
  });

  it('passes the end of the process on, and stops it', async () => {
    const { source, ends, stream } = listen('linux');
    stream.end('ip -o monitor address route exited (1)');
    await vi.waitFor(() => expect(ends).toEqual(['ip -o monitor address route exited (1)']));
    source.stop();
    source.stop();
    expect(stream.stops).toBe(1);
  });
});

describe('the macOS source', () => {
  const FLUSH = 'real/route-monitor/globalprotect-after-route-flush-inet6-rtm_delete-x5.txt';

  it('runs `route -n monitor` and emits each whole message’s events, however the bytes are cut', () => {
    const { events, stream } = listen('darwin');
    expect(stream.argv).toEqual(['/sbin/route', '-n', 'monitor']);
    // A further message header completes the last one.
    feedInPieces(stream.feed, `${fixture(FLUSH)}got message of size 1 on Mon Jun  3 10:00:00 2024\n`, 11);
    expect(events).toEqual(
      ['ipsec0', 'utun0', 'utun1', 'utun2', 'ipsec0'].map((name) => ({
        kind: 'route',
        action: 'delete',
        interface: name,
      })),
    );
  });

  it('passes the end of the process on, and stops it', async () => {
    const { source, ends, stream } = listen('darwin');
    stream.end('stopped');
    await vi.waitFor(() => expect(ends).toEqual(['stopped']));
    source.stop();
    source.stop();
    expect(stream.stops).toBe(1);
  });
});
