// Owns the one Monitor and replaces it when the settings it was built from change (profile, probe targets):
// the Monitor takes its check options once, at construction.
import type { MonitorUpdate } from '../../node/monitor';
import type { Logger } from '../logger';
import type { StoredSettings } from '../settings/settings';
import { type AppStore, bindMonitor, type MonitorBinding, type MonitorLike } from '../state/store';

export interface MonitorConfig {
  profile: string;
  probeTargets: string[];
}

export type MonitorFactory = (config: MonitorConfig) => MonitorLike;

export function monitorConfig(settings: StoredSettings): MonitorConfig {
  return { profile: settings.minikubeProfile, probeTargets: [...settings.probeTargets] };
}

function sameConfig(a: MonitorConfig, b: MonitorConfig): boolean {
  return a.profile === b.profile && a.probeTargets.join('\n') === b.probeTargets.join('\n');
}

interface Running {
  monitor: MonitorLike;
  binding: MonitorBinding;
  config: MonitorConfig;
  inFlight: number;
  stopWhenIdle: boolean;
}

export class MonitorHost {
  private running: Running | null = null;

  constructor(
    private readonly create: MonitorFactory,
    private readonly store: AppStore,
    private readonly log: Logger,
  ) {}

  start(settings: StoredSettings): Promise<MonitorUpdate> {
    if (this.running) throw new Error('the monitor is already running');
    return this.launch(monitorConfig(settings));
  }

  /** Replaces the monitor when the check it runs would differ; resolves with the new monitor's first check. */
  async reconfigure(settings: StoredSettings): Promise<MonitorUpdate | null> {
    const config = monitorConfig(settings);
    if (!this.running || sameConfig(this.running.config, config)) return null;
    this.log.info(`monitor: profile ${config.profile}, ${config.probeTargets.length} probe targets; restarting`);
    this.retire(this.running);
    return this.launch(config);
  }

  /** A full check on the current monitor. */
  recheck(reason: string): Promise<MonitorUpdate> {
    const running = this.running;
    if (!running) return Promise.reject(new Error('the monitor is not running'));
    return this.track(running, running.binding.recheck(reason));
  }

  onEvent(reason: string): void {
    this.running?.monitor.onEvent(reason);
  }

  stop(): void {
    if (this.running) this.retire(this.running);
    this.running = null;
  }

  private launch(config: MonitorConfig): Promise<MonitorUpdate> {
    const monitor = this.create(config);
    const running: Running = {
      monitor,
      binding: bindMonitor(this.store, monitor),
      config,
      inFlight: 0,
      stopWhenIdle: false,
    };
    this.running = running;
    return this.track(running, running.binding.start());
  }

  private track(running: Running, work: Promise<MonitorUpdate>): Promise<MonitorUpdate> {
    running.inFlight++;
    const settle = () => {
      running.inFlight--;
      if (running.inFlight === 0 && running.stopWhenIdle) running.monitor.stop();
    };
    work.then(settle, settle);
    return work;
  }

  /**
   * Monitor.stop() while a start()/recheck() is still waiting makes that call spin on an empty drain loop, so
   * an old monitor is stopped only once nothing waits on it any more; until then its updates are ignored.
   */
  private retire(running: Running): void {
    running.binding.dispose();
    if (running.inFlight === 0) running.monitor.stop();
    else running.stopWhenIdle = true;
  }
}
