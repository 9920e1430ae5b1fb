// The host-side address findings word for word: what the user reads for each case of the NAT source.
import { rule as conflict } from '@src/shared/diagnosis/rules/egress-address-evidence-conflict';
import { rule as multiple } from '@src/shared/diagnosis/rules/egress-multiple-ipv4';
import { rule as natStale } from '@src/shared/diagnosis/rules/nat-source-stale';
import { describe, expect, it } from 'vitest';
import {
  conflictingEvidence,
  evaluatorFor,
  hostProbe,
  inet,
  LINUX,
  limaUserMode,
  linuxSnapshot,
  noDhcpOnInterface,
  noLeaseCollected,
  secondAddedAfterDhcp,
  seedEn0Addresses,
  seedInterfaces,
  seedSnapshot,
  staleWithConflictElsewhere,
} from '../snapshot-builder';

const because =
  "while the Mac's own connections may use another: that is how a VM can lose the internet while the host works.";

describe('egress-address-evidence-conflict wording', () => {
  it('says what conflicts and where to check it, in full', () => {
    expect(evaluatorFor(conflict)(conflictingEvidence())?.detail).toBe(
      'Some observations say the address is stale, others that it is in use, so bridgelight does not judge it and ' +
        'offers no fix. Check which address the network assigns to this host now (`ipconfig getpacket en0` or the ' +
        "router's client list) and check again in a minute: a lease renewed a moment ago or a probe target that was " +
        'briefly down causes this.',
    );
  });

  it('on Linux points at ip -4 addr show', () => {
    const snapshot = linuxSnapshot({
      hostProbes: [hostProbe(LINUX.stale, true, '1.1.1.1:443'), hostProbe(LINUX.good, false, '1.1.1.1:443')],
    });
    const finding = evaluatorFor(conflict)(snapshot);
    expect(finding?.detail).toContain(
      "host now (`ip -4 addr show` (dynamic / valid_lft) or the router's client list) and check",
    );
    expect(finding?.detail).not.toContain('ipconfig');
  });

  it('lists no count line when every conflicted address is described', () => {
    expect(evaluatorFor(conflict)(conflictingEvidence())?.evidence.some((l) => l.includes('more addresses'))).toBe(
      false,
    );
  });
});

describe('egress-multiple-ipv4 wording', () => {
  const evaluate = evaluatorFor(multiple);

  it('the stale NAT source on a Mac', () => {
    expect(evaluate(seedSnapshot())?.detail).toBe(
      `vmnet's NAT uses only the first one, 172.2.9.61, ${because} Here NAT uses the stale address (see that finding).`,
    );
  });

  it('the DHCP address first: the VM is not affected', () => {
    expect(evaluate(secondAddedAfterDhcp())?.detail).toBe(
      `vmnet's NAT uses only the first one, 172.2.3.10, ${because} NAT uses the DHCP address now, so the VM is not ` +
        'affected; it would be if an older extra address ended up first (e.g. after the lease changes).',
    );
  });

  it('a static address first says static', () => {
    const finding = evaluate(noDhcpOnInterface());
    expect(finding?.evidence[0]).toBe('en0 inet 172.2.9.61/16: static (listed first: vmnet NAT translates to it)');
    expect(finding?.detail).toBe(
      `vmnet's NAT uses only the first one, 172.2.9.61, ${because} NAT uses the static address now, so the VM is not ` +
        'affected; it would be if an older extra address ended up first (e.g. after the lease changes).',
    );
  });

  it('no evidence about the addresses', () => {
    expect(evaluate(noLeaseCollected())?.detail).toBe(
      `vmnet's NAT uses only the first one, 172.2.9.61, ${because} Which address is the live one can't be told from ` +
        'the evidence collected.',
    );
  });

  it('a user-mode VM with one stale address: "looks", the runtime\'s evidence, and info', () => {
    const finding = evaluate(withUserModeVm(seedSnapshot()));
    expect(finding?.severity).toBe('info');
    expect(finding?.detail).toBe(
      '172.2.9.61 looks stale, but this VM is not affected: no vzNAT or socket_vmnet network in the instance, so its ' +
        "traffic leaves with the address the host's own connections use, not with the first one listed.",
    );
    expect(finding?.evidence[0]).toBe('en0 inet 172.2.9.61/16: stale');
  });

  it('a user-mode VM and no stale address: no "looks stale" clause; without evidence, says user-mode', () => {
    const snapshot = withUserModeVm(secondAddedAfterDhcp());
    snapshot.interfaces = seedInterfaces([inet('172.2.3.10', 16), inet('172.2.200.5', 16)]);
    snapshot.leases = null;
    snapshot.vm!.listing!.networkEvidence = [];
    expect(evaluate(snapshot)?.detail).toBe(
      "this VM is not affected: its network is user-mode, so its traffic leaves with the address the host's own " +
        'connections use, not with the first one listed.',
    );
  });

  it('a user-mode VM with several stale addresses: "look"', () => {
    const snapshot = withUserModeVm(
      seedSnapshot({ interfaces: seedInterfaces([...seedEn0Addresses(), inet('10.9.0.1', 24), inet('10.9.0.2', 24)]) }),
    );
    expect(evaluate(snapshot)?.detail).toMatch(/^10\.9\.0\.1, 10\.9\.0\.2 look stale, but this VM is not affected: /);
  });
});

