// Launch at login. The OS owns the truth (a user can remove the item in System Settings at any time), so the
// status shown is always read back from it, and on macOS 13+ SMAppService may hold it at `requires-approval`.
import type { Settings } from '../../shared/app-api';

export type LoginItemStatus = NonNullable<Settings['launchAtLoginStatus']>;

/** The part of Electron's `app` this needs. */
export interface LoginItemPort {
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
  getLoginItemSettings(): { openAtLogin: boolean; status?: string };
}

export interface LoginItemState {
  enabled: boolean;
  status: LoginItemStatus;
}

export function readLoginItem(port: LoginItemPort, platform: NodeJS.Platform): LoginItemState {
  // Electron implements login items on macOS and Windows only.
  if (platform !== 'darwin') return { enabled: false, status: 'not-supported' };
  const current = port.getLoginItemSettings();
  switch (current.status) {
    case 'enabled':
      return { enabled: true, status: 'enabled' };
    case 'requires-approval':
      // Registered and wanted; macOS will start it once the user allows it.
      return { enabled: true, status: 'requires-approval' };
    case 'not-registered':
      return { enabled: false, status: 'disabled' };
    case 'not-found':
      // SMAppService cannot find the app's registration (unsigned or moved build): it cannot work from here.
      return { enabled: false, status: 'not-supported' };
    default:
      // macOS before 13 has no status: openAtLogin is all there is.
      return { enabled: current.openAtLogin, status: current.openAtLogin ? 'enabled' : 'disabled' };
  }
}

export function writeLoginItem(port: LoginItemPort, platform: NodeJS.Platform, enabled: boolean): LoginItemState {
  if (platform !== 'darwin') return { enabled: false, status: 'not-supported' };
  port.setLoginItemSettings({ openAtLogin: enabled });
  return readLoginItem(port, platform);
}
