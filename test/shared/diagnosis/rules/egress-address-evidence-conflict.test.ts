import { rule } from '@src/shared/diagnosis/rules/egress-address-evidence-conflict';
import { describe, expect, it } from 'vitest';
import {
  conflictingEvidence,
  emptySnapshot,
  evaluatorFor,
  hostProbe,
  inet,
  probeEvidenceOnly,
  seedEn0Addresses,
  seedInterfaces,
  seedSnapshot,
} from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('egress-address-evidence-conflict', () => {
  it('states both sides for every conflicted address, with no fix', () => {
    expect(evaluate(conflictingEvidence())).toEqual({
      id: 'egress-address-evidence-conflict',
      severity: 'warning',
      title: 'The evidence about 172.2.9.61, 172.2.3.10 on en0 conflicts.',
      detail: expect.stringContaining('offers no fix'),
      evidence: [
        '172.2.9.61 looks stale: not the DHCP lease: ipconfig getpacket en0 gives yiaddr 172.2.3.10',
        '172.2.9.61 looks in use: bound probe 172.2.9.61 → 198.51.100.10:443 connected in 23 ms',
        '172.2.3.10 looks stale: bound probe 172.2.3.10 → 198.51.100.10:443 failed: timeout',
        '172.2.3.10 looks in use: DHCP lease (ipconfig getpacket en0): yiaddr 172.2.3.10',
      ],
      fix: null,
    });
  });

  it('names five conflicted addresses and describes twenty, then counts the rest', () => {
    // Every extra address holds no lease (stale) but its bound probe connects (in use): a conflict each.
    const extra = Array.from({ length: 40 }, (_, i) => `172.2.60.${i + 1}`);
    const finding = evaluate(
      seedSnapshot({
        interfaces: seedInterfaces([...seedEn0Addresses(), ...extra.map((address) => inet(address, 16))]),
        hostProbes: [
          hostProbe('172.2.9.61', false),
          hostProbe('172.2.3.10', true),
          ...extra.map((a) => hostProbe(a, true)),
        ],
      }),
    );
    expect(finding?.title).toBe(
      'The evidence about 172.2.60.1, 172.2.60.2, 172.2.60.3, 172.2.60.4, 172.2.60.5 and 35 more on en0 conflicts.',
    );
    expect(finding?.evidence.filter((line) => line.includes('looks stale'))).toHaveLength(20);
    expect(finding?.evidence.at(-1)).toBe('and 20 more addresses with conflicting evidence, not listed here');
  });

  it('stays silent when the evidence agrees', () => {
    expect(evaluate(seedSnapshot())).toBeNull();
    expect(evaluate(probeEvidenceOnly())).toBeNull();
    expect(evaluate(emptySnapshot())).toBeNull();
  });
});
