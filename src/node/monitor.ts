// The watch engine (shared by `bridgelight watch` and the menu-bar app). Address/route events trigger a cheap
// structural check at once (a second address shows up without waiting for any probe); probes and the one
// `minikube ssh` follow as a refinement, rate-limited and coalesced, so a flapping address can neither flood
// the network nor grow a queue; a slow timer re-checks everything as a safety net.
import { diagnoseAll } from '../shared/diagnosis';
import type { Diagnosis, Platform, Snapshot } from '../shared/model';
import { assembleSnapshot, type CollectPorts, collectLane, type Evidence, NO_EVIDENCE, probeSources } from './collect';
import type { CheckOptions } from './engine';
import { collectOptions } from './engine';
import type { EventSource } from './event-source';

export type UpdatePhase = 'start' | 'structural' | 'refined' | 'recheck' | 'timer';

export interface MonitorUpdate {
  at: string;
  phase: UpdatePhase;
  /** What triggered it: `address add en0`, `timer`, `user`… */
  reason: string;
  diagnosis: Diagnosis;
  snapshot: Snapshot;
  /** False when the diagnosis is the same as the previous update's. */
  changed: boolean;
}

export interface MonitorTiming {
  /** Wait after an event for more events before looking (address changes come in bursts). */
  debounceMs: number;
  /** ...but never longer than this after the first event of a burst, so a storm can't silence watch. */
  debounceMaxMs: number;
  /** Least time between two probe rounds, whatever the events. */
  minRefineIntervalMs: number;
  /** Full re-check interval when nothing happens. */
  slowIntervalMs: number;
}

export const DEFAULT_TIMING: MonitorTiming = {
  debounceMs: 25,
  debounceMaxMs: 1_000,
  minRefineIntervalMs: 3_000,
  slowIntervalMs: 120_000,
};

export interface MonitorOptions {
  platform: Platform;
  check: CheckOptions;
  timing?: Partial<MonitorTiming>;
  now?: () => Date;
}

type Listener = (update: MonitorUpdate) => void;

export class Monitor {
  private readonly listeners = new Set<Listener>();
  private readonly timing: MonitorTiming;
  private evidence: Evidence = NO_EVIDENCE;
  private lastKey: string | null = null;
  private latestUpdate: MonitorUpdate | null = null;
  private debounceTimer: NodeJS.Timeout | null = null;
  private burstStartedAt: number | null = null;
  private slowTimer: NodeJS.Timeout | null = null;
  private pendingStructural: string | null = null;
  private pendingRefine: { reason: string; phase: UpdatePhase } | null = null;
  private lastRefineAt = Number.NEGATIVE_INFINITY;
  private structuring: Promise<void> | null = null;
  private refining: Promise<void> | null = null;
  private stopped = false;
  private sleeping: { timer: NodeJS.Timeout; wake: () => void } | null = null;

  constructor(
    private readonly ports: CollectPorts,
    private readonly events: EventSource | null,
    private readonly options: MonitorOptions,
  ) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  latest(): MonitorUpdate | null {
    return this.latestUpdate;
  }

  /** Starts listening and runs the first full check; resolves when that check has been published. */
  async start(): Promise<MonitorUpdate> {
    this.events?.start(
      (event) => this.onEvent(`${event.kind} ${event.action}${event.interface ? ` ${event.interface}` : ''}`),
      () => {
        // The stream died (tool missing, killed): the slow timer still keeps the picture current.
      },
    );
    this.scheduleSlowTimer();
    return this.request('start', 'start');
  }

