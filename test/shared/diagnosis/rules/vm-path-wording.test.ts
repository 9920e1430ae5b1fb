// The findings about the VM's path through this host (VPN, bridge, default routes, NAT's egress, bootpd's pool),
// word for word for each branch.
import { rule as dhcpPool } from '@src/shared/diagnosis/rules/dhcp-pool-exhausted';
import { rule as natEgress } from '@src/shared/diagnosis/rules/nat-egress-changed';
import { rule as bridgeMissing } from '@src/shared/diagnosis/rules/vm-bridge-missing';
import { rule as multipleDefaults } from '@src/shared/diagnosis/rules/vm-multiple-default-routes';
import { rule as vpn } from '@src/shared/diagnosis/rules/vpn-default-route';
import type { BootpdLease, EgressHistory, Route, Snapshot } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import {
  evaluatorFor,
  fullTunnelVpn,
  healthySnapshot,
  inet,
  limaUserMode,
  linuxSnapshot,
  loopback,
  netIf,
  route,
  SEED,
  seedSnapshot,
  vmGatewayOnNoInterface,
  vmProbe,
  vmRunning,
  vmTarget,
} from '../snapshot-builder';

describe('vpn-default-route wording', () => {
  const evaluate = evaluatorFor(vpn);

  it('a full tunnel on a Mac, the VM not probed: the whole detail', () => {
    expect(evaluate(fullTunnelVpn())?.detail).toBe(
      "vmnet's NAT rule only translates traffic that leaves through en0. VM traffic routed into utun3 keeps its " +
        '192.168.77.0/24 source address, which the far end of the VPN neither knows nor routes back, so the VM loses ' +
        'the internet while the Mac keeps it. Disconnect the VPN, or set it to split tunnelling so internet traffic ' +
        'leaves through the physical interface, then check again. (Workaround for experts: a pf rule `nat on utun3 ' +
        'from 192.168.77.0/24 to any -> (utun3)` in the anchor com.apple.internet-sharing/shared_v4.) Nothing was ' +
        'probed from inside the VM, so whether it is affected is not known: this is a warning.',
    );
  });

  it('without a bridge: the private vmnet source, and the pf hint without a subnet', () => {
    expect(evaluate({ ...fullTunnelVpn(false), vm: null })?.detail).toContain(
      'VM traffic routed into utun3 keeps its private vmnet source address, which the far end of the VPN neither ' +
        'knows nor routes back, so the VM loses the internet while the Mac keeps it. Disconnect the VPN, or set it to ' +
        'split tunnelling so internet traffic leaves through the physical interface, then check again. (Experts can ' +
        "add a pf NAT rule on utun3 in the anchor com.apple.internet-sharing/shared_v4; the VM network's subnet it " +
        "needs is not known here, because the VM's bridge was not found.)",
    );
  });

  it('the VM reached nothing: an error that says so', () => {
    const finding = evaluate(fullTunnelVpn(false));
    expect(finding?.severity).toBe('error');
    expect(finding?.detail).toMatch(/\.\) The VM reaches none of its targets, which is what this causes\.$/);
  });

  it('on Linux: the whole detail', () => {
    const routes: Route[] = [route('default', null, 'wg0', { metric: 50 }), ...linuxSnapshot().routes!];
    expect(evaluate(linuxSnapshot({ routes }))?.detail).toBe(
      "VM traffic follows the host's routes into wg0. A MASQUERADE rule that is not bound to an output interface " +
        "(libvirt's) translates it to wg0's address; one bound to the physical interface (`-o eth0`) leaves it " +
        'untranslated, and the VPN drops it. bridgelight does not read iptables, so it cannot tell which applies. If ' +
        'the VM fails, disconnect the VPN or exclude internet traffic from it and check again. The VM reaches none ' +
        'of its targets, which is what this causes.',
    );
  });
});

