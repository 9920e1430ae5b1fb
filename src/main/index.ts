// Electron main: wiring only. Each piece lives in its own module, most take their Electron dependencies as
// parameters and this file hands them the real ones (the tray, the popover window and the IPC registry import
// theirs). test/main/index.test.ts checks the wiring.
import { release } from 'node:os';
import { join } from 'node:path';
import {
  app,
  clipboard,
  dialog,
  type MessageBoxOptions,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import electronLog from 'electron-log/main';
import { collectOptions, hostPlatform } from '../node/engine';
import { recordBundle } from '../node/record-bundle';
import { SETTINGS_FILE_NAME, watchSettingsFile } from '../node/settings-file';
import type { FindingId } from '../shared/finding-ids';
import { APP_SCHEME } from './app-origin';
import { liveBundleEngine } from './bundle/bundle-engine';
import { saveSupportBundle } from './bundle/save-dialog';
import { createController, followSettings, recheckAfterWake } from './controller';
import { FixFlow } from './fix/fix-flow';
import { helperEnvironment } from './fix/helper-env';
import { registerIpc } from './ipc/registry';
import { Lifetime } from './lifetime';
import type { Logger } from './logger';
import { createAppRunner, liveMonitorFactory } from './monitor/live-monitor';
import { MonitorHost } from './monitor/monitor-host';
import { Notifier } from './notifications/notifier';
import { createPresenter } from './notifications/presenter';
import { appPaths } from './paths';
import { Popover } from './popover/popover';
import { anchorRect } from './popover/position';
import { registerPopoverPreload } from './popover/preload';
import { createPopoverWindow } from './popover/window';
import { createAppProtocolHandler, registerAppScheme } from './protocol/app-protocol';
import { lockDownContents } from './security/navigation';
import { denyAllPermissions } from './security/permissions';
import { runSelfTest, SELF_TEST_FLAG } from './self-test';
import { electronSelfTestPorts } from './self-test-electron';
import { SettingsFile } from './settings/settings';
import { SettingsService } from './settings/settings-service';
import { createAppStore } from './state/store';
import { syncStateTo } from './state/sync';
import { type AppTray, createTray } from './tray/tray';
import { createMacUpdater } from './update/mac-updater';
import { UpdateService } from './update/update-service';

// No log.initialize(): it would write a preload into userData and load it into every page, outside the asar.
const log: Logger = electronLog;

// Privileged schemes must be registered before 'ready'.
registerAppScheme(protocol);

/** The session the popover page loads in, the same for the app and its self-test. */
function prepareSession(): ReturnType<typeof appPaths> {
  // Info.plist's LSUIElement hides the Dock icon in the packaged app; this covers development runs.
  if (process.platform === 'darwin') app.dock?.hide();
  const paths = appPaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });
  denyAllPermissions(session.defaultSession, log);
  registerPopoverPreload(session.defaultSession, paths.preload);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererRoot, log));
  return paths;
}

const settingsPath = () => join(app.getPath('userData'), SETTINGS_FILE_NAME);

/** `--self-test`: headless, one JSON report on stdout, exit 0 or 1 (src/main/self-test.ts). */
async function selfTest(): Promise<void> {
  prepareSession();
  const ports = electronSelfTestPorts({
    monitors: liveMonitorFactory(hostPlatform()),
    settings: new SettingsFile(settingsPath(), log).load(),
    log,
  });
  const report = await runSelfTest(ports);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  app.exit(report.ok ? 0 : 1);
}

