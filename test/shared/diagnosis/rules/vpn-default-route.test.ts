import { diagnose } from '@src/shared/diagnosis';
import { rule } from '@src/shared/diagnosis/rules/vpn-default-route';
import { describe, expect, it } from 'vitest';
import {
  evaluatorFor,
  fullTunnelVpn,
  inet,
  LINUX,
  linuxSnapshot,
  route,
  SEED,
  scopedDefault,
  seedInterfaces,
  seedSnapshot,
  splitVpn,
  utun3,
} from '../snapshot-builder';

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

  it('sees a lone 0/1 through the tunnel as the VPN, and no-default-route does not tell to reconnect Wi-Fi', () => {
    const snapshot = seedSnapshot({
      interfaces: [...seedInterfaces([inet(SEED.dhcp, 16)]), utun3()],
      routes: [route('0/1', '10.8.0.1', 'utun3'), scopedDefault(SEED.gateway, 'en0')],
      defaultRoute: null,
    });
    expect(evaluate(snapshot)).toMatchObject({
      title: 'A VPN (utun3) takes the traffic to 0.0.0.0/1 (half of all addresses) with its own route.',
      evidence: ['0/1 10.8.0.1 utun3', 'default 172.2.2.2 UGScIg en0 (the physical interface)'],
    });
    const findings = diagnose(snapshot).findings;
    expect(findings.map((f) => f.id)).not.toContain('no-default-route');
    expect(JSON.stringify(findings)).not.toMatch(/Reconnect Wi-Fi/);
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

  it("claims the VM's probes show no failure only when the VM's probes ran and some answered", () => {
    expect(evaluate(fullTunnelVpn(true))?.detail).toContain("The VM's own probes show no failure");
    for (const snapshot of [fullTunnelVpn(null), { ...fullTunnelVpn(true), vm: null }]) {
      const detail = evaluate(snapshot)?.detail ?? '';
      expect(detail).not.toContain('show no failure');
      expect(detail).toContain('Nothing was probed from inside the VM');
    }
  });

  it('offers a pf rule only with the real VM subnet, never a placeholder', () => {
    expect(evaluate(fullTunnelVpn())?.detail).toContain(
      '`nat on utun3 from 192.168.77.0/24 to any -> (utun3)` in the anchor com.apple.internet-sharing/shared_v4',
    );
    const noBridge = { ...fullTunnelVpn(), vm: null };
    const detail = evaluate(noBridge)?.detail ?? '';
    expect(detail).not.toContain('`nat on');
    expect(detail).toContain("the VM network's subnet it needs is not known here");
  });

  it('stays silent without a VPN', () => {
    expect(evaluate(seedSnapshot())).toBeNull();
  });
});
