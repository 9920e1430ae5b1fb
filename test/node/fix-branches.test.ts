// The fix transaction's wording and branches the main fix tests leave open: each refusal's exact reason, what the
// helper run is asked for and how its reply is read, and a check afterwards that throws something not an Error.
import { readFileSync } from 'node:fs';
import {
  applyFix,
  type FixPlan,
  type FixPorts,
  type HelperRun,
  hasAddress,
  planFix,
  removeCall,
  runHelper,
  samePlan,
  undoFix,
} from '@src/node/fix';
import type { CommandResult, CommandSpec } from '@src/shared/command';
import type { Diagnosis } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

/** `bridgelight check --json --replay` of a bundle (test/fixtures/diagnoses, drift-checked by the CLI tests). */
const diagnosisOf = (bundle: 'seed' | 'healthy'): Diagnosis =>
  JSON.parse(readFileSync(new URL(`../fixtures/diagnoses/${bundle}.json`, import.meta.url), 'utf8')) as Diagnosis;

function seedPlan(): FixPlan {
  const planned = planFix(diagnosisOf('seed'), 'darwin', 'nat-source-stale');
  if (!planned.ok) throw new Error(planned.reason);
  return planned.plan;
}

describe('planFix: the reasons it gives', () => {
  it('names the verdict when the finding is not there', () => {
    expect(planFix(diagnosisOf('healthy'), 'darwin', 'nat-source-stale')).toEqual({
      ok: false,
      absent: true,
      reason: 'nat-source-stale is not among the current findings (verdict: green)',
    });
  });

  it('names the finding title when it has no fix', () => {
    expect(planFix(diagnosisOf('seed'), 'darwin', 'egress-multiple-ipv4')).toEqual({
      ok: false,
      absent: false,
      reason: 'egress-multiple-ipv4 has no safe automatic fix: en0 carries 2 IPv4 addresses.',
    });
  });

  it('refuses when the diagnosis has no egress at all', () => {
    const noEgress = { ...diagnosisOf('seed'), egress: null };
    expect(planFix(noEgress, 'darwin', 'nat-source-stale')).toEqual({
      ok: false,
      absent: false,
      reason: '172.2.9.61 is no longer on en0',
    });
  });

  it('refuses an address that is no longer judged stale, with the exact reason', () => {
    const judged = diagnosisOf('seed');
    judged.egress!.addresses[0]!.role = 'static';
    expect(planFix(judged, 'darwin', 'nat-source-stale')).toEqual({
      ok: false,
      absent: false,
      reason: '172.2.9.61 is not judged stale any more',
    });
  });

  it('sends an interface name the helper refuses back to the manual command', () => {
    const renamed = diagnosisOf('seed');
    renamed.egress!.interface = 'br-1a2b';
    const finding = renamed.findings.find((f) => f.id === 'nat-source-stale')!;
    finding.fix = { ...finding.fix!, interface: 'br-1a2b', command: 'sudo ip addr del 172.2.9.61/16 dev br-1a2b' };
    expect(planFix(renamed, 'linux', 'nat-source-stale')).toEqual({
      ok: false,
      absent: false,
      reason:
        'the helper only takes interface names of lower-case letters and digits, not br-1a2b; run `sudo ip addr del 172.2.9.61/16 dev br-1a2b` yourself',
    });
  });

  it('words the undo for the platform it plans on', () => {
    const planned = planFix(diagnosisOf('seed'), 'linux', 'nat-source-stale');
    expect(planned).toMatchObject({ ok: true, plan: { platform: 'linux', findingId: 'nat-source-stale' } });
    expect(planned.ok && planned.plan.undoCommand).toBe('sudo ip addr add 172.2.9.61/16 dev en0');
    expect(planned.ok && planned.plan.finding.title).toBe('NAT translates VM traffic to 172.2.9.61, a stale address.');
  });
});

describe('samePlan and hasAddress', () => {
  it('tells plans apart by finding, interface, address or prefix length', () => {
    const plan = seedPlan();
    expect(samePlan(plan, { ...plan, findingId: 'egress-multiple-ipv4' })).toBe(false);
    expect(samePlan(plan, { ...plan, interface: 'en1' })).toBe(false);
    expect(samePlan(plan, { ...plan, address: '172.2.9.62' })).toBe(false);
    expect(samePlan(plan, { ...plan, prefixLength: 24 })).toBe(false);
    expect(samePlan(plan, { ...plan, command: 'another wording', undoCommand: 'another undo' })).toBe(true);
  });

  it('finds the address only on the same interface', () => {
    const seed = diagnosisOf('seed');
    expect(hasAddress(seed, { interface: 'en0', address: '172.2.9.61' })).toBe(true);
    expect(hasAddress(seed, { interface: 'en1', address: '172.2.9.61' })).toBe(false);
    expect(hasAddress(seed, { interface: 'en0', address: '172.2.9.62' })).toBe(false);
    expect(hasAddress({ ...seed, egress: null }, { interface: 'en0', address: '172.2.9.61' })).toBe(false);
  });

  it('removes exactly the planned address from the planned interface', () => {
    expect(removeCall(seedPlan())).toEqual({ verb: 'remove-address', interface: 'en0', address: '172.2.9.61' });
  });
});

