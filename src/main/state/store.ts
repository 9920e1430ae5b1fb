// Main owns the truth: one vanilla zustand store of plain, serialisable data. The renderer gets a copy of
// all of it after every change and never writes to it; commands come back as separate IPC calls.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type EventSourceStatus, eventSourceProblem } from '../../node/event-supervisor';
import type { MonitorUpdate } from '../../node/monitor';
import type { AppState, FixProgress, Settings } from '../../shared/app-api';
import type { FindingId } from '../../shared/finding-ids';
import { applyMutes } from '../../shared/mute';

export interface MainState extends AppState {
  fix: FixProgress | null;
  settings: Settings;
  /**
   * The finding the popover should open on (a notification was clicked); null otherwise. Additive to the
   * preload contract: a renderer that does not know it simply ignores it.
   */
  focusFindingId: FindingId | null;
  /** The version of a downloaded update that installs on quit or "Restart to Update"; null when none. */
  updateReady: string | null;
  /** Why notifications cannot be shown (the tray menu says it), null while they work. Main-only. */
  notificationProblem: string | null;
  /** Why address and route changes are not heard at once (the event stream died and restarts), null while heard. */
  eventSourceProblem: string | null;
}

export type AppStore = StoreApi<MainState>;

export function createAppStore(settings: Settings): AppStore {
  return createStore<MainState>()(() => ({
    diagnosis: null,
    checkedAt: null,
    checking: false,
    fix: null,
    settings,
    focusFindingId: null,
    updateReady: null,
    notificationProblem: null,
    eventSourceProblem: null,
  }));
}

/** What the store needs of a Monitor (src/node/monitor.ts), so tests can drive it by hand. */
export interface MonitorLike {
  start(): Promise<MonitorUpdate>;
  stop(): void;
  recheck(reason?: string): Promise<MonitorUpdate>;
  onEvent(reason: string): void;
  subscribe(listener: (update: MonitorUpdate) => void): () => void;
  subscribeEventSource(listener: (status: EventSourceStatus) => void): () => void;
}

export interface MonitorBinding {
  start(): Promise<MonitorUpdate>;
  recheck(reason: string): Promise<MonitorUpdate>;
  dispose(): void;
}

/**
 * Every update (structural, refined, timer) lands in the store. `checking` is true only while a full check
 * somebody waits for is running (start, the user's re-check, a fix's re-check): the background refinements
 * after an address event are not something to show a spinner for.
 */
export function bindMonitor(store: AppStore, monitor: MonitorLike): MonitorBinding {
  let running = 0;
  let disposed = false;
  const unsubscribe = monitor.subscribe((update) => {
    // Marked here, once, so the tray, notifications and the popover all see the same muted findings.
    if (!disposed)
      store.setState({
        diagnosis: applyMutes(update.diagnosis, store.getState().settings.mutedFindings),
        checkedAt: update.at,
      });
  });
  // A new monitor starts with a fresh stream: a problem the one it replaces had is not this one's.
  store.setState({ eventSourceProblem: null });
  const unsubscribeSource = monitor.subscribeEventSource((status) => {
    if (!disposed) store.setState({ eventSourceProblem: eventSourceProblem(status) });
  });
  const around = async (work: () => Promise<MonitorUpdate>): Promise<MonitorUpdate> => {
    running++;
    store.setState({ checking: true });
    try {
      return await work();
    } finally {
      running--;
      if (!disposed) store.setState({ checking: running > 0 });
    }
  };
  return {
    start: () => around(() => monitor.start()),
    recheck: (reason) => around(() => monitor.recheck(reason)),
    dispose: () => {
      disposed = true;
      unsubscribe();
      unsubscribeSource();
    },
  };
}
