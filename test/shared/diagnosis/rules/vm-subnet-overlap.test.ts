import { diagnose } from '@src/shared/diagnosis';
import { rule } from '@src/shared/diagnosis/rules/vm-subnet-overlap';
import type { Snapshot } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import {
  en0,
  evaluatorFor,
  healthySnapshot,
  inet,
  LINUX,
  linuxSnapshot,
  lookup,
  loopback,
  netIf,
  netstatDefault,
  route,
  vmProbe,
  vmRunning,
  vmTarget,
} from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

/** macOS 26's vmnet (bridge100 192.168.2.1/24) on a hotel LAN that uses 192.168.2.0/24 too. */
function hotelLan(): Snapshot {
  return healthySnapshot({
    interfaces: [
      loopback(),
      en0([inet('192.168.2.20', 24)]),
      netIf('bridge100', [inet('192.168.2.1', 24)], { members: ['vmenet0'] }),
      netIf('vmenet0', []),
    ],
    routes: [
      netstatDefault('192.168.2.254', 'en0'),
      route('192.168.2.0/24', null, 'en0', { flags: ['U', 'C', 'S'] }),
      route('192.168.2.0/24', null, 'bridge100', { flags: ['U', 'C'] }),
      route('192.168.2.1', null, 'lo0', { flags: ['U', 'H', 'L', 'W', 'I'] }),
    ],
    defaultRoute: lookup('192.168.2.254', 'en0'),
  });
}

/** The healthy Mac with one more route through a VPN's utun4. */
function withVpnRoute(destination: string): Snapshot {
  const healthy = healthySnapshot();
  return {
    ...healthy,
    routes: [...healthy.routes!, route(destination, '10.8.0.1', 'utun4', { flags: ['U', 'G', 'S'] })],
  };
}

describe('vm-subnet-overlap', () => {
  it('stays silent on a healthy Mac, and when routes or interfaces are unknown', () => {
    expect(evaluate(healthySnapshot())).toBeNull();
    expect(evaluate(healthySnapshot({ routes: null, defaultRoute: null }))).toBeNull();
    expect(evaluate({ ...hotelLan(), interfaces: null })).toBeNull();
  });

  it('a LAN on the same subnet as vmnet: an error, both claims in the evidence, the order decides', () => {
    const finding = evaluate(hotelLan());
    expect(finding).toMatchObject({
      id: 'vm-subnet-overlap',
      severity: 'error',
      title: 'The VM subnet 192.168.2.0/24 on bridge100 overlaps the host route 192.168.2.0/24 via en0.',
      fix: null,
    });
    expect(finding?.evidence).toEqual([
      'bridge100 holds 192.168.2.1/24 (VM subnet 192.168.2.0/24)',
      'host route 192.168.2.0/24 (on-link) UCS en0',
      expect.stringContaining('both claim 192.168.2.0/24 with the same prefix'),
    ]);
    expect(finding?.detail).toContain('`sudo route -n delete -net 192.168.2.0/24`');
    expect(finding?.detail).toContain('Shared_Net_Address -string 192.168.105.1');
  });

  it('a VPN route inside the VM subnet wins for its addresses, and explains the VM losing the internet', () => {
    const healthy = withVpnRoute('192.168.64.0/25');
    const failing: Snapshot = {
      ...healthy,
      vm: vmRunning(
        vmProbe({
          routes: [route('default', '192.168.64.1', 'eth0', { metric: 1024 })],
          targets: [vmTarget('1.1.1.1:443', false)],
        }),
      ),
    };
    const finding = evaluate(failing);
    expect(finding?.severity).toBe('error');
    expect(finding?.evidence.at(-1)).toBe(
      'for 192.168.64.0/25 the host route wins (longer prefix): traffic to those VM addresses, and the replies NAT ' +
        'sends back to them, leave through utun4 instead of bridge100',
    );
    const diagnosis = diagnose(failing);
    const overlap = diagnosis.findings.find((f) => f.id === 'vm-subnet-overlap');
    expect(overlap?.causes).toEqual(['vm-internet-unreachable']);
  });

  it('a VPN route covering the VM subnet: the bridge wins for its own addresses, a warning', () => {
    const finding = evaluate(withVpnRoute('192.168.0.0/16'));
    expect(finding?.severity).toBe('warning');
    expect(finding?.evidence.at(-1)).toBe(
      'for 192.168.64.0/24 bridge100 wins (longer prefix): hosts of 192.168.0.0/16 in that range are unreachable ' +
        'from the Mac and its VMs; the rest of 192.168.0.0/16 still goes through utun4',
    );
  });

  it('ignores catch-all routes, own addresses on lo0, routes on the bridge and networks elsewhere', () => {
    expect(evaluate(withVpnRoute('0/1'))).toBeNull();
    expect(evaluate(withVpnRoute('128.0/1'))).toBeNull();
    expect(evaluate(withVpnRoute('10.0.0.0/8'))).toBeNull();
    const healthy = healthySnapshot();
    const ownAndVm = [
      route('192.168.64.1', null, 'lo0', { flags: ['U', 'H', 'L', 'W', 'I'] }),
      route('192.168.64.2', null, 'bridge100', { flags: ['U', 'H', 'L', 'W', 'I', 'i'] }),
      route('10.96.0.0/12', '192.168.64.2', 'bridge100', { flags: ['U', 'G', 'S'] }),
    ];
    expect(evaluate({ ...healthy, routes: [...healthy.routes!, ...ownAndVm] })).toBeNull();
  });

  it('a host route to one VM address through another interface: the -host form of the command', () => {
    const finding = evaluate(withVpnRoute('192.168.64.2/32'));
    expect(finding?.detail).toContain('`sudo route -n delete -host 192.168.64.2`');
  });

  it('on Linux, the VM bridge (any name) against a more specific route, with the ip command to remove it', () => {
    const linux = linuxSnapshot();
    const overlapping = { ...linux, routes: [...linux.routes!, route('192.168.39.0/25', LINUX.gateway, 'en0')] };
    const finding = evaluate(overlapping);
    expect(finding?.title).toBe(
      'The VM subnet 192.168.39.0/24 on virbr1 overlaps the host route 192.168.39.0/25 via en0.',
    );
    expect(finding?.detail).toContain('`sudo ip route del 192.168.39.0/25 dev en0`');
    expect(evaluate(linux)).toBeNull();
  });
});
