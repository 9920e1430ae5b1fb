// Keeps the OS's event stream alive. `ip monitor` or `route -n monitor` can die (killed, the tool replaced by an
// update, a crash); without a restart, watch and the app would quietly see changes only on the 120 s timer.
// A dead stream is restarted with back-off (1 s, 2 s, 4 s… capped), so a tool that dies at once costs a process
// a minute, not a loop; and it is said, so the person knows the picture may lag meanwhile.
import type { MonitorEvent } from '../shared/monitor-event';
import type { EventSource } from './event-source';

export interface RestartTiming {
  /** Wait before the first restart after a death. */
  restartMinMs: number;
  /** The back-off doubles up to this. */
  restartMaxMs: number;
  /** A restarted stream alive this long (or that delivered an event) is trusted again and the back-off resets. */
  stableMs: number;
}

export const DEFAULT_RESTART_TIMING: RestartTiming = { restartMinMs: 1_000, restartMaxMs: 60_000, stableMs: 10_000 };

/**
 * `listening`: the stream runs and has proven itself. `down`: it died and restarts in `retryInMs`. `retrying`:
 * restarted, not yet proven (it may die again at once, as a missing tool does).
 */
export type EventSourceStatus =
  | { state: 'listening' }
  | { state: 'down'; why: string; failures: number; retryInMs: number }
  | { state: 'retrying'; why: string; failures: number };

export interface SupervisorHooks {
  onEvent(event: MonitorEvent): void;
  /** A restarted stream missed whatever happened while it was down: the owner should look again. */
  onRestart(): void;
  onStatus(status: EventSourceStatus): void;
}

/** The back-off before restart number `failures` (1-based): min, 2·min, 4·min…, never more than max. */
export function restartDelay(failures: number, timing: RestartTiming): number {
  const doubled = timing.restartMinMs * 2 ** Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(doubled, timing.restartMaxMs);
}

export class EventSupervisor {
  private status: EventSourceStatus = { state: 'listening' };
  private failures = 0;
  /** Each start gets a number, so the end of a stream we already replaced or stopped is ignored. */
  private generation = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private stableTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly source: EventSource,
    private readonly hooks: SupervisorHooks,
    private readonly timing: RestartTiming = DEFAULT_RESTART_TIMING,
  ) {}

  current(): EventSourceStatus {
    return this.status;
  }

  start(): void {
    this.stopped = false;
    this.launch();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.clearTimers();
    this.source.stop();
  }

  private launch(): void {
    const generation = ++this.generation;
    const mine = () => generation === this.generation && !this.stopped;
    try {
      this.source.start(
        (event) => {
          if (!mine()) return;
          this.proven();
          this.hooks.onEvent(event);
        },
        (why) => {
          if (mine()) this.died(why);
        },
      );
    } catch (error) {
      this.died(error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.status.state === 'retrying')
      this.stableTimer = setTimeout(() => {
        if (mine()) this.proven();
      }, this.timing.stableMs);
  }

  private proven(): void {
    if (this.status.state !== 'retrying') return;
    this.failures = 0;
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.stableTimer = null;
    this.setStatus({ state: 'listening' });
  }

  private died(why: string): void {
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.stableTimer = null;
    this.failures++;
    const retryInMs = restartDelay(this.failures, this.timing);
    this.setStatus({ state: 'down', why, failures: this.failures, retryInMs });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopped) return;
      this.setStatus({ state: 'retrying', why, failures: this.failures });
      this.launch();
      if (this.status.state === 'retrying') this.hooks.onRestart();
    }, retryInMs);
  }

  private setStatus(status: EventSourceStatus): void {
    this.status = status;
    this.hooks.onStatus(status);
  }

  private clearTimers(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.restartTimer = null;
    this.stableTimer = null;
  }
}

/** One line for a person: what happened to the event stream, and what it means for what they see. */
export function describeEventSource(status: EventSourceStatus): string {
  if (status.state === 'listening') return 'listening to address and route events again';
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  if (status.state === 'down')
    return `event stream stopped (${status.why}); restarting it in ${seconds(status.retryInMs)}, changes may show late meanwhile`;
  return `event stream restarted after ${status.failures} failure${status.failures === 1 ? '' : 's'} (${status.why})`;
}

/** What the app shows while the stream is not trusted (null while it is): the picture may be up to a timer late. */
export function eventSourceProblem(status: EventSourceStatus): string | null {
  if (status.state === 'listening') return null;
  return `Not hearing network changes (${status.why}); restarting the listener`;
}