describe('vm-bridge-missing wording', () => {
  const evaluate = evaluatorFor(bridgeMissing);

  it('the restart commands in the detail', () => {
    expect(evaluate(vmGatewayOnNoInterface())?.detail).toBe(
      'The VM sends all its traffic to its gateway, but no interface on this host has that address, so the traffic ' +
        'has nowhere to go. The bridge the VM hangs on is gone or has another address: it happens after sleep, after ' +
        "the virtualisation service restarted, or after the VM network's subnet was changed. Restart the VM " +
        '(`minikube stop`, then `minikube start`) so the driver re-creates its network, and check again.',
    );
  });

  it('no restart command for a profile name that cannot go into one', () => {
    const snapshot = vmGatewayOnNoInterface();
    snapshot.vm = { ...snapshot.vm!, profile: 'my vm' };
    expect(evaluate(snapshot)?.detail).toContain('subnet was changed. Restart the VM so the driver re-creates');
  });

  it('the VM reaches the internet another way: info, the whole detail', () => {
    const vm = vmRunning(
      vmProbe({ routes: [route('default', '10.0.2.2', 'eth0')], targets: [vmTarget('1.1.1.1:443', true)] }),
    );
    expect(evaluate(seedSnapshot({ vm }))).toMatchObject({
      severity: 'info',
      title: "The VM's gateway 10.0.2.2 is not on this host, yet the VM reaches the internet.",
      detail:
        "The VM's gateway is not an address of this host, yet the VM reaches the internet: its traffic goes another " +
        "way (user-mode networking such as qemu's slirp, or a driver running inside another VM), so the bridge and " +
        "NAT hops on this host don't carry it and are not judged.",
    });
  });

  it("names only interfaces with a routable address, and the driver's claim beside them", () => {
    const snapshot = vmGatewayOnNoInterface();
    snapshot.interfaces = [
      loopback(),
      netIf('en5', [inet('169.254.7.7', 16)]),
      netIf('en0', [inet('172.2.3.10', 16), inet('169.254.1.1', 16)]),
    ];
    const listing = {
      provider: 'minikube' as const,
      name: 'minikube',
      state: 'running' as const,
      rawState: 'Running',
      ips: ['192.168.77.6'],
      driver: 'vfkit',
      network: 'vmnet-shared' as const,
      networkEvidence: ['driver vfkit uses vmnet shared'],
    };
    snapshot.vm = { ...snapshot.vm!, listing };
    const finding = evaluate(snapshot);
    expect(finding?.title).toBe(
      "No host interface holds the VM's gateway 192.168.77.1, though its driver puts it behind a host bridge.",
    );
    expect(finding?.evidence.slice(1)).toEqual([
      'host interfaces with IPv4: en0 (172.2.3.10, 169.254.1.1)',
      'minikube says: driver vfkit uses vmnet shared',
    ]);
  });

  it('"none" when no interface has a routable address', () => {
    const snapshot = vmGatewayOnNoInterface();
    snapshot.interfaces = [loopback()];
    expect(evaluate(snapshot)?.evidence[1]).toBe('host interfaces with IPv4: none');
  });

  it('a user-mode VM has no host bridge to miss', () => {
    expect(evaluate(seedSnapshot({ vm: limaUserMode(false) }))).toBeNull();
  });
});

