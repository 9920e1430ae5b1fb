import type { HelperCall } from '@src/node/elevate';
import { checkReplay } from '@src/node/engine';
import {
  applyFix,
  type FixPlan,
  type FixPorts,
  type HelperRun,
  planFix,
  runHelper,
  samePlan,
  undoCall,
  undoFix,
} from '@src/node/fix';
import type { CommandResult, CommandSpec } from '@src/shared/command';
import type { Diagnosis } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const bundle = (name: string) => new URL(`../fixtures/bundles/${name}`, import.meta.url).pathname;

describe('fix planning', () => {
  it('plans the removal of exactly the stale NAT source, with its undo', async () => {
    const { diagnosis } = await checkReplay(bundle('seed'), {});
    const result = planFix(diagnosis, 'darwin', 'nat-source-stale');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan).toMatchObject({
      interface: 'en0',
      address: '172.2.9.61',
      prefixLength: 16,
      command: 'sudo ifconfig en0 delete 172.2.9.61',
      undoCommand: 'sudo ifconfig en0 alias 172.2.9.61 netmask 255.255.0.0',
    });
    expect(undoCall(result.plan)).toEqual({ verb: 'add-address', interface: 'en0', address: '172.2.9.61/16' });
    expect(samePlan(result.plan, { ...result.plan })).toBe(true);
    expect(samePlan(result.plan, { ...result.plan, address: '172.2.3.10' })).toBe(false);
  });

  it('refuses when the finding is absent, or has no fix', async () => {
    const healthy = await checkReplay(bundle('healthy'), {});
    expect(planFix(healthy.diagnosis, 'darwin', 'nat-source-stale')).toMatchObject({ ok: false, absent: true });
    const twoNoLease = await checkReplay(bundle('two-no-lease'), {});
    expect(planFix(twoNoLease.diagnosis, 'darwin', 'egress-multiple-ipv4')).toMatchObject({ ok: false, absent: false });
  });

  it('refuses a finding whose fix points at an address that is not judged stale', async () => {
    const { diagnosis } = await checkReplay(bundle('seed'), {});
    const tampered = structuredClone(diagnosis);
    const finding = tampered.findings.find((f) => f.id === 'nat-source-stale')!;
    finding.fix = { ...finding.fix!, address: '172.2.3.10' };
    expect(planFix(tampered, 'darwin', 'nat-source-stale')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not judged stale/),
    });
  });

  it('refuses a fix for an address the egress interface no longer lists, or for another interface', async () => {
    const { diagnosis } = await checkReplay(bundle('seed'), {});
    const gone = structuredClone(diagnosis);
    gone.egress!.addresses = gone.egress!.addresses.filter((a) => a.address !== '172.2.9.61');
    expect(planFix(gone, 'darwin', 'nat-source-stale')).toMatchObject({
      ok: false,
      reason: '172.2.9.61 is no longer on en0',
    });
    const elsewhere = structuredClone(diagnosis);
    const finding = elsewhere.findings.find((f) => f.id === 'nat-source-stale')!;
    finding.fix = { ...finding.fix!, interface: 'en1' };
    expect(planFix(elsewhere, 'darwin', 'nat-source-stale')).toMatchObject({
      ok: false,
      reason: '172.2.9.61 is no longer on en1',
    });
  });
});