function withUserModeVm<T extends ReturnType<typeof seedSnapshot>>(snapshot: T): T {
  snapshot.vm = limaUserMode();
  return snapshot;
}

describe('nat-source-stale wording', () => {
  const evaluate = evaluatorFor(natStale);
  const darwin =
    "vmnet's NAT rule translates VM traffic to the first IPv4 address on en0 (pf's `(en0:0)`), which is 172.2.9.61, " +
    'and the evidence says that address no longer works on this network: replies to the VM never come back, while ' +
    "the Mac's own connections can use another address and work. Remove 172.2.9.61 from en0. NAT then follows the " +
    'next address, 172.2.3.10, at once. No other address is touched.';

  it('on a Mac: which address NAT uses, the removal and what NAT uses next', () => {
    expect(evaluate(seedSnapshot())?.detail).toBe(darwin);
  });

  it('says why no fix is offered after the same explanation', () => {
    expect(evaluate(staleWithConflictElsewhere())?.detail).toBe(
      `${darwin} No fix is offered: the evidence about en0's addresses conflicts.`,
    );
  });

  it('on Linux: MASQUERADE, and the promote_secondaries caveat for the secondary that takes over', () => {
    expect(evaluate(linuxSnapshot())?.detail).toBe(
      "The host's MASQUERADE rule translates VM traffic to en0's primary address 198.51.100.9, and the evidence says " +
        'that address no longer works on this network: replies to the VM never come back. Remove 198.51.100.9 from ' +
        'en0. The kernel then promotes 198.51.100.20, but only if net.ipv4.conf.en0.promote_secondaries is 1 ' +
        "(systemd's default): with 0, deleting a primary also deletes the secondaries of its subnet. Check with " +
        '`sysctl net.ipv4.conf.en0.promote_secondaries` first.',
    );
  });

  it('on Linux with another primary taking over, no caveat about promotion', () => {
    const snapshot = linuxSnapshot();
    const en0 = snapshot.interfaces!.find((i) => i.name === 'en0')!;
    en0.ipv4 = [en0.ipv4[0]!, { ...en0.ipv4[1]!, secondary: false }];
    const detail = evaluate(snapshot)?.detail ?? '';
    expect(detail).toMatch(/Remove 198\.51\.100\.9 from en0\.$/);
    expect(detail).not.toContain('promote');
  });

  it('stays silent for a user-mode VM, whose traffic is not NATed', () => {
    expect(evaluate(withUserModeVm(seedSnapshot()))).toBeNull();
  });
});
