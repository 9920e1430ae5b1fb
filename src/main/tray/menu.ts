// The tray's context menu, built fresh each time it opens so the checkbox and the status line are current.
import type { MenuItemConstructorOptions } from 'electron';
import type { LoginItemStatus } from '../settings/login-item';
import type { MainState } from '../state/store';
import { trayPresentation } from './tray-state';

export interface TrayActions {
  openPopover(): void;
  recheck(): void;
  copyDiagnostics(): void;
  saveSupportBundle(): void;
  setLaunchAtLogin(enabled: boolean): void;
  setCheckForUpdates(enabled: boolean): void;
  restartToUpdate(): void;
  quit(): void;
}

const LOGIN_NOTE: Partial<Record<LoginItemStatus, string>> = {
  'requires-approval': 'Waiting for approval in System Settings → Login Items',
  'not-supported': 'Not available for this build',
  'not-found': 'Move Bridgelight to Applications, then turn this on',
};

export function trayMenuTemplate(state: MainState, actions: TrayActions): MenuItemConstructorOptions[] {
  const status = state.settings.launchAtLoginStatus ?? 'disabled';
  const note = LOGIN_NOTE[status];
  const loginItem: MenuItemConstructorOptions = {
    id: 'launch-at-login',
    label: 'Launch at Login',
    type: 'checkbox',
    checked: state.settings.launchAtLogin,
    enabled: status !== 'not-supported',
    click: (item) => actions.setLaunchAtLogin(item.checked),
  };
  const update: MenuItemConstructorOptions[] = state.updateReady
    ? [
        {
          id: 'restart-to-update',
          label: `Restart to Update (${state.updateReady})`,
          click: () => actions.restartToUpdate(),
        },
        { type: 'separator' },
      ]
    : [];
  return [
    { id: 'status', label: trayPresentation(state.diagnosis, state.checking).tooltip, enabled: false },
    { type: 'separator' },
    ...update,
    { id: 'open', label: 'Open Bridgelight', click: () => actions.openPopover() },
    {
      id: 'recheck',
      label: state.checking ? 'Checking…' : 'Re-check',
      enabled: !state.checking,
      click: () => actions.recheck(),
    },
    {
      id: 'copy',
      label: 'Copy Diagnostics',
      enabled: state.diagnosis !== null,
      click: () => actions.copyDiagnostics(),
    },
    { id: 'bundle', label: 'Save Support Bundle…', click: () => actions.saveSupportBundle() },
    ...(state.eventSourceProblem
      ? [{ type: 'separator' as const }, { id: 'event-source-note', label: state.eventSourceProblem, enabled: false }]
      : []),
    ...(state.notificationProblem
      ? [{ type: 'separator' as const }, { id: 'notifications-note', label: state.notificationProblem, enabled: false }]
      : []),
    { type: 'separator' },
    loginItem,
    ...(note ? [{ id: 'launch-at-login-note', label: note, enabled: false }] : []),
    {
      id: 'check-for-updates',
      label: 'Check for Updates Automatically',
      type: 'checkbox',
      checked: state.settings.checkForUpdates,
      click: (item) => actions.setCheckForUpdates(item.checked),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Bridgelight', accelerator: 'CommandOrControl+Q', click: () => actions.quit() },
  ];
}
