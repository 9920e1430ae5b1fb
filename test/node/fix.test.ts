import { describe, expect, it } from 'vitest';
import { checkReplay } from '../../src/node/engine';
import { planFix, runHelper, samePlan, undoCall } from '../../src/node/fix';
import type { CommandResult, CommandSpec } from '../../src/shared/command';

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
    helperPath: '/opt/bridgelight/bridgelight-helper',
    isRoot: true,
    runner: {
      run: async (spec: CommandSpec) => {
        seen.push(spec);
        return { stdout: '', stderr: '', exitCode: 0, timedOut: false, notFound: false, durationMs: 1, ...result };
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
    expect(seen[0]!.argv).toEqual([
      '/bin/sh',
      '/opt/bridgelight/bridgelight-helper',
      'remove-address',
      'en0',
      '198.51.100.66',
    ]);
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
    expect(await runHelper(env({ exitCode: null, timedOut: true }), call)).toMatchObject({ outcome: 'failed' });
  });
});
