import { EventEmitter } from 'node:events';
import { notificationRequests } from '@src/main/notifications/notifier';
import { createPresenter, NOTIFICATIONS_UNAVAILABLE, type NotificationLike } from '@src/main/notifications/presenter';
import type { Event, NotificationActionEventParams, NotificationConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { recordingLogger, seedDiagnosis } from '../fixtures';

/** Electron's listener arguments, built as Electron builds them: an Event with the params spread onto it. */
function electronEvent<Params extends object>(params: Params): Event<Params> {
  return { preventDefault: () => {}, defaultPrevented: false, ...params };
}

class FakeNotification extends EventEmitter {
  shown = false;
  closed = false;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
  }
  /** What Electron 45 passes to `action` listeners: details first; the positional index is deprecated. */
  pressAction(actionIndex: number) {
    const details: Event<NotificationActionEventParams> = electronEvent({ actionIndex, selectionIndex: -1 });
    this.emit('action', details, actionIndex, -1);
  }
}

function setup(supported = true) {
  const made: FakeNotification[] = [];
  const deps = {
    create: (options: NotificationConstructorOptions) => {
      const notification = new FakeNotification(options) satisfies NotificationLike;
      made.push(notification);
      return notification;
    },
    isSupported: () => supported,
    openFinding: vi.fn(),
    fix: vi.fn(),
    ignore: vi.fn(),
    unavailable: vi.fn(),
    log: recordingLogger(),
  };
  const presenter = createPresenter(deps);
  return { present: presenter.show, presenter, made, deps };
}

const [stale, multiple] = notificationRequests(seedDiagnosis());

describe('createPresenter', () => {
  it('offers Fix… and Ignore for a fixable finding, and routes each action by details.actionIndex', () => {
    const { present, made, deps } = setup();
    present(stale!);
    const notification = made[0]!;
    expect(notification.shown).toBe(true);
    expect(notification.options.actions).toEqual([
      { type: 'button', text: 'Fix…' },
      { type: 'button', text: 'Ignore 172.2.9.61' },
    ]);
    notification.pressAction(0);
    expect(deps.fix).toHaveBeenCalledWith('nat-source-stale');
    notification.pressAction(1);
    expect(deps.ignore).toHaveBeenCalledWith(['172.2.9.61']);
  });

  it('reads the index from the details, not the deprecated positional argument', () => {
    const { present, made, deps } = setup();
    present(stale!);
    made[0]!.emit('action', electronEvent({ actionIndex: 1, selectionIndex: -1 }), 0, -1);
    expect(deps.ignore).toHaveBeenCalledWith(['172.2.9.61']);
    expect(deps.fix).not.toHaveBeenCalled();
  });

  it('offers only Ignore when there is no fix', () => {
    const { present, made, deps } = setup();
    present(multiple!);
    expect(made[0]!.options.actions).toEqual([{ type: 'button', text: 'Ignore 172.2.9.61' }]);
    made[0]!.pressAction(0);
    expect(deps.ignore).toHaveBeenCalledWith(['172.2.9.61']);
    expect(deps.fix).not.toHaveBeenCalled();
  });

  it('opens the popover on the finding when clicked', () => {
    const { present, made, deps } = setup();
    present(stale!);
    made[0]!.emit('click', electronEvent({}));
    expect(deps.openFinding).toHaveBeenCalledWith('nat-source-stale');
  });

  it('shows nothing where notifications are not supported', () => {
    const { present, made } = setup(false);
    present(stale!);
    expect(made).toEqual([]);
  });

  it('tells the user why when macOS refuses the notification (unsigned build, Electron 42+)', () => {
    const { present, made, deps, presenter } = setup();
    present(stale!);
    made[0]!.emit('failed', electronEvent({}), 'Notifications are not allowed for this application');
    expect(deps.unavailable).toHaveBeenCalledWith(NOTIFICATIONS_UNAVAILABLE);
    expect(presenter.liveCount()).toBe(0);
  });

  it('keeps one notification per finding: a newer one replaces (and closes) the older', () => {
    const { present, made, presenter } = setup();
    for (let round = 0; round < 5; round++) present(stale!);
    present(multiple!);
    expect(presenter.liveCount()).toBe(2);
    expect(made.slice(0, 4).every((notification) => notification.closed)).toBe(true);
    expect(made[4]!.closed).toBe(false);
  });

  // What each platform emits after show() when the user answers, per Electron's docs: macOS has no `close`;
  // Linux has no actions and no `failed`. Whatever the platform, nothing stays referenced once it is answered.
  it.each([
    { platform: 'darwin', answer: (n: FakeNotification) => n.pressAction(0), expected: 'fix' },
    { platform: 'darwin', answer: (n: FakeNotification) => n.emit('click', electronEvent({})), expected: 'open' },
    { platform: 'darwin', answer: (n: FakeNotification) => n.emit('failed', electronEvent({}), 'denied') },
    {
      platform: 'win32',
      answer: (n: FakeNotification) => {
        n.pressAction(0);
        n.emit('close', electronEvent({ reason: 'userCanceled' }));
      },
      expected: 'fix',
    },
    { platform: 'win32', answer: (n: FakeNotification) => n.emit('close', electronEvent({ reason: 'timedOut' })) },
    { platform: 'linux', answer: (n: FakeNotification) => n.emit('click', electronEvent({})), expected: 'open' },
    { platform: 'linux', answer: (n: FakeNotification) => n.emit('close', electronEvent({})) },
  ])('$platform: releases the notification once answered ($expected)', ({ answer, expected }) => {
    const { present, made, deps, presenter } = setup();
    present(stale!);
    expect(presenter.liveCount()).toBe(1);
    answer(made[0]!);
    expect(presenter.liveCount()).toBe(0);
    expect(deps.fix).toHaveBeenCalledTimes(expected === 'fix' ? 1 : 0);
    expect(deps.openFinding).toHaveBeenCalledTimes(expected === 'open' ? 1 : 0);
  });
});
