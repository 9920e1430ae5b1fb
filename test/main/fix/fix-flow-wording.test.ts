// What the popover shows after a fix or an undo: every outcome's exact sentence, what is logged, what stays
// available for the undo, and the confirmation dialogs themselves. The helper run is scripted through
// FixFlowDeps.runHelper, so each HelperRun outcome can be given as the transaction sees it.
import { removeConfirmation, undoConfirmation } from '@src/main/fix/confirmation';
import { FixFlow } from '@src/main/fix/fix-flow';
import { helperEnvironment } from '@src/main/fix/helper-env';
import { defaultSettings } from '@src/main/settings/settings';
import { createAppStore } from '@src/main/state/store';
import type { HelperCall } from '@src/node/elevate';
import { type FixPlan, type HelperRun, planFix } from '@src/node/fix';
import type { CommandRunner } from '@src/shared/command';
import type { Diagnosis } from '@src/shared/model';
import type { MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { deferred, fixedDiagnosis, recordingLogger, seedDiagnosis } from '../fixtures';

const REMOVED: HelperRun = { outcome: 'done', message: 'bridgelight-helper: removed 172.2.9.61 from en0' };
const ADDED: HelperRun = { outcome: 'done', message: 'bridgelight-helper: added 172.2.9.61/16 to en0' };

/** What every result of a removal of the seed's stale address carries, whatever its outcome. */
const REMOVAL = {
  findingId: 'nat-source-stale',
  interface: 'en0',
  address: '172.2.9.61',
  before: { verdict: 'red', natSource: '172.2.9.61' },
  undoCommand: 'sudo ifconfig en0 alias 172.2.9.61 netmask 255.255.0.0',
} as const;
/** ...and of putting it back, from the healthy state. */
const RESTORE = {
  findingId: 'nat-source-stale',
  interface: 'en0',
  address: '172.2.9.61',
  before: { verdict: 'green', natSource: '172.2.3.10' },
} as const;

const NO_RUNNER: CommandRunner = {
  run: async () => {
    throw new Error('the scripted runHelper is used, not the runner');
  },
};

interface Script {
  current?: Diagnosis | null;
  rechecks: (Diagnosis | Error)[];
  runs?: HelperRun[];
  answers?: number[];
  dialog?: () => Promise<{ response: number }>;
}

function scripted(script: Script) {
  const store = createAppStore({ ...defaultSettings(), launchAtLoginStatus: 'disabled' });
  store.setState({ diagnosis: script.current === undefined ? seedDiagnosis() : script.current });
  const rechecks = [...script.rechecks];
  const reasons: string[] = [];
  const runs = [...(script.runs ?? [REMOVED, ADDED])];
  const calls: HelperCall[] = [];
  const answers = [...(script.answers ?? [0, 0, 0])];
  const dialogs: MessageBoxOptions[] = [];
  const log = recordingLogger();
  const flow = new FixFlow({
    store,
    log,
    helper: helperEnvironment(NO_RUNNER, 'darwin', () => 501),
    async recheck(reason) {
      reasons.push(reason);
      const next = rechecks.shift();
      if (!next) throw new Error('unexpected re-check');
      if (next instanceof Error) throw next;
      return next;
    },
    async showMessageBox(box) {
      dialogs.push(box);
      return script.dialog ? script.dialog() : { response: answers.shift() ?? 1 };
    },
    async runHelper(env, call) {
      expect(env.isRoot).toBe(false);
      calls.push(call);
      const run = runs.shift();
      if (!run) throw new Error('unexpected helper run');
      return run;
    },
  });
  return { flow, store, log, calls, dialogs, reasons };
}

function seedPlan(): FixPlan {
  const planned = planFix(seedDiagnosis(), 'darwin', 'nat-source-stale');
  if (!planned.ok) throw new Error(planned.reason);
  return planned.plan;
}

describe('FixFlow.fix: what the popover is told', () => {
  it('before any check has finished', async () => {
    const { flow, log } = scripted({ current: null, rechecks: [] });
    expect(await flow.fix('nat-source-stale')).toEqual({
      outcome: 'refused',
      findingId: 'nat-source-stale',
      message: 'No check has finished yet.',
    });
    expect(log.lines).toEqual(['info: fix nat-source-stale: refused: No check has finished yet.']);
  });

  it('when there is nothing to fix, with the planner’s reason', async () => {
    const { flow, store } = scripted({ current: fixedDiagnosis(), rechecks: [] });
    const result = await flow.fix('nat-source-stale');
    expect(result).toEqual({
      outcome: 'refused',
      findingId: 'nat-source-stale',
      message: 'Nothing to fix: nat-source-stale is not among the current findings (verdict: green).',
    });
    expect(store.getState().fix).toEqual({ findingId: 'nat-source-stale', phase: 'done', result });
  });

  it('when the finding went away while the dialog was open', async () => {
    const { flow, calls, reasons } = scripted({ rechecks: [fixedDiagnosis()] });
    expect(await flow.fix('nat-source-stale')).toEqual({
      outcome: 'refused',
      findingId: 'nat-source-stale',
      message:
        'The situation changed while you decided (nat-source-stale is not among the current findings (verdict: green)); nothing was done.',
    });
    expect(reasons).toEqual(['fix']);
    expect(calls).toEqual([]);
  });

  it.each([
    [
      { outcome: 'refused', message: 'refused: 172.2.9.61 is not on en0' },
      'refused',
      'The helper refused: refused: 172.2.9.61 is not on en0',
    ],
    [
      { outcome: 'failed', message: 'failed: ifconfig exited 1' },
      'failed',
      'The helper failed: failed: ifconfig exited 1',
    ],
    [
      { outcome: 'cancelled', message: 'cancelled at the password prompt' },
      'cancelled',
      'Cancelled at the password prompt; nothing was changed.',
    ],
  ] as const)('when the helper run is %j', async (run, outcome, message) => {
    const { flow, calls } = scripted({ rechecks: [seedDiagnosis()], runs: [run] });
    expect(await flow.fix('nat-source-stale')).toEqual({ outcome, findingId: 'nat-source-stale', message });
    expect(calls).toEqual([{ verb: 'remove-address', interface: 'en0', address: '172.2.9.61' }]);
  });

  it('when the address is gone but the finding is still reported', async () => {
    const { flow, reasons } = scripted({ rechecks: [seedDiagnosis(), seedDiagnosis()] });
    expect(await flow.fix('nat-source-stale')).toEqual({
      ...REMOVAL,
      outcome: 'applied-not-verified',
      message: 'Removed 172.2.9.61 from en0, but nat-source-stale is still reported.',
      after: { verdict: 'red', natSource: '172.2.9.61' },
    });
    expect(reasons).toEqual(['fix', 'fix-verify']);
  });

  it('when the check afterwards failed: no after, the undo still offered', async () => {
    const { flow } = scripted({
      rechecks: [seedDiagnosis(), new Error('minikube timed out'), fixedDiagnosis(), seedDiagnosis()],
    });
    expect(await flow.fix('nat-source-stale')).toEqual({
      ...REMOVAL,
      outcome: 'applied-not-verified',
      message: 'Removed 172.2.9.61 from en0, but the check afterwards failed: minikube timed out',
    });
    expect(await flow.undoFix('nat-source-stale')).toMatchObject({ outcome: 'verified' });
  });

  it('when the fresh diagnosis no longer knows the NAT source', async () => {
    const blind = { ...fixedDiagnosis(), egress: null };
    const { flow } = scripted({ rechecks: [seedDiagnosis(), blind] });
    expect(await flow.fix('nat-source-stale')).toMatchObject({
      outcome: 'verified',
      message: 'Removed 172.2.9.61 from en0; NAT now uses an unknown address.',
      after: { verdict: 'green', natSource: null },
    });
  });

  it('when something breaks: logged with the error, worded for people', async () => {
    const { flow, log, store } = scripted({ rechecks: [new Error('ifconfig vanished')] });
    expect(await flow.fix('nat-source-stale')).toEqual({
      outcome: 'failed',
      findingId: 'nat-source-stale',
      message: 'Something went wrong: ifconfig vanished',
    });
    expect(log.lines).toEqual([
      'error: fix nat-source-stale failed Error: ifconfig vanished',
      'info: fix nat-source-stale: failed: Something went wrong: ifconfig vanished',
    ]);
    expect(store.getState().fix?.phase).toBe('done');
    expect(flow.isBusy()).toBe(false);
  });

  it('logs the outcome of a fix that worked', async () => {
    const { flow, log } = scripted({ rechecks: [seedDiagnosis(), fixedDiagnosis()] });
    await flow.fix('nat-source-stale');
    expect(log.lines).toEqual([
      'info: fix nat-source-stale: verified: Removed 172.2.9.61 from en0; NAT now uses 172.2.3.10.',
    ]);
  });

  it('is busy while the dialog is open, and publishes each phase without a result', async () => {
    const answer = deferred<{ response: number }>();
    const { flow, store, log } = scripted({
      rechecks: [seedDiagnosis(), fixedDiagnosis()],
      dialog: () => answer.promise,
    });
    expect(flow.isBusy()).toBe(false);
    const running = flow.fix('nat-source-stale');
    expect(flow.isBusy()).toBe(true);
    expect(store.getState().fix).toEqual({ findingId: 'nat-source-stale', phase: 'confirming', result: null });
    expect(await flow.fix('nat-source-stale')).toMatchObject({ outcome: 'refused' });
    // A refusal for being busy is neither logged nor published.
    expect(log.lines).toEqual([]);
    answer.resolve({ response: 0 });
    expect(await running).toMatchObject({ outcome: 'verified' });
    expect(flow.isBusy()).toBe(false);
  });

  it('takes only the Remove button as a yes', async () => {
    const { flow, calls } = scripted({ rechecks: [], answers: [2] });
    expect(await flow.fix('nat-source-stale')).toMatchObject({ outcome: 'cancelled', message: 'Left as it was.' });
    expect(calls).toEqual([]);
  });
});

describe('FixFlow.undoFix: what the popover is told', () => {
  it('when the address is already back', async () => {
    const { flow, calls, reasons } = scripted({
      rechecks: [seedDiagnosis(), fixedDiagnosis(), seedDiagnosis(), fixedDiagnosis(), seedDiagnosis()],
    });
    await flow.fix('nat-source-stale');
    expect(await flow.undoFix('nat-source-stale')).toEqual({
      outcome: 'refused',
      findingId: 'nat-source-stale',
      message: '172.2.9.61 is already on en0 again.',
    });
    expect(reasons).toEqual(['fix', 'fix-verify', 'undo']);
    // Nothing was put back, so the undo stays available.
    expect(await flow.undoFix('nat-source-stale')).toMatchObject({ outcome: 'verified' });
    expect(calls.map((call) => call.verb)).toEqual(['remove-address', 'add-address']);
  });

  it('when the check afterwards failed: said, and the undo is used up', async () => {
    const { flow } = scripted({
      rechecks: [seedDiagnosis(), fixedDiagnosis(), fixedDiagnosis(), new Error('ssh timed out')],
    });
    await flow.fix('nat-source-stale');
    expect(await flow.undoFix('nat-source-stale')).toEqual({
      ...RESTORE,
      outcome: 'applied-not-verified',
      message: 'Put 172.2.9.61 back on en0, but the check afterwards failed: ssh timed out',
    });
    expect(await flow.undoFix('nat-source-stale')).toEqual({
      outcome: 'refused',
      findingId: 'nat-source-stale',
      message: 'Nothing to undo: Bridgelight has not removed an address for this finding since it started.',
    });
  });

  it('when the address is still not listed afterwards', async () => {
    const { flow } = scripted({ rechecks: [seedDiagnosis(), fixedDiagnosis(), fixedDiagnosis(), fixedDiagnosis()] });
    await flow.fix('nat-source-stale');
    expect(await flow.undoFix('nat-source-stale')).toEqual({
      ...RESTORE,
      outcome: 'applied-not-verified',
      message: 'Asked to put 172.2.9.61 back on en0, but it is not listed there.',
      after: { verdict: 'green', natSource: '172.2.3.10' },
    });
  });

  it('asks with the undo dialog, and words a refused helper alike', async () => {
    const refused: HelperRun = { outcome: 'refused', message: 'refused: 172.2.9.61 is already on en0' };
    const { flow, dialogs } = scripted({
      rechecks: [seedDiagnosis(), fixedDiagnosis(), fixedDiagnosis()],
      runs: [REMOVED, refused],
    });
    await flow.fix('nat-source-stale');
    expect(await flow.undoFix('nat-source-stale')).toEqual({
      outcome: 'refused',
      findingId: 'nat-source-stale',
      message: 'The helper refused: refused: 172.2.9.61 is already on en0',
    });
    expect(dialogs.map((box) => box.message)).toEqual(['Remove 172.2.9.61 from en0?', 'Put 172.2.9.61 back on en0?']);
  });
});

describe('the confirmation dialogs', () => {
  it('removal: the finding, its evidence, the command and its undo, Cancel by default', () => {
    expect(removeConfirmation(seedPlan())).toEqual({
      type: 'warning',
      title: 'Bridgelight',
      message: 'Remove 172.2.9.61 from en0?',
      detail: [
        'NAT translates VM traffic to 172.2.9.61, a stale address.',
        '',
        'Why it is judged stale:',
        '• en0 inet 172.2.9.61/16 (listed first: vmnet NAT translates to it)',
        '• not the DHCP lease: ipconfig getpacket en0 gives yiaddr 172.2.3.10',
        '• subnet 172.2.0.0/16 contains the gateway 172.2.2.2',
        '• bound probe 172.2.9.61 → 198.51.100.10:443 failed: timeout',
        '• bound probe 172.2.9.61 → 203.0.113.20:443 failed: timeout',
        '',
        'Bridgelight will run, with administrator privileges:',
        '    sudo ifconfig en0 delete 172.2.9.61',
        '',
        'To put it back later:',
        '    sudo ifconfig en0 alias 172.2.9.61 netmask 255.255.0.0',
      ].join('\n'),
      buttons: ['Remove Address', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
  });

  it('undo: where it goes back and the command, Cancel by default', () => {
    expect(undoConfirmation(seedPlan())).toEqual({
      type: 'question',
      title: 'Bridgelight',
      message: 'Put 172.2.9.61 back on en0?',
      detail: [
        'It is added at the end of the list, so NAT keeps using the current address.',
        '',
        'Bridgelight will run, with administrator privileges:',
        '    sudo ifconfig en0 alias 172.2.9.61 netmask 255.255.0.0',
      ].join('\n'),
      buttons: ['Put It Back', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
  });
});

describe('helperEnvironment', () => {
  it('is root only for uid 0, and never where there are no uids', () => {
    expect(helperEnvironment(NO_RUNNER, 'linux', () => 0)).toEqual({
      runner: NO_RUNNER,
      platform: 'linux',
      isRoot: true,
    });
    expect(helperEnvironment(NO_RUNNER, 'darwin', () => 501).isRoot).toBe(false);
    expect(helperEnvironment(NO_RUNNER, 'darwin', null).isRoot).toBe(false);
  });

  it('asks the process for its uid by default', () => {
    expect(helperEnvironment(NO_RUNNER, 'linux').isRoot).toBe(process.getuid?.() === 0);
  });
});
