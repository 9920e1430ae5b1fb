import { NOTIFICATIONS_UNAVAILABLE } from '@src/main/notifications/presenter';
import { defaultSettings } from '@src/main/settings/settings';
import { createAppStore } from '@src/main/state/store';
import { trayMenuTemplate } from '@src/main/tray/menu';
import type { Settings } from '@src/shared/app-api';
import type { KeyboardEvent, MenuItem, MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { seedDiagnosis, trayActions } from '../fixtures';

const actions = () => trayActions();

function item(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = template.find((entry) => entry.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

function click(entry: MenuItemConstructorOptions, checked = false): void {
  entry.click?.({ checked } as MenuItem, undefined, {} satisfies KeyboardEvent);
}

function state(settings: Partial<Settings> = {}) {
  const store = createAppStore({ ...defaultSettings(), launchAtLoginStatus: 'disabled', ...settings });
  store.setState({ diagnosis: seedDiagnosis(), checkedAt: '2025-01-01T10:00:00.000Z' });
  return store.getState();
}

describe('trayMenuTemplate', () => {
  it('has the commands, each wired to its action', () => {
    const a = actions();
    const template = trayMenuTemplate(state(), a);
    click(item(template, 'recheck'));
    click(item(template, 'copy'));
    click(item(template, 'bundle'));
    click(item(template, 'open'));
    click(item(template, 'quit'));
    expect(a.recheck).toHaveBeenCalledOnce();
    expect(a.copyDiagnostics).toHaveBeenCalledOnce();
    expect(a.saveSupportBundle).toHaveBeenCalledOnce();
    expect(a.openPopover).toHaveBeenCalledOnce();
    expect(a.quit).toHaveBeenCalledOnce();
    expect(item(template, 'status')).toMatchObject({ enabled: false, label: expect.stringContaining('broken') });
  });

  it('offers "Restart to Update" only once an update is downloaded, naming its version', () => {
    const a = actions();
    expect(trayMenuTemplate(state(), a).some((entry) => entry.id === 'restart-to-update')).toBe(false);
    const ready = { ...state(), updateReady: '0.2.0' };
    const entry = item(trayMenuTemplate(ready, a), 'restart-to-update');
    expect(entry.label).toBe('Restart to Update (0.2.0)');
    click(entry);
    expect(a.restartToUpdate).toHaveBeenCalledOnce();
  });

  it('shows the update setting as a checkbox and passes the new value on', () => {
    const a = actions();
    const entry = item(trayMenuTemplate(state({ checkForUpdates: true }), a), 'check-for-updates');
    expect(entry).toMatchObject({ type: 'checkbox', checked: true });
    click(entry, false);
    expect(a.setCheckForUpdates).toHaveBeenCalledWith(false);
    expect(item(trayMenuTemplate(state({ checkForUpdates: false }), a), 'check-for-updates').checked).toBe(false);
  });

  it('shows launch at login as a checkbox and passes the new value on', () => {
    const a = actions();
    const entry = item(trayMenuTemplate(state({ launchAtLogin: false }), a), 'launch-at-login');
    expect(entry).toMatchObject({ type: 'checkbox', checked: false, enabled: true });
    click(entry, true);
    expect(a.setLaunchAtLogin).toHaveBeenCalledWith(true);
  });

  it('says when macOS waits for approval', () => {
    const template = trayMenuTemplate(
      state({ launchAtLogin: true, launchAtLoginStatus: 'requires-approval' }),
      actions(),
    );
    expect(item(template, 'launch-at-login')).toMatchObject({ checked: true });
    expect(item(template, 'launch-at-login-note').label).toMatch(/approval/);
    expect(template.some((entry) => entry.id === 'launch-at-login-note')).toBe(true);
    expect(trayMenuTemplate(state(), actions()).some((entry) => entry.id === 'launch-at-login-note')).toBe(false);
  });

  it('says why notifications are off once macOS refused one', () => {
    const refused = { ...state(), notificationProblem: NOTIFICATIONS_UNAVAILABLE };
    expect(item(trayMenuTemplate(refused, actions()), 'notifications-note')).toMatchObject({
      enabled: false,
      label: NOTIFICATIONS_UNAVAILABLE,
    });
    expect(trayMenuTemplate(state(), actions()).some((entry) => entry.id === 'notifications-note')).toBe(false);
  });

  it('says that network changes are not heard while the event stream restarts', () => {
    const problem = 'Not hearing network changes (route -n monitor exited (1)); restarting the listener';
    expect(
      item(trayMenuTemplate({ ...state(), eventSourceProblem: problem }, actions()), 'event-source-note'),
    ).toMatchObject({ enabled: false, label: problem });
    expect(trayMenuTemplate(state(), actions()).some((entry) => entry.id === 'event-source-note')).toBe(false);
  });

  it('disables what cannot be done right now', () => {
    const store = createAppStore({ ...defaultSettings(), launchAtLoginStatus: 'not-supported' });
    store.setState({ checking: true });
    const template = trayMenuTemplate(store.getState(), actions());
    expect(item(template, 'recheck').enabled).toBe(false);
    expect(item(template, 'copy').enabled).toBe(false);
    expect(item(template, 'launch-at-login').enabled).toBe(false);
  });
});
