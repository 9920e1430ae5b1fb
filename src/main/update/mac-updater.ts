// electron-updater's MacUpdater as Bridgelight uses it. The feed is the GitHub release named in app-update.yml,
// which electron-builder writes into Resources from electron-builder.yml's `publish`; Squirrel.Mac installs the
// download only if its code signature matches the running app's. electron-updater would also send a random
// per-install id with every request (x-user-staging-id, kept in userData/.updaterId) for staged rollouts;
// Bridgelight does not stage releases, so every install sends the same all-zero id and nothing is stored.
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import type { Updater } from './update-service';

export const ANONYMOUS_ID = '00000000-0000-0000-0000-000000000000';

/** Loads electron-updater only when a check is due, so the app starts without it. */
export async function createMacUpdater(app?: AppAdapter): Promise<Updater> {
  const { MacUpdater } = (await import('electron-updater')).default;
  const updater = new MacUpdater(undefined, app);
  Object.defineProperty(updater, 'stagingUserIdPromise', { value: { value: Promise.resolve(ANONYMOUS_ID) } });
  updater.isUserWithinRollout = async () => true;
  // Its own chatter (every step of every check) stays out of the app's log; UpdateService logs what matters.
  updater.logger = null;
  return updater;
}
