import { deriveFacts, type EgressFact } from '@src/shared/diagnosis/facts';
import { removalBlockedBecause, rule } from '@src/shared/diagnosis/rules/nat-source-stale';
import type { Snapshot } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import {
  conflictingEvidence,
  evaluatorFor,
  inet,
  LINUX,
  lease,
  linuxSnapshot,
  netIf,
  netstatDefault,
  OTHER_SUBNET,
  onlyAddressFailing,
  probeEvidenceOnly,
  SEED,
  secondAddedAfterDhcp,
  seedBridge,
  seedSnapshot,
  staleFromOtherSubnet,
  staleWithConflictElsewhere,
} from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('nat-source-stale', () => {
  it('fires on the seed case and proposes removing exactly the stale address', () => {
    const finding = evaluate(seedSnapshot());
    expect(finding).toMatchObject({
      id: 'nat-source-stale',
      severity: 'error',
      title: 'NAT translates VM traffic to 172.2.9.61, a stale address.',
      fix: {
        action: 'remove-address',
        interface: 'en0',
        address: SEED.stale,
        command: 'sudo ifconfig en0 delete 172.2.9.61',
      },
    });
    expect(finding?.evidence).toEqual([
      'en0 inet 172.2.9.61/16 (listed first: vmnet NAT translates to it)',
      'not the DHCP lease: ipconfig getpacket en0 gives yiaddr 172.2.3.10',
      'subnet 172.2.0.0/16 contains the gateway 172.2.2.2',
      'bound probe 172.2.9.61 → 198.51.100.10:443 failed: timeout',
    ]);
    expect(finding?.detail).toContain('NAT then follows the next address, 172.2.3.10, at once.');
  });

  it('does not fire when NAT already uses the DHCP address', () => {
    expect(evaluate(secondAddedAfterDhcp())).toBeNull();
  });

  it('fires on subnet evidence alone', () => {
    expect(evaluate(staleFromOtherSubnet())?.fix).toEqual({
      action: 'remove-address',
      interface: 'en0',
      address: OTHER_SUBNET,
      command: 'sudo ifconfig en0 delete 10.0.5.20',
    });
  });

  it('fires on bound-probe evidence alone', () => {
    expect(evaluate(probeEvidenceOnly())?.fix?.address).toBe(SEED.stale);
  });

  it('does not fire when the evidence about the NAT source conflicts', () => {
    expect(evaluate(conflictingEvidence())).toBeNull();
  });

  it('reports a stale NAT source but withholds the fix when another address is in conflict', () => {
    const finding = evaluate(staleWithConflictElsewhere());
    expect(finding?.severity).toBe('error');
    expect(finding?.fix).toBeNull();
    expect(finding?.detail).toContain("No fix is offered: the evidence about en0's addresses conflicts.");
  });

  it('never fires for the only address, even when all its probes fail', () => {
    expect(evaluate(onlyAddressFailing())).toBeNull();
  });

  it('reports, without a command, an interface name that cannot go into a command safely', () => {
    const name = 'en0$(id)';
    const finding = evaluate(
      seedSnapshot({
        interfaces: [netIf(name, [inet(SEED.stale, 16), inet(SEED.dhcp, 16)]), seedBridge()],
        routes: [netstatDefault(SEED.gateway, name)],
        leases: { [name]: lease(name, SEED.dhcp) },
      }),
    );
    expect(finding?.id).toBe('nat-source-stale');
    expect(finding?.fix).toBeNull();
  });

  it('on Linux removes the stale primary with ip addr del and warns about promote_secondaries', () => {
    const finding = evaluate(linuxSnapshot());
    expect(finding?.fix).toEqual({
      action: 'remove-address',
      interface: 'en0',
      address: LINUX.stale,
      command: 'sudo ip addr del 198.51.100.9/24 dev en0',
    });
    expect(finding?.evidence[0]).toBe(
      "en0 inet 198.51.100.9/24 (primary address in the gateway's subnet: MASQUERADE translates to it)",
    );
    expect(finding?.detail).toContain('The kernel then promotes 198.51.100.20');
    expect(finding?.detail).toContain('net.ipv4.conf.en0.promote_secondaries');
  });
});

describe('removalBlockedBecause', () => {
  const egressOf = (snapshot: Snapshot): EgressFact => {
    const egress = deriveFacts(snapshot).egress;
    if (!egress) throw new Error('no egress');
    return egress;
  };

  it('allows only the stale address of the seed', () => {
    const egress = egressOf(seedSnapshot());
    const [stale, dhcp] = egress.addresses;
    expect(stale && removalBlockedBecause(egress, stale)).toBeNull();
    expect(dhcp && removalBlockedBecause(egress, dhcp)).toBe('172.2.3.10 is not judged stale (role dhcp)');
  });

  it('refuses the DHCP address even if something marked it stale', () => {
    const egress = egressOf(seedSnapshot());
    const dhcp = egress.addresses[1];
    if (!dhcp) throw new Error('no second address');
    expect(removalBlockedBecause(egress, { ...dhcp, role: 'stale' })).toBe('172.2.3.10 is the DHCP address');
  });

  it('refuses the only routable address', () => {
    const egress = egressOf(
      seedSnapshot({ interfaces: [netIf('en0', [inet('169.254.3.3', 16), inet(SEED.stale, 16)])] }),
    );
    const only = egress.addresses[1];
    if (!only) throw new Error('no address');
    expect(removalBlockedBecause(egress, { ...only, role: 'stale' })).toBe(
      '172.2.9.61 is the only IPv4 address on en0',
    );
  });
});