describe('vm-multiple-default-routes wording', () => {
  const evaluate = evaluatorFor(multipleDefaults);
  const withDefaults = (...routes: Route[]): Snapshot => seedSnapshot({ vm: vmRunning(vmProbe({ routes })) });
  const vmnet = route('default', SEED.bridge, 'eth1', { metric: 100 });
  const slirp = route('default', '10.0.2.2', 'eth0', { metric: 200 });

  it('the vmnet route in use: info, in full', () => {
    expect(evaluate(withDefaults(slirp, vmnet))?.detail).toBe(
      'The guest kernel uses the lowest metric, via 192.168.77.1 on eth1 (metric 100), which leads to bridge100 on ' +
        'this host; via 10.0.2.2 on eth0 (metric 200) is used only if that one goes away.',
    );
  });

  it('a tie, in full', () => {
    const finding = evaluate(withDefaults({ ...slirp, metric: 100 }, vmnet));
    expect(finding?.detail).toBe(
      'They share the lowest metric, so which one the guest kernel uses is ambiguous: Linux takes the one it meets ' +
        'first (here the one via 10.0.2.2 on eth0 (metric 100)), and that can change on the next boot. Give the ' +
        'routes different metrics so the choice is deliberate.',
    );
  });

  it('another route in use, with the bridge elsewhere: a warning, in full', () => {
    const finding = evaluate(withDefaults({ ...vmnet, metric: 300 }, slirp));
    expect(finding?.severity).toBe('warning');
    expect(finding?.detail).toBe(
      'The guest kernel uses the lowest metric, via 10.0.2.2 on eth0 (metric 200), and it is not the vmnet route: ' +
        'bridge100 holds 192.168.77.1, the gateway of via 192.168.77.1 on eth1 (metric 300). VM traffic that takes ' +
        "a user-mode network leaves through the runtime's own stack, not this host's bridge and NAT.",
    );
  });

  it('no host interface holds the gateway in use: a warning; an on-link route on no interface', () => {
    const onLink = route('default', null, null, { metric: 300 });
    const finding = evaluate(withDefaults(onLink, route('default', '10.0.2.2', 'eth0', { metric: 5 })));
    expect(finding).toMatchObject({
      severity: 'warning',
      title: 'The VM has 2 default routes; it uses the one via 10.0.2.2 on eth0 (metric 5).',
      detail:
        'The guest kernel uses the lowest metric, via 10.0.2.2 on eth0 (metric 5), and no host interface holds its ' +
        "gateway. VM traffic that takes a user-mode network leaves through the runtime's own stack, not this host's " +
        'bridge and NAT.',
    });
  });

  it('a tie between routes without a metric names no metric', () => {
    const finding = evaluate(withDefaults(route('default', '10.0.2.2', 'eth0'), route('default', null, null)));
    expect(finding?.detail).toContain('(here the one via 10.0.2.2 on eth0), and that can change');
  });

  it('interfaces not collected: info, in full', () => {
    const snapshot = { ...withDefaults({ ...vmnet, metric: 300 }, slirp), interfaces: null };
    expect(evaluate(snapshot)).toMatchObject({
      severity: 'info',
      detail:
        "The guest kernel uses the lowest metric, via 10.0.2.2 on eth0 (metric 200), and the host's interfaces were " +
        "not collected, so whether it leads to a vmnet bridge can't be told. VM traffic that takes a user-mode " +
        "network leaves through the runtime's own stack, not this host's bridge and NAT.",
    });
  });
});

describe('nat-egress-changed wording', () => {
  const evaluate = evaluatorFor(natEgress);
  const history = (changes: EgressHistory['changes']): EgressHistory => ({
    bridges: [{ bridge: 'bridge100', firstSeenAt: '2025-03-14T09:00:00.000Z', egressThen: 'en7' }],
    changes,
  });
  /** The healthy Mac (egress en0) with its VM reaching nothing. */
  const failing = (egressHistory: EgressHistory, profile = 'minikube'): Snapshot => ({
    ...healthySnapshot(),
    egressHistory,
    vm: vmRunning(
      vmProbe({
        routes: [route('default', '192.168.64.1', 'eth0', { metric: 1024 })],
        targets: [vmTarget('1.1.1.1:443', false)],
      }),
      { profile },
    ),
  });

  it('the whole detail, and only the changes since the bridge came up', () => {
    const finding = evaluate(
      failing(
        history([
          { at: '2025-03-14T08:59:59.000Z', from: 'en0', to: 'en7' },
          { at: '2025-03-14T09:00:00.000Z', from: 'en7', to: null },
          { at: '2025-03-14T09:10:00.000Z', from: null, to: 'en0' },
        ]),
      ),
    );
    expect(finding?.detail).toBe(
      'bridge100 was up while the Mac reached the internet through en7; it now goes through en0, and the VM reaches ' +
        'none of its targets. vmnet sets its NAT up for the egress of the moment the network starts and does not ' +
        "always follow a change, which is the likely cause (not proven: reading pf's rules needs root). Restart the " +
        "VM's network: `minikube stop` then `minikube start`, and check again.",
    );
    expect(finding?.evidence).toEqual([
      'bridge100 first seen up at 2025-03-14T09:00:00.000Z, egress then en7',
      'egress en7 → none at 2025-03-14T09:00:00.000Z',
      'egress none → en0 at 2025-03-14T09:10:00.000Z',
      'egress now en0 (route get default: gateway 192.168.1.1, interface en0)',
      'the VM cannot reach its probe target 1.1.1.1:443',
    ]);
  });

  it('without a safe restart command, says it in words', () => {
    expect(evaluate(failing(history([]), 'my vm'))?.detail).toContain(
      "Restart the VM's network: stop and start the profile with minikube, and check again.",
    );
  });

  it("a sighting of another bridge is not this bridge's", () => {
    const other = { bridges: [{ ...history([]).bridges[0]!, bridge: 'bridge101' }], changes: [] };
    expect(evaluate(failing(other))).toBeNull();
  });
});