describe('runHelper: how the run is asked for and read', () => {
  const call = { verb: 'add-address', interface: 'en0', address: '172.2.9.61/16' } as const;
  function env(result: Partial<CommandResult>, options: { isRoot?: boolean; platform?: 'darwin' | 'linux' } = {}) {
    const seen: CommandSpec[] = [];
    return {
      seen,
      env: {
        platform: options.platform ?? 'linux',
        isRoot: options.isRoot ?? true,
        runner: {
          run: async (spec: CommandSpec) => {
            seen.push(spec);
            return commandResult(result);
          },
        },
      },
    };
  }

  it('keys the run by verb and allows two minutes for a password', async () => {
    const { env: e, seen } = env({ stdout: 'bridgelight-helper: added 172.2.9.61/16 to en0\n' });
    expect(await runHelper(e, call)).toEqual({
      outcome: 'done',
      message: 'bridgelight-helper: added 172.2.9.61/16 to en0',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ key: 'helper-add-address', timeoutMs: 120_000 });
    expect(seen[0]!.argv[0]).toBe('/usr/bin/env');
  });

  it('names the elevation tool that is missing', async () => {
    const { env: e } = env({ exitCode: null, outcome: 'not-found' }, { isRoot: false });
    expect(await runHelper(e, call)).toEqual({ outcome: 'failed', message: '/usr/bin/pkexec was not found' });
  });

  it('says when the helper did not finish in time', async () => {
    const { env: e } = env({ exitCode: null, outcome: 'timeout' });
    expect(await runHelper(e, call)).toEqual({ outcome: 'failed', message: 'the helper did not finish in time' });
  });

  it('reports the last line the helper wrote, from stderr when it did not do it', async () => {
    const { env: e } = env({ exitCode: 1, stdout: 'ignored\n', stderr: 'warning: first\nfailed: ip said no\n' });
    expect(await runHelper(e, call)).toEqual({ outcome: 'failed', message: 'failed: ip said no' });
  });

  it('falls back to stdout when a failed helper wrote nothing to stderr', async () => {
    const { env: e } = env({ exitCode: 1, stdout: 'failed: on stdout\n' });
    expect(await runHelper(e, call)).toEqual({ outcome: 'failed', message: 'failed: on stdout' });
  });

  it('reads only stdout when it did it', async () => {
    const { env: e } = env({ exitCode: 0, stdout: 'first\nadded\n', stderr: 'noise on stderr\n' });
    expect(await runHelper(e, call)).toEqual({ outcome: 'done', message: 'added' });
  });

  it('gives the exit status when the helper said nothing', async () => {
    const { env: e } = env({ exitCode: 1 });
    expect(await runHelper(e, call)).toEqual({ outcome: 'failed', message: 'helper exit status 1' });
  });

  it('words a cancelled password prompt, whatever the wrapper wrote', async () => {
    const { env: e } = env(
      { exitCode: 1, stderr: '0:412: execution error: User canceled. (-128)\n' },
      { isRoot: false, platform: 'darwin' },
    );
    expect(await runHelper(e, call)).toEqual({ outcome: 'cancelled', message: 'cancelled at the password prompt' });
  });
});

describe('the fix transaction: a check afterwards that throws a non-Error', () => {
  const DONE: HelperRun = { outcome: 'done', message: 'done' };
  function ports(diagnoses: Diagnosis[], thrown: unknown): FixPorts {
    return {
      async diagnose() {
        const next = diagnoses.shift();
        if (!next) throw thrown;
        return next;
      },
      confirm: async () => true,
      publish: () => undefined,
      runHelper: async () => DONE,
    };
  }

  it('keeps what was thrown as the error message', async () => {
    const done = await applyFix(seedPlan(), ports([diagnosisOf('seed')], 'ssh went away'));
    expect(done).toMatchObject({ step: 'unverified', run: DONE });
    expect(done.step === 'unverified' && done.error).toBeInstanceOf(Error);
    expect(done.step === 'unverified' && done.error.message).toBe('ssh went away');
  });

  it('an undo whose address is still missing goes ahead', async () => {
    const healthy = diagnosisOf('healthy');
    const done = await undoFix(seedPlan(), ports([healthy], new Error('verify failed')));
    expect(done).toMatchObject({ step: 'unverified', before: healthy });
    expect(done.step === 'unverified' && done.error.message).toBe('verify failed');
  });
});