function ready(): void {
  const platform = hostPlatform();
  const paths = prepareSession();

  const settings = new SettingsService(new SettingsFile(settingsPath(), log), app, process.platform);
  // Everything below that keeps running is released through `lifetime` on quit.
  const lifetime = new Lifetime(log);
  app.on('before-quit', () => lifetime.end());
  // `bridgelight mute` in a terminal writes the same file: the popover and the tray follow at once.
  lifetime.add(
    watchSettingsFile(
      settingsPath(),
      () => settings.reload(),
      (error) => log.warn('settings: cannot watch the file for changes made elsewhere', error),
    ),
  );
  const store = createAppStore(settings.forRenderer());
  const monitor = new MonitorHost(liveMonitorFactory(platform), store, log);
  lifetime.add(() => monitor.stop());

  let appTray: AppTray | null = null;
  const popover = new Popover({
    createWindow: () => createPopoverWindow(!app.isPackaged),
    activate: () => app.focus({ steal: true }),
    deactivate: () => {
      if (process.platform === 'darwin') app.hide();
    },
    // Without a click (a notification, a re-launch) the tray's own bounds are all there is.
    anchor: () =>
      anchorRect(
        appTray?.tray.getBounds() ?? { x: 0, y: 0, width: 0, height: 0 },
        screen.getCursorScreenPoint(),
        screen.getAllDisplays(),
      ),
    displays: () => screen.getAllDisplays(),
    log,
    onHidden: () => store.setState({ focusFindingId: null }),
  });
  lifetime.add(() => popover.destroy());
  lifetime.add(syncStateTo(store, () => popover.window.webContents));

  const showMessageBox = (options: MessageBoxOptions) => {
    // A menu-bar app is never the active app: without this the dialog opens behind the frontmost window.
    app.focus({ steal: true });
    return dialog.showMessageBox(options);
  };
  const fixFlow = new FixFlow({
    store,
    recheck: async (reason) => (await monitor.recheck(reason)).diagnosis,
    showMessageBox,
    helper: helperEnvironment(createAppRunner(), platform),
    log,
  });

  const controller = createController({
    store,
    settings,
    monitor,
    // The confirmation dialog takes focus: the popover stays open until the fix is done, to show its result.
    fixFlow: {
      fix: (findingId) => popover.keepOpenWhile(() => fixFlow.fix(findingId)),
      undoFix: (findingId) => popover.keepOpenWhile(() => fixFlow.undoFix(findingId)),
    },
    writeClipboard: (text) => clipboard.writeText(text),
    generator: `Bridgelight ${app.getVersion()} on ${process.platform} ${release()}`,
    log,
  });
  lifetime.add(followSettings({ store, settings, monitor, log }));

  // Only a packaged app on macOS has a release to update to (app-update.yml is in its Resources).
  const updates =
    app.isPackaged && process.platform === 'darwin'
      ? new UpdateService({
          createUpdater: () => createMacUpdater(),
          enabled: () => settings.get().checkForUpdates,
          onDownloaded: (version) => store.setState({ updateReady: version }),
          log,
        })
      : null;
  lifetime.add(
    settings.subscribe((next, previous) => {
      if (next.checkForUpdates !== previous.checkForUpdates) void updates?.refresh();
    }),
  );

  const openFinding = (findingId: FindingId) => {
    // A notification click: the popover opens on that finding (the renderer reads focusFindingId).
    store.setState({ focusFindingId: findingId });
    popover.show();
  };
  const notifier = new Notifier({
    show: createPresenter({
      create: (options) => new Notification(options),
      isSupported: () => Notification.isSupported(),
      openFinding,
      // The result is on the popover's card: open it there once the fix has finished.
      fix: (findingId) => void fixFlow.fix(findingId).then(() => openFinding(findingId)),
      ignore: (addresses) => {
        try {
          for (const address of addresses) settings.ignoreAddress(address);
        } catch (error) {
          log.warn('ignore address', error);
        }
      },
      unavailable: (reason) => store.setState({ notificationProblem: reason }),
      log,
    }).show,
  });
  lifetime.add(
    store.subscribe((state, previous) => {
      if (state.diagnosis !== previous.diagnosis) notifier.observe(state.diagnosis, state.settings.ignoredAddresses);
    }),
  );

  lifetime.add(
    registerIpc(controller, { log, trustedContents: (contents) => contents === popover.window.webContents }),
  );

  appTray = createTray({
    store,
    assetsDir: paths.assets,
    onClick: (bounds) => {
      // The user may have approved the login item in System Settings since we last asked.
      settings.refreshLoginStatus();
      popover.toggle(bounds);
    },
    actions: {
      openPopover: () => popover.show(),
      recheck: () => controller.recheckQuietly('user'),
      copyDiagnostics: () => {
        controller.copyDiagnostics().catch((error: unknown) => log.warn('copy diagnostics', error));
      },
      saveSupportBundle: () => {
        const current = settings.get();
        void saveSupportBundle({
          showSaveDialog: (options) => {
            app.focus({ steal: true });
            return dialog.showSaveDialog(options);
          },
          showMessageBox,
          showItemInFolder: (path) => shell.showItemInFolder(path),
          record: (dir) =>
            recordBundle(liveBundleEngine(), {
              dir,
              options: collectOptions(platform, {
                profile: current.minikubeProfile,
                probeTargets: current.probeTargets,
              }),
              generator: `bridgelight ${app.getVersion()} (app)`,
            }),
          defaultFolder: app.getPath('desktop'),
          log,
        });
      },
      setLaunchAtLogin: (enabled) => {
        try {
          settings.update({ launchAtLogin: enabled });
        } catch (error) {
          log.warn('launch at login', error);
        }
      },
      setCheckForUpdates: (enabled) => {
        try {
          settings.update({ checkForUpdates: enabled });
        } catch (error) {
          log.warn('check for updates', error);
        }
      },
      restartToUpdate: () => updates?.restartToUpdate(),
      quit: () => app.quit(),
    },
  });
  lifetime.add(() => {
    updates?.stop();
    appTray?.destroy();
    appTray = null;
  });

  lifetime.on(powerMonitor, 'resume', recheckAfterWake(controller));
  // Finder, Spotlight or `open -a` on a running Bridgelight: show it (the status item may be hidden by the notch).
  lifetime.on(app, 'activate', () => popover.show());
  lifetime.on(app, 'second-instance', () => popover.show());

  // Neither is fatal: the tray keeps working (and says "no check yet") whatever the page or the first check does.
  popover.load().catch((error: unknown) => log.error('the popover page did not load', error));
  monitor.start(settings.get()).catch((error: unknown) => log.error('the first check failed', error));
  void updates?.refresh();
}

if (process.argv.includes(SELF_TEST_FLAG)) {
  // No single-instance lock: a self-test beside a running Bridgelight must neither stop it nor be stopped by it.
  app.on('window-all-closed', () => {});
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, { browser: shell, log }));
  app
    .whenReady()
    .then(selfTest)
    .catch((error: unknown) => {
      process.stdout.write(`${JSON.stringify({ selfTest: 'bridgelight', ok: false, error: String(error) })}\n`);
      app.exit(1);
    });
} else if (!app.requestSingleInstanceLock()) {
  // Another Bridgelight is running; it shows its popover on 'second-instance'.
  app.quit();
} else {
  // These last as long as the process, quit included: a web contents created while quitting is locked down too.
  // A menu-bar app lives on with no window open.
  app.on('window-all-closed', () => {});
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, { browser: shell, log }));
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));
  app
    .whenReady()
    .then(ready)
    .catch((error: unknown) => {
      log.error('Bridgelight could not start', error);
      app.exit(1);
    });
}