describe('fix planning and the helper agree', () => {
  it('refuses up front an interface name the helper would refuse', async () => {
    const { diagnosis } = await checkReplay(bundle('seed'), {});
    const renamed = structuredClone(diagnosis);
    renamed.egress!.interface = 'br-1a2b';
    const finding = renamed.findings.find((f) => f.id === 'nat-source-stale')!;
    finding.fix = { ...finding.fix!, interface: 'br-1a2b' };
    expect(planFix(renamed, 'linux', 'nat-source-stale')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/run `sudo/),
    });
  });
});

describe('running the helper', () => {
  const env = (result: Partial<CommandResult>, seen: CommandSpec[] = []) => ({
    platform: 'linux' as const,
    isRoot: true,
    runner: {
      run: async (spec: CommandSpec) => {
        seen.push(spec);
        return commandResult(result);
      },
    },
  });
  const call = { verb: 'remove-address', interface: 'en0', address: '198.51.100.66' } as const;

  it('passes the call as argv and reports the helper line', async () => {
    const seen: CommandSpec[] = [];
    expect(await runHelper(env({ stdout: 'removed 198.51.100.66 from en0\n' }, seen), call)).toEqual({
      outcome: 'done',
      message: 'removed 198.51.100.66 from en0',
    });
    expect(seen[0]!.argv.slice(-4)).toEqual(['bridgelight-helper', 'remove-address', 'en0', '198.51.100.66']);
  });

  it('maps refusal, failure, cancel and timeout', async () => {
    expect(await runHelper(env({ exitCode: 2, stderr: 'refused: only address\n' }), call)).toMatchObject({
      outcome: 'refused',
      message: 'refused: only address',
    });
    expect(await runHelper(env({ exitCode: 1, stderr: 'failed: ip said no\n' }), call)).toMatchObject({
      outcome: 'failed',
    });
    expect(await runHelper({ ...env({ exitCode: 126 }), isRoot: false }, call)).toMatchObject({ outcome: 'cancelled' });
    expect(await runHelper(env({ exitCode: null, outcome: 'timeout' }), call)).toMatchObject({ outcome: 'failed' });
  });
});

describe('the fix transaction', () => {
  const DONE: HelperRun = { outcome: 'done', message: 'removed 172.2.9.61 from en0' };

  /** Ports that record every step in order, answering with the given diagnoses and helper run. */
  function ports(options: { confirm?: boolean; diagnoses: (Diagnosis | Error)[]; run?: HelperRun }) {
    const steps: string[] = [];
    const calls: HelperCall[] = [];
    const diagnoses = [...options.diagnoses];
    const fake: FixPorts = {
      async diagnose(reason) {
        steps.push(`diagnose ${reason}`);
        const next = diagnoses.shift();
        if (!next) throw new Error('unexpected diagnose');
        if (next instanceof Error) throw next;
        return next;
      },
      async confirm(plan) {
        steps.push(`confirm ${plan.address}`);
        return options.confirm ?? true;
      },
      publish: (phase) => steps.push(phase),
      async runHelper(call) {
        steps.push(`helper ${call.verb}`);
        calls.push(call);
        return options.run ?? DONE;
      },
    };
    return { fake, steps, calls };
  }

  async function seedPlan(): Promise<{ plan: FixPlan; seed: Diagnosis; healthy: Diagnosis }> {
    const seed = (await checkReplay(bundle('seed'), {})).diagnosis;
    const healthy = (await checkReplay(bundle('healthy'), {})).diagnosis;
    const planned = planFix(seed, 'darwin', 'nat-source-stale');
    if (!planned.ok) throw new Error(planned.reason);
    return { plan: planned.plan, seed, healthy };
  }

  it('confirms, re-collects and re-plans, runs the helper, then verifies with a fresh diagnosis', async () => {
    const { plan, seed, healthy } = await seedPlan();
    const { fake, steps, calls } = ports({ diagnoses: [seed, healthy] });
    const done = await applyFix(plan, fake);
    expect(steps).toEqual([
      'confirming',
      'confirm 172.2.9.61',
      'rechecking',
      'diagnose fix',
      'elevating',
      'helper remove-address',
      'verifying',
      'diagnose fix-verify',
    ]);
    expect(calls).toEqual([{ verb: 'remove-address', interface: 'en0', address: '172.2.9.61' }]);
    expect(done).toEqual({ step: 'applied', run: DONE, before: seed, after: healthy });
  });

  it('stops at a no: nothing is collected and nothing runs', async () => {
    const { plan } = await seedPlan();
    const { fake, steps } = ports({ confirm: false, diagnoses: [] });
    expect(await applyFix(plan, fake)).toEqual({ step: 'declined' });
    expect(steps).toEqual(['confirming', 'confirm 172.2.9.61']);
  });

  it('runs nothing when the fresh diagnosis no longer plans the same removal', async () => {
    const { plan, seed, healthy } = await seedPlan();
    const gone = ports({ diagnoses: [healthy] });
    expect(await applyFix(plan, gone.fake)).toMatchObject({
      step: 'moved',
      reason: expect.stringMatching(/not among the current findings/),
    });
    const moved = structuredClone(seed);
    moved.egress!.addresses[0]!.prefixLength = 24;
    const other = ports({ diagnoses: [moved] });
    expect(await applyFix(plan, other.fake)).toEqual({
      step: 'moved',
      reason: 'the fix would now remove 172.2.9.61/24 from en0',
    });
    expect([...gone.calls, ...other.calls]).toEqual([]);
  });

  it('reports a helper that did not do it, and does not verify', async () => {
    const { plan, seed } = await seedPlan();
    const run: HelperRun = { outcome: 'refused', message: 'refused: 172.2.9.61 is the only address' };
    const { fake, steps } = ports({ diagnoses: [seed], run });
    expect(await applyFix(plan, fake)).toEqual({ step: 'helper-not-done', run });
    expect(steps).not.toContain('verifying');
  });

  it('says the change was made but not verified when the check afterwards fails', async () => {
    const { plan, seed } = await seedPlan();
    const { fake } = ports({ diagnoses: [seed, new Error('minikube timed out')] });
    const done = await applyFix(plan, fake);
    expect(done).toMatchObject({ step: 'unverified', before: seed });
    expect(done.step === 'unverified' && done.error.message).toBe('minikube timed out');
  });

  it('undoes through the same steps, unless the address is already back', async () => {
    const { plan, seed, healthy } = await seedPlan();
    const undo = ports({ diagnoses: [healthy, seed] });
    expect(await undoFix(plan, undo.fake)).toEqual({ step: 'applied', run: DONE, before: healthy, after: seed });
    expect(undo.steps).toContain('diagnose undo-verify');
    expect(undo.calls).toEqual([{ verb: 'add-address', interface: 'en0', address: '172.2.9.61/16' }]);
    const back = ports({ diagnoses: [seed] });
    expect(await undoFix(plan, back.fake)).toEqual({ step: 'moved', reason: '172.2.9.61 is already on en0 again' });
    expect(back.calls).toEqual([]);
  });
});
