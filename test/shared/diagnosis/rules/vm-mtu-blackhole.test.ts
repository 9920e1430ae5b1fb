import { diagnose } from '@src/shared/diagnosis';
import { rule } from '@src/shared/diagnosis/rules/vm-mtu-blackhole';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, fullTunnelVpn } from '../snapshot-builder';
import { failingTargets, hostContext, stopped, tls, vmSide } from './vm-side-snapshots';

const evaluate = evaluatorFor(rule);
const stalled = tls({
  handshake: false,
  verified: null,
  timedOut: true,
  error: 'Operation timed out after 3000 milliseconds',
});
const blackhole = (mtu = 1400) => vmSide({ tls: [stalled] }, { mtus: { en0: mtu } });

describe('vm-mtu-blackhole', () => {
  it('advises the MTU of the smallest link on the host path when the handshake stalls after TCP connects', () => {
    expect(evaluate(blackhole())).toEqual({
      id: 'vm-mtu-blackhole',
      severity: 'error',
      title: "Large packets from the internet never reach the VM: en0's MTU is 1400, the VM's 1500.",
      detail: expect.stringContaining('`minikube ssh -- sudo ip link set dev eth0 mtu 1400`'),
      evidence: [
        "en0 MTU 1400 (the host's path)",
        'VM eth0 MTU 1500',
        'VM → https://registry.k8s.io:443: TCP connected, TLS handshake timed out',
      ],
      fix: null,
    });
  });

  it("takes the VPN tunnel's MTU when the default route goes through it", () => {
    const vpn = fullTunnelVpn();
    const snapshot = {
      ...blackhole(1500),
      interfaces: vpn.interfaces,
      routes: vpn.routes,
      defaultRoute: vpn.defaultRoute,
    };
    snapshot.hostContext = hostContext({ mtus: { en0: 1500, utun3: 1280 } });
    expect(evaluate(snapshot)?.title).toContain("utun3's MTU is 1280");
  });

  it('is the cause when the VM reaches nothing at all', () => {
    const snapshot = blackhole();
    snapshot.vm!.probe!.targets = failingTargets;
    const finding = diagnose(snapshot).findings.find((f) => f.id === 'vm-mtu-blackhole');
    expect(finding?.causes).toEqual(['vm-internet-unreachable']);
  });

  it('needs both sides: a stall without a smaller host MTU, unknown MTUs, a refused connect, or a stopped VM say nothing', () => {
    expect(evaluate(blackhole(1500))).toBeNull();
    expect(evaluate(vmSide({ tls: [stalled] }, { mtus: null }))).toBeNull();
    expect(evaluate(vmSide({ tls: [stalled], mtus: null }, { mtus: { en0: 1400 } }))).toBeNull();
    expect(
      evaluate(
        vmSide(
          { tls: [tls({ connected: false, handshake: false, verified: null, timedOut: true })] },
          { mtus: { en0: 1400 } },
        ),
      ),
    ).toBeNull();
    expect(evaluate(vmSide({}, { mtus: { en0: 1400 } }))).toBeNull();
    expect(evaluate(stopped(blackhole()))).toBeNull();
  });
});
