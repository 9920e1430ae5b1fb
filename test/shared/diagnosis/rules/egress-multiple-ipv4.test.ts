import { rule } from '@src/shared/diagnosis/rules/egress-multiple-ipv4';
import { describe, expect, it } from 'vitest';
import {
  emptySnapshot,
  evaluatorFor,
  healthySnapshot,
  linuxSnapshot,
  noLeaseCollected,
  secondAddedAfterDhcp,
  seedSnapshot,
} from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('egress-multiple-ipv4', () => {
  it('lists every address in order with its role, marking the one NAT uses', () => {
    expect(evaluate(seedSnapshot())).toEqual({
      id: 'egress-multiple-ipv4',
      severity: 'warning',
      title: 'en0 carries 2 IPv4 addresses.',
      detail: expect.stringContaining("vmnet's NAT uses only the first one, 172.2.9.61"),
      evidence: [
        'en0 inet 172.2.9.61/16: stale (listed first: vmnet NAT translates to it)',
        'en0 inet 172.2.3.10/16: dhcp',
      ],
      fix: null,
    });
  });

  it('says the VM is not affected when NAT uses the DHCP address', () => {
    const finding = evaluate(secondAddedAfterDhcp());
    expect(finding?.evidence).toEqual([
      'en0 inet 172.2.3.10/16: dhcp (listed first: vmnet NAT translates to it)',
      'en0 inet 172.2.200.5/16: stale',
    ]);
    expect(finding?.detail).toContain('NAT uses the DHCP address now, so the VM is not affected');
  });

  it("says when the live address can't be told", () => {
    expect(evaluate(noLeaseCollected())?.detail).toContain("can't be told from the evidence collected");
  });

  it('speaks of MASQUERADE on Linux', () => {
    expect(evaluate(linuxSnapshot())?.detail).toContain('MASQUERADE uses 198.51.100.9');
  });

  it('stays silent for one address or no egress', () => {
    expect(evaluate(healthySnapshot())).toBeNull();
    expect(evaluate(emptySnapshot())).toBeNull();
  });
});
