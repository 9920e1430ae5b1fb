import { describe, expect, it } from 'vitest';
import { rule } from '../../../../src/shared/diagnosis/rules/vpn-default-route';
import { evaluatorFor, fullTunnelVpn, LINUX, linuxSnapshot, route, seedSnapshot, splitVpn } from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('vpn-default-route', () => {
  it('warns about a full tunnel, showing the routes seen, while the VM has not failed', () => {
    const finding = evaluate(fullTunnelVpn());
    expect(finding).toMatchObject({
      id: 'vpn-default-route',
      severity: 'warning',
      title: 'A VPN (utun3) holds the default route.',
      evidence: ['default 10.8.0.1 UGSc utun3', 'default 172.2.2.2 UGScIg en0 (the physical interface)'],
      fix: null,
    });
    expect(finding?.detail).toContain('keeps its 192.168.77.0/24 source address');
  });

  it('is an error once the VM probes fail', () => {
    expect(evaluate(fullTunnelVpn(false))?.severity).toBe('error');
    expect(evaluate(fullTunnelVpn(true))?.severity).toBe('warning');
  });

  it('sees split 0/1 + 128/1 routes', () => {
    expect(evaluate(splitVpn())).toMatchObject({
      title: 'A VPN (utun3) takes all traffic with the routes 0.0.0.0/1 and 128.0.0.0/1.',
      evidence: [
        '0/1 10.8.0.1 utun3',
        '128.0/1 10.8.0.1 utun3',
        'default 172.2.2.2 UGScg en0 (the physical interface)',
      ],
    });
  });

  it("says on Linux that it can't tell how MASQUERADE treats the tunnel", () => {
    const routes = [
      route('default', null, 'wg0', { metric: 50 }),
      route('default', LINUX.gateway, 'en0', { metric: 100 }),
    ];
    const finding = evaluate(linuxSnapshot({ routes }));
    expect(finding?.severity).toBe('error');
    expect(finding?.detail).toContain('bridgelight does not read iptables, so it cannot tell which applies');
    expect(finding?.evidence).toEqual([
      'default dev wg0 metric 50',
      'default via 198.51.100.1 dev en0 metric 100 (the physical interface)',
    ]);
  });

  it('stays silent without a VPN', () => {
    expect(evaluate(seedSnapshot())).toBeNull();
  });
});
