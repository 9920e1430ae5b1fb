// What the app starts that must be stopped again (subscriptions, listeners, the monitor's timers, the tray, the
// popover) goes into one Lifetime where it starts, and everything in it is released together on quit, the last
// started first, so nothing outlives what it depends on.
import type { Logger } from './logger';

export type Dispose = () => void;

/** The slice of an Electron emitter (app, powerMonitor…) a Lifetime needs to undo a subscription. */
export type Emitter = Pick<NodeJS.EventEmitter, 'on' | 'removeListener'>;

export class Lifetime {
  private readonly disposers: Dispose[] = [];
  private ended = false;

  constructor(private readonly log: Logger) {}

  /** Keeps `dispose` for the end; after the end it runs at once, so nothing started late outlives the app. */
  add(dispose: Dispose): void {
    if (this.ended) this.release(dispose);
    else this.disposers.push(dispose);
  }

  /** Listens on an emitter until the end. */
  on(emitter: Emitter, event: string, listener: (...args: unknown[]) => void): void {
    emitter.on(event, listener);
    this.add(() => emitter.removeListener(event, listener));
  }

  /** Releases everything, once; one disposer that throws does not keep the others from running. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const dispose of this.disposers.splice(0).reverse()) this.release(dispose);
  }

  private release(dispose: Dispose): void {
    try {
      dispose();
    } catch (error) {
      this.log.error('releasing at quit failed', error);
    }
  }
}
