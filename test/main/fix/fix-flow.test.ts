import { FixFlow } from '@src/main/fix/fix-flow';
import { helperEnvironment } from '@src/main/fix/helper-env';
import { defaultSettings } from '@src/main/settings/settings';
import { createAppStore } from '@src/main/state/store';
import { HELPER_PATH_ENV } from '@src/node/elevate';
import { HELPER_BODY } from '@src/node/helper-body';
import type { FixProgress } from '@src/shared/app-api';
import type { CommandResult, CommandRunner, CommandSpec } from '@src/shared/command';
import type { Diagnosis } from '@src/shared/model';
import type { MessageBoxOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { commandResult } from '../../support/command-result';
import { deferred, fixedDiagnosis, recordingLogger, seedDiagnosis } from '../fixtures';

const DONE: Partial<CommandResult> = { exitCode: 0, stdout: 'bridgelight-helper: removed 172.2.9.61 from en0\n' };
const PASSWORD_CANCELLED: Partial<CommandResult> = {
  exitCode: 1,
  stderr: '0:412: execution error: User canceled. (-128)\n',
};
const HELPER_REFUSED: Partial<CommandResult> = {
  exitCode: 1,
  stderr: '0:412: execution error: bridgelight-helper: refused: 172.2.9.61 is not on en0 (2)\n',
};

function fakeRunner(...results: Partial<CommandResult>[]): CommandRunner & { calls: CommandSpec[] } {
  const calls: CommandSpec[] = [];
  return {
    calls,
    async run(spec) {
      calls.push(spec);
      const result = results.shift() ?? DONE;
      return commandResult({ durationMs: 5, ...result });
    },
  };
}

interface Setup {
  current?: Diagnosis | null;
  rechecks?: (Diagnosis | Error)[];
  answers?: number[];
  results?: Partial<CommandResult>[];
  /** Replaces the scripted answers, e.g. with a dialog that stays open. */
  dialog?: () => Promise<{ response: number }>;
}

function setup(options: Setup = {}) {
  const store = createAppStore({ ...defaultSettings(), launchAtLoginStatus: 'disabled' });
  store.setState({ diagnosis: options.current === undefined ? seedDiagnosis() : options.current });
  const phases: FixProgress['phase'][] = [];
  store.subscribe((state, previous) => {
    if (state.fix && state.fix !== previous.fix) phases.push(state.fix.phase);
  });
  const rechecks = [...(options.rechecks ?? [seedDiagnosis(), fixedDiagnosis()])];
  const recheck = vi.fn(async (_reason: string) => {
    const next = rechecks.shift();
    if (!next) throw new Error('unexpected re-check');
    if (next instanceof Error) throw next;
    return next;
  });
  const answers = [...(options.answers ?? [0])];
  const dialogs: MessageBoxOptions[] = [];
  const showMessageBox = vi.fn(async (box: MessageBoxOptions) => {
    dialogs.push(box);
    return options.dialog ? options.dialog() : { response: answers.shift() ?? 1 };
  });
  const runner = fakeRunner(...(options.results ?? [DONE]));
  const flow = new FixFlow({
    store,
    recheck,
    showMessageBox,
    helper: helperEnvironment(runner, 'darwin', () => 501),
    log: recordingLogger(),
  });
  return { flow, store, phases, recheck, dialogs, runner, showMessageBox };
}

describe('FixFlow.fix', () => {
  it('removes the stale address, verifies, and reports before → after with the undo command', async () => {
    const { flow, store, phases, runner } = setup();
    const result = await flow.fix('nat-source-stale');
    expect(result).toEqual({
      outcome: 'verified',
      findingId: 'nat-source-stale',
      message: 'Removed 172.2.9.61 from en0; NAT now uses 172.2.3.10.',
      interface: 'en0',
      address: '172.2.9.61',
      before: { verdict: 'red', natSource: '172.2.9.61' },
      after: { verdict: 'green', natSource: '172.2.3.10' },
      undoCommand: 'sudo ifconfig en0 alias 172.2.9.61 netmask 255.255.0.0',
    });
    expect(phases).toEqual(['confirming', 'rechecking', 'elevating', 'verifying', 'done']);
    expect(store.getState().fix).toEqual({ findingId: 'nat-source-stale', phase: 'done', result });
    expect(runner.calls).toHaveLength(1);
  });

  it('elevates through osascript with the interface and address as separate argv items', async () => {
    const { flow, runner } = setup();
    await flow.fix('nat-source-stale');
    const argv = runner.calls[0]!.argv;
    expect(argv[0]).toBe('/usr/bin/osascript');
    expect(argv.slice(-5, -1)).toEqual([HELPER_BODY, 'remove-address', 'en0', '172.2.9.61']);
    // Nothing from the diagnosis is spliced into the script itself.
    const script = argv.filter((_, i) => argv[i - 1] === '-e').join('\n');
    expect(script).not.toContain('172.2.9.61');
    expect(script).not.toContain('en0');
  });

  it('runs the helper directly when already root', async () => {
    const runner = fakeRunner(DONE);
    const store = createAppStore({ ...defaultSettings(), launchAtLoginStatus: 'disabled' });
    store.setState({ diagnosis: seedDiagnosis() });
    const rechecks = [seedDiagnosis(), fixedDiagnosis()];
    const flow = new FixFlow({
      store,
      recheck: async () => rechecks.shift()!,
      showMessageBox: async () => ({ response: 0 }),
      helper: helperEnvironment(runner, 'darwin', () => 0),
      log: recordingLogger(),
    });
    await flow.fix('nat-source-stale');
    expect(runner.calls[0]!.argv.slice(0, 6)).toEqual(['/usr/bin/env', '-i', HELPER_PATH_ENV, '/bin/sh', '-p', '-c']);
    expect(runner.calls[0]!.argv.slice(6)).toEqual([
      HELPER_BODY,
      'bridgelight-helper',
      'remove-address',
      'en0',
      '172.2.9.61',
    ]);
  });

  it('names the interface, the address, the evidence and the exact command in the confirmation', async () => {
    const { flow, dialogs } = setup({ answers: [1] });
    await flow.fix('nat-source-stale');
    const [box] = dialogs;
    expect(box?.message).toBe('Remove 172.2.9.61 from en0?');
    expect(box?.detail).toContain('bound probe 172.2.9.61 → 198.51.100.10:443 failed: timeout');
    expect(box?.detail).toContain('not the DHCP lease: ipconfig getpacket en0 gives yiaddr 172.2.3.10');
    expect(box?.detail).toContain('    sudo ifconfig en0 delete 172.2.9.61');
    expect(box?.detail).toContain('sudo ifconfig en0 alias 172.2.9.61 netmask 255.255.0.0');
    expect(box?.buttons?.[box.cancelId ?? -1]).toBe('Cancel');
    expect(box?.defaultId).toBe(box?.cancelId);
  });

  it('refuses when the finding is not in the latest diagnosis, without asking', async () => {
    const { flow, dialogs, runner, recheck } = setup({ current: fixedDiagnosis() });
    const result = await flow.fix('nat-source-stale');
    expect(result.outcome).toBe('refused');
    expect(result.message).toMatch(/not among the current findings/);
    expect(dialogs).toEqual([]);
    expect(recheck).not.toHaveBeenCalled();
    expect(runner.calls).toEqual([]);
  });

  it('refuses a finding that offers no fix', async () => {
    const { flow, runner } = setup();
    const result = await flow.fix('egress-multiple-ipv4');
    expect(result).toMatchObject({ outcome: 'refused', message: expect.stringMatching(/no safe automatic fix/) });
    expect(runner.calls).toEqual([]);
  });

  it('refuses before any check has finished', async () => {
    const { flow } = setup({ current: null });
    expect(await flow.fix('nat-source-stale')).toMatchObject({ outcome: 'refused' });
  });

  it('refuses when the finding went away while the dialog was open', async () => {
    const { flow, runner } = setup({ rechecks: [fixedDiagnosis()] });
    const result = await flow.fix('nat-source-stale');
    expect(result.outcome).toBe('refused');
    expect(result.message).toMatch(/changed while you decided.*nothing was done/);
    expect(runner.calls).toEqual([]);
  });

  it('refuses when the plan changed while the dialog was open', async () => {
    const moved = seedDiagnosis();
    moved.egress!.addresses[0]!.prefixLength = 24;
    const { flow, runner } = setup({ rechecks: [moved] });
    const result = await flow.fix('nat-source-stale');
    expect(result).toMatchObject({ outcome: 'refused', message: expect.stringContaining('172.2.9.61/24') });
    expect(runner.calls).toEqual([]);
  });

  it('refuses when a different address became the stale NAT source meanwhile', async () => {
    const other = seedDiagnosis();
    const stale = other.egress!.addresses[0]!;
    stale.address = '172.2.9.62';
    other.egress!.natSource = '172.2.9.62';
    other.findings[0]!.fix = {
      action: 'remove-address',
      interface: 'en0',
      address: '172.2.9.62',
      command: 'sudo ifconfig en0 delete 172.2.9.62',
    };
    const { flow, runner } = setup({ rechecks: [other] });
    expect(await flow.fix('nat-source-stale')).toMatchObject({ outcome: 'refused' });
    expect(runner.calls).toEqual([]);
  });

  it('is cancelled, not an error, when the user declines in the dialog', async () => {
    const { flow, runner, recheck, store } = setup({ answers: [1] });
    const result = await flow.fix('nat-source-stale');
    expect(result).toEqual({ outcome: 'cancelled', findingId: 'nat-source-stale', message: 'Left as it was.' });
    expect(recheck).not.toHaveBeenCalled();
    expect(runner.calls).toEqual([]);
    expect(store.getState().fix?.phase).toBe('done');
  });

  it('is cancelled when the password prompt is cancelled', async () => {
    const { flow, recheck } = setup({ results: [PASSWORD_CANCELLED] });
    const result = await flow.fix('nat-source-stale');
    expect(result).toMatchObject({ outcome: 'cancelled', message: expect.stringMatching(/password prompt/) });
    expect(recheck).toHaveBeenCalledTimes(1);
  });

  it('is refused when the helper refuses', async () => {
    const { flow } = setup({ results: [HELPER_REFUSED] });
    const result = await flow.fix('nat-source-stale');
    expect(result.outcome).toBe('refused');
    expect(result.message).toContain('172.2.9.61 is not on en0');
  });

  it('reports applied-not-verified when the finding is still there afterwards', async () => {
    const { flow } = setup({ rechecks: [seedDiagnosis(), seedDiagnosis()] });
    const result = await flow.fix('nat-source-stale');
    expect(result).toMatchObject({
      outcome: 'applied-not-verified',
      after: { verdict: 'red', natSource: '172.2.9.61' },
      undoCommand: 'sudo ifconfig en0 alias 172.2.9.61 netmask 255.255.0.0',
    });
  });

  it('reports applied-not-verified when the check afterwards fails', async () => {
    const { flow } = setup({ rechecks: [seedDiagnosis(), new Error('minikube timed out')] });
    expect(await flow.fix('nat-source-stale')).toMatchObject({
      outcome: 'applied-not-verified',
      message: expect.stringContaining('minikube timed out'),
    });
  });

  it('fails cleanly when the re-check before elevating throws', async () => {
    const { flow, runner } = setup({ rechecks: [new Error('ifconfig vanished')] });
    expect(await flow.fix('nat-source-stale')).toMatchObject({ outcome: 'failed' });
    expect(runner.calls).toEqual([]);
    expect(flow.isBusy()).toBe(false);
  });

  it('runs one fix at a time', async () => {
    const answer = deferred<{ response: number }>();
    const { flow, store, runner, showMessageBox } = setup({ dialog: () => answer.promise });
    const first = flow.fix('nat-source-stale');
    await vi.waitFor(() => expect(showMessageBox).toHaveBeenCalled());
    const second = await flow.fix('nat-source-stale');
    expect(second).toEqual({
      outcome: 'refused',
      findingId: 'nat-source-stale',
      message: 'Another fix is still running; wait for it to finish.',
    });
    expect(await flow.undoFix('nat-source-stale')).toMatchObject({ outcome: 'refused' });
    // The refusal did not overwrite the running fix's progress.
    expect(store.getState().fix?.phase).toBe('confirming');
    answer.resolve({ response: 0 });
    expect((await first).outcome).toBe('verified');
    expect(runner.calls).toHaveLength(1);
  });
});

describe('FixFlow.undoFix', () => {
  it('puts the removed address back at the end of the list', async () => {
    const { flow, runner } = setup({
      answers: [0, 0],
      results: [DONE, { exitCode: 0, stdout: 'bridgelight-helper: added 172.2.9.61/16 to en0\n' }],
      rechecks: [seedDiagnosis(), fixedDiagnosis(), fixedDiagnosis(), seedDiagnosis()],
    });
    await flow.fix('nat-source-stale');
    const result = await flow.undoFix('nat-source-stale');
    expect(result).toMatchObject({
      outcome: 'verified',
      message: 'Put 172.2.9.61 back on en0.',
      before: { verdict: 'green' },
      after: { verdict: 'red' },
    });
    expect(runner.calls[1]!.argv.slice(-5, -1)).toEqual([HELPER_BODY, 'add-address', 'en0', '172.2.9.61/16']);
    // Once undone, there is nothing left to undo.
    expect(await flow.undoFix('nat-source-stale')).toMatchObject({ outcome: 'refused' });
  });

  it('refuses when this run of the app removed nothing', async () => {
    const { flow, dialogs } = setup();
    expect(await flow.undoFix('nat-source-stale')).toMatchObject({
      outcome: 'refused',
      message: expect.stringMatching(/Nothing to undo/),
    });
    expect(dialogs).toEqual([]);
  });

  it('keeps the undo available when its password prompt is cancelled', async () => {
    const { flow } = setup({
      answers: [0, 0, 0],
      results: [DONE, PASSWORD_CANCELLED, DONE],
      rechecks: [seedDiagnosis(), fixedDiagnosis(), fixedDiagnosis(), fixedDiagnosis(), seedDiagnosis()],
    });
    await flow.fix('nat-source-stale');
    expect(await flow.undoFix('nat-source-stale')).toMatchObject({ outcome: 'cancelled' });
    expect(await flow.undoFix('nat-source-stale')).toMatchObject({ outcome: 'verified' });
  });
});
