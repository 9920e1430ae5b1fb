// Launch at login. The OS owns the truth (a user can remove the item in System Settings at any time), so the
// status shown is always read back from it; on macOS 13+ SMAppService may hold it at `requires-approval`.
import type { Settings as ElectronSettings, LoginItemSettings } from 'electron';
import type { Settings } from '../../shared/app-api';

export type LoginItemStatus = NonNullable<Settings['launchAtLoginStatus']>;

/** The part of Electron's `app` this needs. */
export interface LoginItemPort {
  setLoginItemSettings(settings: Pick<ElectronSettings, 'openAtLogin'>): void;
  getLoginItemSettings(): Pick<LoginItemSettings, 'openAtLogin' | 'status'>;
}

export interface LoginItemState {
  enabled: boolean;
  status: LoginItemStatus;
}

export function readLoginItem(port: LoginItemPort, platform: NodeJS.Platform): LoginItemState {
  // Electron implements login items on macOS and Windows only.
  if (platform !== 'darwin') return { enabled: false, status: 'not-supported' };
  const { status } = port.getLoginItemSettings();
  switch (status) {
    case 'enabled':
      return { enabled: true, status: 'enabled' };
    case 'requires-approval':
      // Registered and wanted; macOS will start it once the user allows it.
      return { enabled: true, status: 'requires-approval' };
    case 'not-registered':
    // A fresh install was never registered: SMAppService reads `not-found` until the first registration.
    case 'not-found':
      return { enabled: false, status: 'disabled' };
  }
}

export function writeLoginItem(port: LoginItemPort, platform: NodeJS.Platform, enabled: boolean): LoginItemState {
  if (platform !== 'darwin') return { enabled: false, status: 'not-supported' };
  port.setLoginItemSettings({ openAtLogin: enabled });
  // Still `not-found` after registering: macOS refuses an app run from a disk image or a translocated path.
  if (enabled && port.getLoginItemSettings().status === 'not-found') return { enabled: false, status: 'not-found' };
  return readLoginItem(port, platform);
}
