// Shows a NotificationRequest as a system notification. Clicking it opens the popover on the finding; the
// actions (shown by macOS only for a signed app with alert-style notifications) start the fix or ignore the
// address. References are kept until the notification closes: a collected Notification loses its handlers.
import type { NotificationConstructorOptions } from 'electron';
import type { FindingId } from '../../shared/finding-ids';
import type { Logger } from '../logger';
import type { NotificationRequest } from './notifier';

export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: (...args: unknown[]) => void): unknown;
  on(event: 'action', listener: (event: unknown, index: number) => void): unknown;
  show(): void;
}

export interface PresenterDeps {
  create(options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
  openFinding(findingId: FindingId): void;
  fix(findingId: FindingId): void;
  ignore(addresses: string[]): void;
  log: Logger;
}

type Action = 'fix' | 'ignore';

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

export function createPresenter(deps: PresenterDeps): (request: NotificationRequest) => void {
  const live = new Set<NotificationLike>();
  return (request) => {
    if (!deps.isSupported()) {
      deps.log.info(`notification skipped (not supported here): ${request.title}`);
      return;
    }
    const { options, actions } = notificationOptions(request);
    const notification = deps.create(options);
    live.add(notification);
    notification.on('click', () => deps.openFinding(request.findingId));
    notification.on('action', (_event: unknown, index: number) => {
      const action = actions[index];
      if (action === 'fix') deps.fix(request.findingId);
      else if (action === 'ignore') deps.ignore(request.subjects);
    });
    notification.on('close', () => live.delete(notification));
    notification.on('failed', (...args: unknown[]) => {
      live.delete(notification);
      deps.log.warn('notification failed', args[1]);
    });
    notification.show();
  };
}
