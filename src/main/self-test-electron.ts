// The self-test's ports on the real Electron objects: a hidden popover window, the app's own monitor for the
// check, the login item, one notification.
import { release } from 'node:os';
import { app, Notification } from 'electron';
import { POPOVER_URL } from './app-origin';
import type { Logger } from './logger';
import type { MonitorFactory } from './monitor/monitor-host';
import { monitorConfig } from './monitor/monitor-host';
import { createPopoverWindow } from './popover/window';
import type { NotificationAnswer, PageProbe, SelfTestPorts } from './self-test';
import { readLoginItem } from './settings/login-item';
import type { StoredSettings } from './settings/settings';

// Runs in the page. React renders after the script loads, so the page gets a moment to fill #root.
const PAGE_PROBE = `new Promise((resolve) => {
  const started = Date.now();
  const look = () => {
    const root = document.getElementById('root');
    const rendered = !!root && root.childElementCount + root.textContent.length > 0;
    if (rendered || Date.now() - started > 3000) {
      const api = typeof window.bridgelight === 'object' && window.bridgelight !== null &&
        typeof window.bridgelight.onState === 'function';
      resolve({ api, rendered, fatal: root && root.className === 'fatal' ? root.textContent : null });
    } else setTimeout(look, 50);
  };
  look();
})`;

function isPageProbe(value: unknown): value is PageProbe {
  if (typeof value !== 'object' || value === null) return false;
  const probe = value as Record<string, unknown>;
  return (
    typeof probe.api === 'boolean' &&
    typeof probe.rendered === 'boolean' &&
    (probe.fatal === null || typeof probe.fatal === 'string')
  );
}

export function electronSelfTestPorts(deps: {
  monitors: MonitorFactory;
  settings: StoredSettings;
  log: Logger;
}): SelfTestPorts {
  return {
    version: app.getVersion(),
    // Electron adds getSystemVersion (the macOS version, 15.5…); plain Node has only the kernel's.
    platform:
      typeof process.getSystemVersion === 'function'
        ? `${process.platform} ${process.getSystemVersion()}`
        : `${process.platform} ${release()}`,
    timeoutMs: 30_000,
    async loadPopover() {
      const window = createPopoverWindow(false);
      try {
        await window.loadURL(POPOVER_URL);
        const probe: unknown = await window.webContents.executeJavaScript(PAGE_PROBE);
        if (!isPageProbe(probe)) throw new Error('the page answered the self-test with something unexpected');
        return probe;
      } finally {
        window.destroy();
      }
    },
    async check() {
      const monitor = deps.monitors(monitorConfig(deps.settings));
      try {
        const { snapshot, diagnosis } = await monitor.start();
        return { snapshot, diagnosis };
      } finally {
        monitor.stop();
      }
    },
    loginItemStatus: () => readLoginItem(app, process.platform).status,
    notify() {
      if (!Notification.isSupported()) return Promise.resolve({ answer: 'unsupported', error: null });
      return new Promise<{ answer: NotificationAnswer; error: string | null }>((resolve) => {
        const notification = new Notification({
          title: 'Bridgelight self-test',
          body: 'Notifications reach you. This one closes by itself.',
          silent: true,
        });
        notification.on('show', () => {
          notification.close();
          resolve({ answer: 'shown', error: null });
        });
        notification.on('failed', (_event, error) => {
          deps.log.warn('self-test notification failed', error);
          resolve({ answer: 'failed', error });
        });
        notification.show();
      });
    },
  };
}
