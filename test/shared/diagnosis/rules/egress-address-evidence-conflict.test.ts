import { rule } from '@src/shared/diagnosis/rules/egress-address-evidence-conflict';
import { describe, expect, it } from 'vitest';
import { conflictingEvidence, emptySnapshot, evaluatorFor, probeEvidenceOnly, seedSnapshot } from '../snapshot-builder';

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

  it('stays silent when the evidence agrees', () => {
    expect(evaluate(seedSnapshot())).toBeNull();
    expect(evaluate(probeEvidenceOnly())).toBeNull();
    expect(evaluate(emptySnapshot())).toBeNull();
  });
});
