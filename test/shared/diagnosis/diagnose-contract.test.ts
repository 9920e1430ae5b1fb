// What diagnose() hands out beyond the findings: the egress, VM and verdict fields `check --json` prints, and the
// all-unknown answer for a snapshot that cannot be read.
import { diagnose } from '@src/shared/diagnosis';
import type { Snapshot } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { limaUserMode, SEED, seedSnapshot } from './snapshot-builder';

describe('diagnose: the public fields', () => {
  it("gives the egress addresses with their roles and evidence, and the NAT source's address", () => {
    const diagnosis = diagnose(seedSnapshot());
    expect(diagnosis.egress?.natSource).toBe(SEED.stale);
    expect(diagnosis.egress?.addresses.map((a) => Object.keys(a).sort())).toEqual([
      ['address', 'evidence', 'prefixLength', 'role'],
      ['address', 'evidence', 'prefixLength', 'role'],
    ]);
    expect(diagnosis.egress?.addresses.map((a) => a.prefixLength)).toEqual([16, 16]);
    expect(diagnosis.egress?.addresses.every((a) => a.evidence.length > 0)).toBe(true);
  });

  it('describes a Lima VM with its driver and path model, and no NAT source for its user-mode path', () => {
    const diagnosis = diagnose(seedSnapshot({ vm: limaUserMode() }));
    expect(diagnosis.vm).toEqual({
      provider: 'lima',
      profile: 'default',
      state: 'Running',
      gateway: '192.168.5.2',
      driver: 'qemu',
      network: 'user-mode',
    });
    expect(diagnosis.egress).toMatchObject({ interface: 'en0', gateway: SEED.gateway, natSource: null });
    expect(diagnosis.bridge).toBeNull();
  });

  it('keeps a red verdict red when an input could not be read as well', () => {
    const inputs = [{ source: 'ifconfig.txt', problem: 'unparseable' as const, detail: 'no interface header' }];
    const diagnosis = diagnose(seedSnapshot({ inputs }));
    expect(diagnosis.verdict).toBe('red');
    expect(diagnosis.findings.map((f) => f.id)).toContain('input-unparseable');
  });
});

describe('diagnose: a snapshot that cannot be read', () => {
  it('answers all unknown, saying the snapshot could not be read', () => {
    const broken = { ...seedSnapshot(), inputs: undefined } as unknown as Snapshot;
    expect(diagnose(broken)).toEqual({
      verdict: 'unknown',
      egress: null,
      bridge: null,
      vm: null,
      hops: ['vm', 'bridge', 'nat', 'egress', 'gateway', 'internet'].map((id) => ({
        id,
        light: 'unknown',
        summary: 'the snapshot could not be read',
        onPath: true,
      })),
      findings: [],
    });
  });
});
