import { rule } from '@src/shared/diagnosis/rules/egress-multiple-ipv4';
import { describe, expect, it } from 'vitest';
import {
  emptySnapshot,
  evaluatorFor,
  healthySnapshot,
  hostProbe,
  inet,
  linuxSnapshot,
  noLeaseCollected,
  secondAddedAfterDhcp,
  seedEn0Addresses,
  seedInterfaces,
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

  it('lists the first 20 addresses and the NAT source, then says how many more, however long the list', () => {
    const extra = Array.from({ length: 1_000 }, (_, i) => inet(`172.2.${100 + (i >> 8)}.${i & 255}`, 16));
    const finding = evaluate(seedSnapshot({ interfaces: seedInterfaces([...seedEn0Addresses(), ...extra]) }));
    expect(finding?.title).toBe('en0 carries 1002 IPv4 addresses.');
    expect(finding?.evidence).toHaveLength(21);
    expect(finding?.evidence[0]).toBe('en0 inet 172.2.9.61/16: stale (listed first: vmnet NAT translates to it)');
    expect(finding?.evidence[19]).toBe('en0 inet 172.2.100.17/16: stale');
    expect(finding?.evidence[20]).toBe('and 982 more addresses on en0, not listed here');
  });

  it('keeps the NAT source in the evidence when it is listed late (Linux: the primary in the subnet)', () => {
    const snapshot = linuxSnapshot();
    const en0 = snapshot.interfaces!.find((i) => i.name === 'en0')!;
    const natSource = en0.ipv4[0]!;
    en0.ipv4 = [...Array.from({ length: 30 }, (_, i) => inet(`10.77.0.${i + 1}`, 24, { secondary: i > 0 })), natSource];
    const finding = evaluate(snapshot);
    expect(finding?.evidence).toHaveLength(22);
    expect(finding?.evidence[20]).toMatch(new RegExp(`^en0 inet ${natSource.address.replaceAll('.', '\\.')}/`));
    expect(finding?.evidence[21]).toBe('and 10 more addresses on en0, not listed here');
  });

  it('names at most five stale addresses when a user-mode VM is not affected', () => {
    const stale = Array.from({ length: 8 }, (_, i) => inet(`10.9.0.${i + 1}`, 24));
    const snapshot = seedSnapshot({
      interfaces: seedInterfaces([...seedEn0Addresses(), ...stale]),
      hostProbes: [hostProbe('172.2.9.61', false), hostProbe('172.2.3.10', true)],
    });
    snapshot.vm = {
      ...snapshot.vm!,
      listing: {
        provider: 'minikube',
        name: 'minikube',
        state: 'running',
        rawState: 'Running',
        ips: [],
        driver: 'docker',
        network: 'user-mode',
        networkEvidence: ['driver docker'],
      },
    };
    const detail = evaluate(snapshot)?.detail ?? '';
    // The eight outside the gateway's subnet are stale (172.2.9.61's evidence now conflicts: its subnet has the gateway).
    expect(detail).toMatch(
      /^10\.9\.0\.1, 10\.9\.0\.2, 10\.9\.0\.3, 10\.9\.0\.4, 10\.9\.0\.5 and 3 more look stale, but this VM/,
    );
  });

  it('stays silent for one address or no egress', () => {
    expect(evaluate(healthySnapshot())).toBeNull();
    expect(evaluate(emptySnapshot())).toBeNull();
  });
});
