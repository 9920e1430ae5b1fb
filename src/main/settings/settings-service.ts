// The settings as the rest of main sees them: one current value, changed only through update(), saved before
// anyone is told, and the login item kept in step with what the OS reports.
import type { Settings } from '../../shared/app-api';
import { type Mute, withMute, withoutMute } from '../../shared/mute';
import { type LoginItemPort, type LoginItemStatus, readLoginItem, writeLoginItem } from './login-item';
import { applyPatch, checkField, type SettingsPatch, type StoredSettings } from './settings';

export interface SettingsStorage {
  load(): StoredSettings;
  save(settings: StoredSettings): void;
}

export type SettingsListener = (next: StoredSettings, previous: StoredSettings) => void;

export class SettingsService {
  private current: StoredSettings;
  private loginStatus: LoginItemStatus;
  private readonly listeners = new Set<SettingsListener>();

  constructor(
    private readonly storage: SettingsStorage,
    private readonly loginItem: LoginItemPort,
    private readonly platform: NodeJS.Platform,
  ) {
    const stored = storage.load();
    const login = readLoginItem(loginItem, platform);
    this.loginStatus = login.status;
    // The OS wins: the user may have removed (or approved) the login item while the app was not running.
    this.current = login.status === 'not-supported' ? stored : { ...stored, launchAtLogin: login.enabled };
  }

  get(): StoredSettings {
    return this.current;
  }

  /** What the renderer sees: the stored fields plus the OS's word on the login item. */
  forRenderer(): Settings {
    return {
      ...this.current,
      probeTargets: [...this.current.probeTargets],
      ignoredAddresses: [...this.current.ignoredAddresses],
      mutedFindings: this.current.mutedFindings.map((mute) => ({ ...mute })),
      launchAtLoginStatus: this.loginStatus,
    };
  }

  subscribe(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies an already validated patch; throws when it cannot be saved (nothing changes then). */
  update(patch: SettingsPatch): StoredSettings {
    let next = applyPatch(this.current, patch);
    if (patch.launchAtLogin !== undefined && this.loginStatus !== 'not-supported') {
      const login = writeLoginItem(this.loginItem, this.platform, patch.launchAtLogin);
      this.loginStatus = login.status;
      next = { ...next, launchAtLogin: login.enabled };
    }
    this.storage.save(next);
    const previous = this.current;
    this.current = next;
    for (const listener of this.listeners) listener(next, previous);
    return next;
  }

  ignoreAddress(address: string): StoredSettings {
    if (this.current.ignoredAddresses.includes(address)) return this.current;
    const checked = checkField.ignoredAddresses([...this.current.ignoredAddresses, address]);
    if (!checked.ok) throw new RangeError(checked.message);
    return this.update({ ignoredAddresses: checked.value });
  }

  /** Adds an already checked mute (src/shared/mute.ts checkMute); nothing is saved when it is already there. */
  mute(mute: Mute): StoredSettings {
    return this.changeMutes(withMute(this.current.mutedFindings, mute));
  }

  unmute(mute: Mute): StoredSettings {
    return this.changeMutes(withoutMute(this.current.mutedFindings, mute));
  }

  private changeMutes(next: readonly Mute[]): StoredSettings {
    if (next === this.current.mutedFindings) return this.current;
    const checked = checkField.mutedFindings(next);
    if (!checked.ok) throw new RangeError(checked.message);
    return this.update({ mutedFindings: checked.value });
  }

  /**
   * Takes in what another process wrote to the file (the CLI's `bridgelight mute`): the listeners hear of it as of
   * any change. The login item stays the OS's word. Nothing happens when the file says what is already current.
   */
  reload(): void {
    const stored = { ...this.storage.load(), launchAtLogin: this.current.launchAtLogin };
    if (JSON.stringify(stored) === JSON.stringify(this.current)) return;
    const previous = this.current;
    this.current = stored;
    for (const listener of this.listeners) listener(this.current, previous);
  }

  /** Re-reads the login item (the user may have approved it in System Settings meanwhile). */
  refreshLoginStatus(): void {
    if (this.platform !== 'darwin') return;
    const login = readLoginItem(this.loginItem, this.platform);
    if (login.status === this.loginStatus && login.enabled === this.current.launchAtLogin) return;
    this.loginStatus = login.status;
    const previous = this.current;
    this.current = { ...this.current, launchAtLogin: login.enabled };
    this.storage.save(this.current);
    for (const listener of this.listeners) listener(this.current, previous);
  }
}
