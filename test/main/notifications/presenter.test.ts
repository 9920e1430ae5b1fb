import { EventEmitter } from 'node:events';
import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { notificationRequests } from '../../../src/main/notifications/notifier';
import { createPresenter, type NotificationLike } from '../../../src/main/notifications/presenter';
import { recordingLogger, seedDiagnosis } from '../fixtures';

class FakeNotification extends EventEmitter {
  shown = false;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
  }
  show() {
    this.shown = true;
  }
}

function setup(supported = true) {
  const made: FakeNotification[] = [];
  const deps = {
    create: (options: NotificationConstructorOptions) => {
      const notification = new FakeNotification(options);
      made.push(notification);
      return notification as unknown as NotificationLike;
    },
    isSupported: () => supported,
    openFinding: vi.fn(),
    fix: vi.fn(),
    ignore: vi.fn(),
    log: recordingLogger(),
  };
  return { present: createPresenter(deps), made, deps };
}

const [stale, multiple] = notificationRequests(seedDiagnosis());

describe('createPresenter', () => {
  it('offers Fix… and Ignore for a fixable finding, and routes each action', () => {
    const { present, made, deps } = setup();
    present(stale!);
    const notification = made[0]!;
    expect(notification.shown).toBe(true);
    expect(notification.options.actions).toEqual([
      { type: 'button', text: 'Fix…' },
      { type: 'button', text: 'Ignore 172.2.9.61' },
    ]);
    notification.emit('action', {}, 0);
    expect(deps.fix).toHaveBeenCalledWith('nat-source-stale');
    notification.emit('action', {}, 1);
    expect(deps.ignore).toHaveBeenCalledWith(['172.2.9.61']);
  });

  it('offers only Ignore when there is no fix', () => {
    const { present, made, deps } = setup();
    present(multiple!);
    expect(made[0]!.options.actions).toEqual([{ type: 'button', text: 'Ignore 172.2.9.61' }]);
    made[0]!.emit('action', {}, 0);
    expect(deps.ignore).toHaveBeenCalledWith(['172.2.9.61']);
    expect(deps.fix).not.toHaveBeenCalled();
  });

  it('opens the popover on the finding when clicked', () => {
    const { present, made, deps } = setup();
    present(stale!);
    made[0]!.emit('click');
    expect(deps.openFinding).toHaveBeenCalledWith('nat-source-stale');
  });

  it('shows nothing where notifications are not supported', () => {
    const { present, made } = setup(false);
    present(stale!);
    expect(made).toEqual([]);
  });
});
