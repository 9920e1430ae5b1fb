// Shows a NotificationRequest as a system notification. Clicking it opens the popover on the finding; the
// actions (shown by macOS only for a signed app with alert-style notifications) start the fix or ignore the
// address. A shown Notification is referenced until it is answered or replaced: a collected one loses its
// handlers, and macOS never emits `close`, so "until closed" would keep every one forever. One per finding is
// kept; a newer notification for the same finding replaces the older.
import type { Event, NotificationActionEventParams, NotificationConstructorOptions } from 'electron';
import type { FindingId } from '../../shared/finding-ids';
import type { Logger } from '../logger';
import type { NotificationRequest } from './notifier';

/** The part of Electron's Notification used here, with Electron's own listener types. */
export interface NotificationLike {
  on(event: 'click', listener: (event: Event) => void): unknown;
  on(event: 'action', listener: (details: Event<NotificationActionEventParams>) => void): unknown;
  on(event: 'close', listener: (event: Event) => void): unknown;
  on(event: 'failed', listener: (event: Event, error: string) => void): unknown;
  show(): void;
  close(): void;
}

export interface PresenterDeps {
  create(options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
  openFinding(findingId: FindingId): void;
  fix(findingId: FindingId): void;
  ignore(addresses: string[]): void;
  /** macOS refused to show one (Electron 42+ uses UNNotification, which shows nothing for an unsigned app). */
  unavailable(reason: string): void;
  log: Logger;
}

export interface Presenter {
  show(request: NotificationRequest): void;
  /** How many notifications are referenced now (at most one per finding). */
  liveCount(): number;
}

type Action = 'fix' | 'ignore';

/** What the user is told when macOS shows nothing. */
export const NOTIFICATIONS_UNAVAILABLE =
  'Notifications are off: macOS shows none for an unsigned build; allow them in System Settings → Notifications';

export function notificationOptions(request: NotificationRequest): {
  options: NotificationConstructorOptions;
  actions: Action[];
} {
  const actions: Action[] = request.fixable ? ['fix', 'ignore'] : ['ignore'];
  const ignoreLabel = request.subjects.length === 1 ? `Ignore ${request.subjects[0]}` : 'Ignore These Addresses';
  return {
    actions,
    options: {
      title: request.title,
      body: request.body,
      silent: false,
      actions: actions.map((action) => ({ type: 'button', text: action === 'fix' ? 'Fix…' : ignoreLabel })),
      closeButtonText: 'Close',
    },
  };
}

export function createPresenter(deps: PresenterDeps): Presenter {
  const live = new Map<string, NotificationLike>();
  const release = (findingId: string, notification: NotificationLike) => {
    if (live.get(findingId) === notification) live.delete(findingId);
  };
  return {
    liveCount: () => live.size,
    show(request) {
      if (!deps.isSupported()) {
        deps.log.info(`notification skipped (not supported here): ${request.title}`);
        return;
      }
      const { findingId } = request;
      const { options, actions } = notificationOptions(request);
      const notification = deps.create(options);
      live.get(findingId)?.close();
      live.set(findingId, notification);
      notification.on('click', () => {
        release(findingId, notification);
        deps.openFinding(findingId);
      });
      notification.on('action', (details) => {
        release(findingId, notification);
        const action = actions[details.actionIndex];
        if (action === 'fix') deps.fix(findingId);
        else if (action === 'ignore') deps.ignore(request.subjects);
      });
      notification.on('close', () => release(findingId, notification));
      notification.on('failed', (_event, error) => {
        release(findingId, notification);
        deps.log.warn('notification failed', error);
        deps.unavailable(NOTIFICATIONS_UNAVAILABLE);
      });
      notification.show();
    },
  };
}
