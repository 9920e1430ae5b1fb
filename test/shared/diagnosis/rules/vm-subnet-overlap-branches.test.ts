// vm-subnet-overlap word for word, and the edges of what counts as an overlap.
import { rule } from '@src/shared/diagnosis/rules/vm-subnet-overlap';
import type { Route, Snapshot } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, healthySnapshot, linuxSnapshot, route } from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

/** The healthy Mac (bridge100 192.168.64.1/24) with these routes added. */
const plus = (...extra: Route[]): Snapshot => {
  const healthy = healthySnapshot();
  return { ...healthy, routes: [...healthy.routes!, ...extra] };
};

describe('vm-subnet-overlap: the whole finding', () => {
  it('a route inside the VM subnet on a Mac', () => {
    expect(evaluate(plus(route('192.168.64.0/25', '10.8.0.1', 'utun4', { flags: ['U', 'G', 'S'] })))).toEqual({
      id: 'vm-subnet-overlap',
      severity: 'error',
      title: 'The VM subnet 192.168.64.0/24 on bridge100 overlaps the host route 192.168.64.0/25 via utun4.',
      detail:
        "bridge100 carries the VMs' subnet 192.168.64.0/24, and the host also routes 192.168.64.0/25 through utun4. " +
        'The kernel sends each packet by the longest matching prefix, so the two networks take addresses from each ' +
        "other. If the route is a VPN's or one you added, remove it: `sudo route -n delete -net 192.168.64.0/25`. If " +
        'the other network is your LAN, give vmnet a free subnet instead: stop the VMs, run `sudo defaults write ' +
        '/Library/Preferences/SystemConfiguration/com.apple.vmnet Shared_Net_Address -string 192.168.105.1` (and ' +
        '`Shared_Net_Mask -string 255.255.255.0`), then start them again. Then check again.',
      evidence: [
        'bridge100 holds 192.168.64.1/24 (VM subnet 192.168.64.0/24)',
        'host route 192.168.64.0/25 10.8.0.1 UGS utun4',
        'for 192.168.64.0/25 the host route wins (longer prefix): traffic to those VM addresses, and the replies NAT ' +
          'sends back to them, leave through utun4 instead of bridge100',
      ],
      fix: null,
    });
  });

  it('on Linux: move the VM network in its runtime, and no dev for a route without an interface', () => {
    const linux = linuxSnapshot();
    const finding = evaluate({ ...linux, routes: [...linux.routes!, route('192.168.39.0/25', '198.51.100.1', null)] });
    expect(finding?.title).toBe(
      'The VM subnet 192.168.39.0/24 on virbr1 overlaps the host route 192.168.39.0/25 via 198.51.100.1.',
    );
    expect(finding?.detail).toMatch(
      /remove it: `sudo ip route del 192\.168\.39\.0\/25`\. If the other network is your LAN, move the VM network to a free subnet in its runtime instead\. Then check again\.$/,
    );
  });

  it('the worst overlap leads, and every overlap is in the evidence in that order', () => {
    const finding = evaluate(
      plus(
        route('192.168.0.0/16', '10.8.0.1', 'utun4', { flags: ['U', 'G', 'S'] }),
        route('192.168.64.128/25', '10.8.0.1', 'utun5', { flags: ['U', 'G', 'S'] }),
      ),
    );
    expect(finding?.severity).toBe('error');
    expect(finding?.title).toContain('overlaps the host route 192.168.64.128/25 via utun5.');
    expect(finding?.evidence).toEqual([
      'bridge100 holds 192.168.64.1/24 (VM subnet 192.168.64.0/24)',
      'host route 192.168.64.128/25 10.8.0.1 UGS utun5',
      'host route 192.168.0.0/16 10.8.0.1 UGS utun4',
      'for 192.168.64.128/25 the host route wins (longer prefix): traffic to those VM addresses, and the replies ' +
        'NAT sends back to them, leave through utun5 instead of bridge100',
      'for 192.168.64.0/24 bridge100 wins (longer prefix): hosts of 192.168.0.0/16 in that range are unreachable ' +
        'from the Mac and its VMs; the rest of 192.168.0.0/16 still goes through utun4',
    ]);
  });

  it('names the gateway, or "another interface", when the route has no interface', () => {
    expect(evaluate(plus(route('192.168.64.0/25', '10.8.0.1', null)))?.title).toMatch(/ via 10\.8\.0\.1\.$/);
    expect(evaluate(plus(route('192.168.64.0/25', null, null)))?.title).toMatch(/ via another interface\.$/);
  });

  it('a host route without a prefix is a /32: the -host form', () => {
    expect(evaluate(plus(route('192.168.64.7', '10.8.0.1', 'utun4')))?.detail).toContain(
      '`sudo route -n delete -host 192.168.64.7`',
    );
  });
});

describe('vm-subnet-overlap: what counts', () => {
  it('an /8 still claims the bridge; a /7 is a catch-all', () => {
    expect(evaluate(plus(route('192.0.0.0/8', '10.8.0.1', 'utun4')))?.severity).toBe('warning');
    expect(evaluate(plus(route('192.0.0.0/7', '10.8.0.1', 'utun4')))).toBeNull();
  });

  it('a neighbouring network of the same size is no overlap, nor one inside another subnet', () => {
    expect(evaluate(plus(route('192.168.65.0/24', '10.8.0.1', 'utun4')))).toBeNull();
    expect(evaluate(plus(route('192.168.65.0/25', '10.8.0.1', 'utun4')))).toBeNull();
    expect(evaluate(plus(route('172.16.0.0/12', '10.8.0.1', 'utun4')))).toBeNull();
  });

  it('a prefix length that is not one is ignored', () => {
    expect(evaluate(plus(route('192.168.64.0/33', '10.8.0.1', 'utun4')))).toBeNull();
    expect(evaluate(plus(route('192.168.64.0/x', '10.8.0.1', 'utun4')))).toBeNull();
  });

  it("Linux's lo is the host itself; an interface merely starting with lo is not", () => {
    expect(evaluate(plus(route('192.168.64.0/25', null, 'lo')))).toBeNull();
    expect(evaluate(plus(route('192.168.64.0/25', null, 'lo12')))).toBeNull();
    expect(evaluate(plus(route('192.168.64.0/25', null, 'lower0')))?.title).toMatch(/ via lower0\.$/);
  });

  it('the default route never counts, however it is written', () => {
    expect(evaluate(plus(route('0.0.0.0/0', '10.8.0.1', 'utun4')))).toBeNull();
    expect(evaluate(plus(route('default', '10.8.0.1', 'utun4')))).toBeNull();
  });
});
