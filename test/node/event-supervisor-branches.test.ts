// The keeper's remaining edges: a start that throws something not an Error, a restart after stop(), stop()
// during the stable wait, the back-off's bounds, and the exact sentences a person reads.
import type { EventSource } from '@src/node/event-source';
import {
  describeEventSource,
  type EventSourceStatus,
  EventSupervisor,
  eventSourceProblem,
  restartDelay,
} from '@src/node/event-supervisor';
import type { MonitorEvent } from '@src/shared/monitor-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const TIMING = { restartMinMs: 1_000, restartMaxMs: 8_000, stableMs: 5_000 };

/** A source whose each start is scripted: `throw` throws that value, `run` keeps the callbacks. */
function scriptedSource(plan: ('run' | { throw: unknown })[]) {
  const started: { onEvent: (event: MonitorEvent) => void; onEnd: (why: string) => void }[] = [];
  let stops = 0;
  const source: EventSource = {
    start(onEvent, onEnd) {
      const step = plan.shift() ?? 'run';
      if (step !== 'run') throw step.throw;
      started.push({ onEvent, onEnd });
    },
    stop: () => {
      stops++;
    },
  };
  return { source, started, stops: () => stops };
}

function supervise(plan: ('run' | { throw: unknown })[]) {
  const scripted = scriptedSource(plan);
  const statuses: EventSourceStatus[] = [];
  const restarts = vi.fn();
  const events: MonitorEvent[] = [];
  const supervisor = new EventSupervisor(
    scripted.source,
    { onEvent: (event) => events.push(event), onRestart: restarts, onStatus: (status) => statuses.push(status) },
    TIMING,
  );
  return { ...scripted, statuses, restarts, events, supervisor };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('EventSupervisor edges', () => {
  it('words a start that throws a non-Error', () => {
    const { supervisor } = supervise([{ throw: 'no ip binary' }]);
    supervisor.start();
    expect(supervisor.current()).toEqual({ state: 'down', why: 'no ip binary', failures: 1, retryInMs: 1_000 });
  });

  it('starts again after stop()', async () => {
    const { supervisor, started, statuses } = supervise(['run', 'run']);
    supervisor.start();
    supervisor.stop();
    supervisor.start();
    expect(started).toHaveLength(2);
    started[1]!.onEnd('ip exited (1)');
    expect(supervisor.current()).toMatchObject({ state: 'down', why: 'ip exited (1)' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toHaveLength(3);
    expect(statuses.map((status) => status.state)).toEqual(['down', 'retrying']);
  });

  it('stop() during the stable wait: never trusted again, nothing more said', async () => {
    const { supervisor, started, statuses, stops } = supervise([]);
    supervisor.start();
    started[0]!.onEnd('ip exited (1)');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(supervisor.current().state).toBe('retrying');
    supervisor.stop();
    expect(stops()).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(statuses.map((status) => status.state)).toEqual(['down', 'retrying']);
    started[1]!.onEvent({ kind: 'address', action: 'add', interface: 'en0' });
    expect(supervisor.current().state).toBe('retrying');
  });

  it('says it restarted with why and how often, and asks for a look only once it runs', async () => {
    const { supervisor, started, statuses, restarts } = supervise([]);
    supervisor.start();
    started[0]!.onEnd('route -n monitor exited (SIGKILL)');
    expect(restarts).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(statuses).toEqual([
      { state: 'down', why: 'route -n monitor exited (SIGKILL)', failures: 1, retryInMs: 1_000 },
      { state: 'retrying', why: 'route -n monitor exited (SIGKILL)', failures: 1 },
    ]);
    expect(restarts).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(supervisor.current().state).toBe('retrying');
    await vi.advanceTimersByTimeAsync(1);
    expect(statuses.at(-1)).toEqual({ state: 'listening' });
  });

  it('an event while listening changes no status', () => {
    const { supervisor, started, statuses, events } = supervise([]);
    supervisor.start();
    started[0]!.onEvent({ kind: 'route', action: 'add', interface: null });
    expect(events).toEqual([{ kind: 'route', action: 'add', interface: null }]);
    expect(statuses).toEqual([]);
  });
});

describe('restartDelay bounds', () => {
  it('waits the minimum before the first restart, even for a count below one', () => {
    expect(restartDelay(0, TIMING)).toBe(1_000);
    expect(restartDelay(-3, TIMING)).toBe(1_000);
  });

  it('stops doubling after 30 failures, so an uncapped back-off stays finite', () => {
    const uncapped = { restartMinMs: 1, restartMaxMs: Number.POSITIVE_INFINITY, stableMs: 0 };
    expect(restartDelay(31, uncapped)).toBe(2 ** 30);
    expect(restartDelay(2_000, uncapped)).toBe(2 ** 30);
    expect(restartDelay(30, uncapped)).toBe(2 ** 29);
  });
});

describe('the sentences', () => {
  it('gives the wait to a tenth of a second', () => {
    const down = (retryInMs: number) => describeEventSource({ state: 'down', why: 'x', failures: 1, retryInMs });
    expect(down(1_500)).toBe('event stream stopped (x); restarting it in 1.5 s, changes may show late meanwhile');
    expect(down(1_260)).toBe('event stream stopped (x); restarting it in 1.3 s, changes may show late meanwhile');
    expect(down(60_000)).toBe('event stream stopped (x); restarting it in 60 s, changes may show late meanwhile');
  });

  it('says failure in the singular for one', () => {
    expect(describeEventSource({ state: 'retrying', why: 'ip exited (1)', failures: 1 })).toBe(
      'event stream restarted after 1 failure (ip exited (1))',
    );
  });

  it('tells the app why it is not hearing changes, down or retrying', () => {
    expect(eventSourceProblem({ state: 'down', why: 'ip exited (1)', failures: 2, retryInMs: 2_000 })).toBe(
      'Not hearing network changes (ip exited (1)); restarting the listener',
    );
    expect(eventSourceProblem({ state: 'retrying', why: 'spawn ip ENOENT', failures: 3 })).toBe(
      'Not hearing network changes (spawn ip ENOENT); restarting the listener',
    );
  });
});
