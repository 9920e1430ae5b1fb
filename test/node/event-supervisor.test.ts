// The event stream's keeper: a dead `ip monitor` / `route -n monitor` is said and restarted with back-off. A fake
// source stands in for the child process; fake timers make every back-off exact.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createEventSource, type EventSource } from '@src/node/event-source';
import {
  DEFAULT_RESTART_TIMING,
  describeEventSource,
  type EventSourceStatus,
  EventSupervisor,
  eventSourceProblem,
  restartDelay,
} from '@src/node/event-supervisor';
import type { MonitorEvent } from '@src/shared/monitor-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A stream the test kills by hand: each start is one "process", with its own end callback. */
class FakeSource implements EventSource {
  starts = 0;
  stops = 0;
  throwOnStart: Error | null = null;
  private emitter: ((event: MonitorEvent) => void) | null = null;
  private ender: ((why: string) => void) | null = null;
  readonly enders: Array<(why: string) => void> = [];

  start(onEvent: (event: MonitorEvent) => void, onEnd: (why: string) => void) {
    this.starts++;
    if (this.throwOnStart) throw this.throwOnStart;
    this.emitter = onEvent;
    this.ender = onEnd;
    this.enders.push(onEnd);
  }
  stop() {
    this.stops++;
  }
  die(why = 'ip -o monitor address route exited (1)') {
    this.ender?.(why);
  }
  emit(event: MonitorEvent = { kind: 'address', action: 'add', interface: 'en0' }) {
    this.emitter?.(event);
  }
}

const TIMING = { restartMinMs: 1_000, restartMaxMs: 8_000, stableMs: 5_000 };

function setup() {
  const source = new FakeSource();
  const statuses: EventSourceStatus[] = [];
  const events: MonitorEvent[] = [];
  const restarts = vi.fn();
  const supervisor = new EventSupervisor(
    source,
    { onEvent: (event) => events.push(event), onRestart: restarts, onStatus: (status) => statuses.push(status) },
    TIMING,
  );
  return { source, statuses, events, restarts, supervisor };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('restart back-off', () => {
  it('doubles from the minimum and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((failures) => restartDelay(failures, TIMING))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000,
    ]);
    expect(restartDelay(1, DEFAULT_RESTART_TIMING)).toBe(1_000);
    expect(restartDelay(40, DEFAULT_RESTART_TIMING)).toBe(60_000);
  });
});