describe('dhcp-pool-exhausted wording and edges', () => {
  const evaluate = evaluatorFor(dhcpPool);
  const NOW = Date.parse('2025-03-14T09:30:00.000Z') / 1000;
  const lease = (ip: string, expiresAt: number | null = NOW + 60): BootpdLease => ({
    name: ip,
    ipAddress: ip,
    hwAddress: '1,52:54:0:0:0:1',
    expiresAt,
  });
  /** bridge100 on a /30: one address (.2) to hand out, besides the bridge's .1. */
  const tiny = (leases: BootpdLease[]): Snapshot => {
    const healthy = healthySnapshot({ dhcpdLeases: leases });
    return {
      ...healthy,
      interfaces: [
        loopback(),
        ...healthy.interfaces!.slice(1, 2),
        netIf('bridge100', [inet('192.168.64.1', 30)], { members: ['vmenet0'] }),
      ],
    };
  };

  it('the whole finding for a one-address pool', () => {
    expect(evaluate(tiny([lease('192.168.64.2')]))).toEqual({
      id: 'dhcp-pool-exhausted',
      severity: 'error',
      title: 'Every address of 192.168.64.0/30 (bridge100) is leased: new VMs get no IP address.',
      detail:
        'bootpd hands out 1 addresses on bridge100, and /var/db/dhcpd_leases holds an unexpired lease for 1 of them, ' +
        'most likely for VMs that no longer exist. Until one expires, a VM asking for a new address gets no answer. ' +
        'Stop the VMs you still use, move the file aside: `sudo mv /var/db/dhcpd_leases /var/db/dhcpd_leases.old`, ' +
        'make bootpd read it again: `sudo pkill -HUP bootpd`, then start the VMs (each asks for an address afresh). ' +
        'Undo: move the old file back the same way.',
      evidence: [
        '/var/db/dhcpd_leases: 1 unexpired leases in 192.168.64.0/30 for 1 addresses',
        'the first of them expires at 2025-03-14T09:31:00.000Z',
      ],
      fix: null,
    });
  });

  it("a lease of the bridge's own address, one expiring right now, or one without expiry does not fill it", () => {
    expect(evaluate(tiny([lease('192.168.64.1')]))).toBeNull();
    expect(evaluate(tiny([lease('192.168.64.2', NOW)]))).toBeNull();
    expect(evaluate(tiny([lease('192.168.64.2', null)]))).toBeNull();
    expect(evaluate(tiny([lease('192.168.64.2', NOW + 1)]))?.id).toBe('dhcp-pool-exhausted');
  });

  it('counts a second lease of one address among the expired, and takes the soonest expiry', () => {
    const finding = evaluate(tiny([lease('192.168.64.2', NOW + 7200), lease('192.168.64.2', NOW + 60)]));
    expect(finding?.evidence).toEqual([
      '/var/db/dhcpd_leases: 1 unexpired leases in 192.168.64.0/30 for 1 addresses (and 1 expired)',
      'the first of them expires at 2025-03-14T11:30:00.000Z',
    ]);
  });

  it('a bridge with no address to hand out (/31) is never full; an unreadable time says nothing', () => {
    const healthy = healthySnapshot({ dhcpdLeases: [lease('192.168.64.0')] });
    const slash31 = {
      ...healthy,
      interfaces: [netIf('bridge100', [inet('192.168.64.1', 31)], { members: ['vmenet0'] })],
    };
    expect(evaluate(slash31)).toBeNull();
    expect(evaluate({ ...tiny([lease('192.168.64.2')]), takenAt: 'not a time' })).toBeNull();
  });
});
