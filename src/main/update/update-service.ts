// Keeps the app current from its release feed: a check at start and then once a day, never more often (however
// often the setting is switched); the update downloads in the background and installs when the app quits, or at
// once from "Restart to Update". A failed check is one log line and nothing else, no dialog: a laptop offline
// or behind a captive portal is ordinary, and the next day's check tries again.
import type { Logger } from '../logger';

export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** What of electron-updater's AppUpdater the service drives. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
}

export interface UpdateServiceDeps {
  /** Called once, at the first check: with checking off, the updater is never even made. */
  createUpdater(): Promise<Updater>;
  /** The user's setting, read at every decision. */
  enabled(): boolean;
  onDownloaded(version: string): void;
  log: Logger;
  now?: () => number;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

export class UpdateService {
  private updater: Promise<Updater | null> | null = null;
  private lastCheck: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readyVersion: string | null = null;

  constructor(private readonly deps: UpdateServiceDeps) {}

  /**
   * At start and whenever the setting changes: checks if a check is due, and sets the timer for the next.
   * Resolves when the check it started (if any) has finished; the download goes on in the background.
   */
  refresh(): Promise<void> {
    this.stop();
    if (!this.deps.enabled()) return Promise.resolve();
    const now = this.deps.now?.() ?? Date.now();
    const wait = this.lastCheck === null ? 0 : this.lastCheck + CHECK_INTERVAL_MS - now;
    this.timer = setTimeout(() => void this.refresh(), wait <= 0 ? CHECK_INTERVAL_MS : wait);
    this.timer.unref?.();
    if (wait > 0) return Promise.resolve();
    this.lastCheck = now;
    return this.check();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Quits and installs the downloaded update; does nothing when none is ready. */
  restartToUpdate(): void {
    if (this.readyVersion === null) return;
    void this.updater?.then((updater) => updater?.quitAndInstall());
  }

  private async check(): Promise<void> {
    const updater = await this.load();
    try {
      await updater?.checkForUpdates();
    } catch {
      // Already logged: electron-updater emits 'error' for every failure it also rejects with.
    }
  }

  private load(): Promise<Updater | null> {
    this.updater ??= this.deps.createUpdater().then(
      (updater) => {
        updater.autoDownload = true;
        updater.autoInstallOnAppQuit = true;
        updater.on('update-downloaded', (info) => {
          this.readyVersion = info.version;
          this.deps.log.info(`update: ${info.version} downloaded; it installs on quit`);
          this.deps.onDownloaded(info.version);
        });
        updater.on('error', (error) => this.deps.log.warn(`update: check failed: ${firstLine(error)}`));
        return updater;
      },
      (error: unknown) => {
        this.deps.log.warn(`update: the updater did not load: ${firstLine(error)}`);
        return null;
      },
    );
    return this.updater;
  }
}