describe('EventSupervisor', () => {
  it('passes events through while the stream lives', () => {
    const { source, events, supervisor, statuses } = setup();
    supervisor.start();
    source.emit();
    expect(events).toHaveLength(1);
    expect(statuses).toEqual([]);
    expect(supervisor.current()).toEqual({ state: 'listening' });
  });

  it('says the stream died, and restarts it after 1 s, then 2 s, then 4 s while it keeps dying', async () => {
    const { source, statuses, restarts, supervisor } = setup();
    supervisor.start();
    source.die();
    expect(supervisor.current()).toEqual({
      state: 'down',
      why: 'ip -o monitor address route exited (1)',
      failures: 1,
      retryInMs: 1_000,
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(source.starts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(source.starts).toBe(2);
    expect(supervisor.current().state).toBe('retrying');
    expect(restarts).toHaveBeenCalledTimes(1);
    source.die();
    expect(supervisor.current()).toMatchObject({ state: 'down', failures: 2, retryInMs: 2_000 });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(source.starts).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(source.starts).toBe(3);
    source.die();
    expect(supervisor.current()).toMatchObject({ state: 'down', failures: 3, retryInMs: 4_000 });
    expect(statuses.map((status) => status.state)).toEqual(['down', 'retrying', 'down', 'retrying', 'down']);
  });

  it('trusts a restarted stream again after it stays up, and then starts the back-off from 1 s', async () => {
    const { source, supervisor } = setup();
    supervisor.start();
    source.die();
    await vi.advanceTimersByTimeAsync(1_000);
    source.die();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(supervisor.current().state).toBe('retrying');
    await vi.advanceTimersByTimeAsync(TIMING.stableMs);
    expect(supervisor.current()).toEqual({ state: 'listening' });
    source.die();
    expect(supervisor.current()).toMatchObject({ state: 'down', failures: 1, retryInMs: 1_000 });
  });

  it('trusts a restarted stream as soon as it delivers an event', async () => {
    const { source, supervisor, events } = setup();
    supervisor.start();
    source.die();
    await vi.advanceTimersByTimeAsync(1_000);
    source.emit();
    expect(events).toHaveLength(1);
    expect(supervisor.current()).toEqual({ state: 'listening' });
  });

  it('treats a stream that cannot even start as a death, and retries it', async () => {
    const { source, supervisor, restarts } = setup();
    source.throwOnStart = new Error('spawn ip ENOENT');
    supervisor.start();
    expect(supervisor.current()).toMatchObject({ state: 'down', why: 'spawn ip ENOENT', failures: 1 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(source.starts).toBe(2);
    // It failed again at once: no "restarted" look for a stream that is not there.
    expect(restarts).not.toHaveBeenCalled();
    expect(supervisor.current()).toMatchObject({ state: 'down', failures: 2, retryInMs: 2_000 });
  });

  it('ignores the end of a stream it already replaced, and everything once stopped', async () => {
    const { source, supervisor, statuses } = setup();
    supervisor.start();
    source.die();
    await vi.advanceTimersByTimeAsync(1_000);
    source.enders[0]!('late end of the first process');
    expect(supervisor.current().state).toBe('retrying');
    supervisor.stop();
    expect(source.stops).toBe(1);
    const seen = statuses.length;
    source.die('stopped');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(source.starts).toBe(2);
    expect(statuses).toHaveLength(seen);
  });

  it('never restarts after stop, even with a restart already scheduled', async () => {
    const { source, supervisor } = setup();
    supervisor.start();
    source.die();
    supervisor.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(source.starts).toBe(1);
  });
});

describe('what a person reads', () => {
  it('names the death, the wait and that changes may show late; and the return', () => {
    expect(
      describeEventSource({ state: 'down', why: 'route -n monitor exited (SIGKILL)', failures: 1, retryInMs: 2_000 }),
    ).toBe(
      'event stream stopped (route -n monitor exited (SIGKILL)); restarting it in 2 s, changes may show late meanwhile',
    );
    expect(describeEventSource({ state: 'listening' })).toBe('listening to address and route events again');
    expect(describeEventSource({ state: 'retrying', why: 'x', failures: 2 })).toBe(
      'event stream restarted after 2 failures (x)',
    );
    expect(eventSourceProblem({ state: 'listening' })).toBeNull();
    expect(eventSourceProblem({ state: 'retrying', why: 'ip exited (1)', failures: 1 })).toContain('ip exited (1)');
  });
});

// The real `ip monitor`, killed under the supervisor: the end of a real child process is noticed and it is
// started again. Linux only (the lab's platform); reads events, sends nothing.
const IP = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((path) => existsSync(path));
describe.runIf(process.platform === 'linux' && IP)('with the real ip monitor', () => {
  beforeEach(() => vi.useRealTimers());

  const monitorChildren = () =>
    execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('monitor address route'))
      .map((line) => Number(line.trim().split(/\s+/)[0]));

  async function until<T>(what: () => T | undefined, label: string): Promise<T> {
    for (let i = 0; i < 200; i++) {
      const value = what();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`timed out waiting for ${label}`);
  }

  it('notices the kill, says why, and runs a new ip monitor', async () => {
    const statuses: EventSourceStatus[] = [];
    const supervisor = new EventSupervisor(
      createEventSource('linux'),
      { onEvent() {}, onRestart() {}, onStatus: (status) => statuses.push(status) },
      { restartMinMs: 50, restartMaxMs: 200, stableMs: 60_000 },
    );
    supervisor.start();
    try {
      const first = await until(() => monitorChildren()[0], 'ip monitor to start');
      process.kill(first, 'SIGKILL');
      const down = await until(() => statuses.find((status) => status.state === 'down'), 'the death to be noticed');
      expect(down).toMatchObject({ failures: 1, retryInMs: 50 });
      expect(down.state === 'down' && down.why).toMatch(/monitor address route exited \(SIGKILL\)/);
      const second = await until(
        () => monitorChildren().find((pid) => pid !== first),
        'a new ip monitor after the kill',
      );
      expect(second).not.toBe(first);
      expect(supervisor.current().state).toBe('retrying');
    } finally {
      supervisor.stop();
    }
    await until(() => (monitorChildren().length === 0 ? true : undefined), 'the ip monitor to be stopped');
  });
});