  stop(): void {
    this.stopped = true;
    // Whoever awaits start() or recheck() must be released, not left waiting on work that will never run.
    this.pendingStructural = null;
    this.pendingRefine = null;
    this.events?.stop();
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.slowTimer) clearTimeout(this.slowTimer);
    if (this.sleeping) {
      clearTimeout(this.sleeping.timer);
      this.sleeping.wake();
    }
    this.listeners.clear();
  }

  /** A full check now (user asked, machine woke up); resolves with its update. */
  recheck(reason = 'user'): Promise<MonitorUpdate> {
    return this.request('recheck', reason);
  }

  /** Something changed on the network (an OS event, or the app's own knowledge after a fix). */
  onEvent(reason: string): void {
    if (this.stopped) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    const now = Date.now();
    this.burstStartedAt ??= now;
    const delay = Math.max(0, Math.min(this.timing.debounceMs, this.burstStartedAt + this.timing.debounceMaxMs - now));
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      this.burstStartedAt = null;
      this.pendingStructural = reason;
      void this.kickStructural();
    }, delay);
  }

  private async request(phase: UpdatePhase, reason: string): Promise<MonitorUpdate> {
    this.pendingStructural = reason;
    this.pendingRefine = { reason, phase };
    this.lastRefineAt = Number.NEGATIVE_INFINITY;
    this.sleeping?.wake();
    await this.kickStructural();
    // The refine lane may be busy with an older round: it runs this request's round right after.
    while (!this.stopped && (this.pendingRefine || this.refining)) await this.kickRefine();
    if (!this.latestUpdate) throw new Error('monitor stopped before its first check');
    return this.latestUpdate;
  }

  /** Structural looks never wait behind probes: they run on their own lane, one at a time, coalesced. */
  private kickStructural(): Promise<void> {
    this.structuring ??= (async () => {
      while (!this.stopped && this.pendingStructural) {
        const reason = this.pendingStructural;
        this.pendingStructural = null;
        await this.structural(reason);
        this.pendingRefine ??= { reason, phase: 'refined' };
        void this.kickRefine();
      }
    })().finally(() => {
      this.structuring = null;
    });
    return this.structuring;
  }

  /** Probes and the VM's ssh: one round at a time, at most one per minRefineIntervalMs, coalesced. */
  private kickRefine(): Promise<void> {
    this.refining ??= (async () => {
      while (!this.stopped && this.pendingRefine) {
        const wait = this.lastRefineAt + this.timing.minRefineIntervalMs - Date.now();
        if (wait > 0) {
          await this.sleep(wait);
          continue;
        }
        const { phase, reason } = this.pendingRefine;
        this.pendingRefine = null;
        await this.refine(phase, reason);
      }
    })().finally(() => {
      this.refining = null;
    });
    return this.refining;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        if (this.sleeping) clearTimeout(this.sleeping.timer);
        this.sleeping = null;
        resolve();
      };
      this.sleeping = { timer: setTimeout(wake, ms), wake };
    });
  }

  private checkOptions() {
    return collectOptions(this.options.platform, this.options.check);
  }

  /** The structural lane only, at once; earlier probe results kept for the addresses still present. */
  private async structural(reason: string): Promise<void> {
    const evidence = {
      ...this.evidence,
      ...(await collectLane('structural', this.ports, this.checkOptions(), this.evidence)),
    };
    const sources = new Set(evidence.host ? probeSources(evidence.host) : []);
    const hostProbes = evidence.hostProbes?.filter((probe) => sources.has(probe.source)) ?? null;
    this.evidence = { ...evidence, hostProbes };
    this.publish('structural', reason);
  }

  /** Probes from every egress address and the VM's one exec, then the refined diagnosis. */
  private async refine(phase: UpdatePhase, reason: string): Promise<void> {
    const options = this.checkOptions();
    // A fresh look at the host too (a few ms): if the OS's event stream dropped the last event of a storm, this
    // round still ends on the true state instead of waiting for the slow timer.
    this.evidence = { ...this.evidence, ...(await collectLane('structural', this.ports, options, this.evidence)) };
    const refined = await collectLane('refine', this.ports, options, this.evidence);
    this.lastRefineAt = Date.now();
    // Only the refine lane's parts: a structural look that finished meanwhile is newer than this round's.
    this.evidence = { ...this.evidence, ...refined };
    this.publish(phase === 'refined' ? 'refined' : phase, reason);
  }

  private publish(phase: UpdatePhase, reason: string): void {
    if (!this.evidence.host || this.stopped) return;
    const snapshot = assembleSnapshot(this.options.platform, this.options.now?.() ?? new Date(), this.evidence);
    const diagnosis = diagnoseAll(snapshot);
    const key = JSON.stringify(diagnosis);
    const changed = key !== this.lastKey;
    this.lastKey = key;
    const update: MonitorUpdate = { at: snapshot.takenAt, phase, reason, diagnosis, snapshot, changed };
    this.latestUpdate = update;
    for (const listener of this.listeners) listener(update);
  }

  private scheduleSlowTimer(): void {
    if (this.stopped) return;
    this.slowTimer = setTimeout(() => {
      this.request('timer', 'timer')
        .catch(() => undefined)
        .finally(() => this.scheduleSlowTimer());
    }, this.timing.slowIntervalMs);
  }
}
