// The pieces the in-VM findings share: the evidence line for one HTTPS request, the MTUs on each side of the
// path, and the command typed into the VM.
import { deriveFacts } from '@src/shared/diagnosis/facts';
import { describeTls, hostPathMtu, inVm, vmPathMtu } from '@src/shared/diagnosis/vm-side';
import type { HostContext, Snapshot, TlsProbe } from '@src/shared/model';
import { wordingFor } from '@src/shared/providers';
import { describe, expect, it } from 'vitest';
import { tlsProbe } from './diagpaths-helpers';
import { fullTunnelVpn, route, SEED, seedSnapshot, vmProbe, vmRunning } from './snapshot-builder';

const tls = (extra: Partial<TlsProbe>): TlsProbe => tlsProbe('registry-1.docker.io:443', extra);

describe('describeTls', () => {
  it.each([
    [{}, 'VM → https://registry-1.docker.io:443: TLS handshake done, certificate trusted'],
    [{ tried: false, error: 'curl: not found' }, 'VM → https://registry-1.docker.io:443: not tried (curl: not found)'],
    [{ tried: false }, 'VM → https://registry-1.docker.io:443: not tried (no tool)'],
    [
      { connected: false, handshake: false, error: 'connection refused' },
      'VM → https://registry-1.docker.io:443: TCP connect failed: connection refused',
    ],
    [
      { connected: false, handshake: false },
      'VM → https://registry-1.docker.io:443: TCP connect failed: no reason given',
    ],
    [
      { verified: false, verifyError: 'self-signed certificate in certificate chain (19)' },
      'VM → https://registry-1.docker.io:443: TCP connected, certificate refused: self-signed certificate in certificate chain (19)',
    ],
    [{ verified: false }, 'VM → https://registry-1.docker.io:443: TCP connected, certificate refused: no reason given'],
    [
      { handshake: false, verified: null, timedOut: true, error: 'curl: (28)' },
      'VM → https://registry-1.docker.io:443: TCP connected, TLS handshake timed out',
    ],
    [
      { handshake: false, verified: null, error: 'unexpected eof' },
      'VM → https://registry-1.docker.io:443: TCP connected, TLS handshake failed: unexpected eof',
    ],
    [
      { handshake: false, verified: null },
      'VM → https://registry-1.docker.io:443: TCP connected, TLS handshake failed: no reason given',
    ],
  ] as const)('%j → %s', (extra, line) => {
    expect(describeTls(tls(extra))).toBe(line);
  });
});

const context = (mtus: Record<string, number> | null): HostContext => ({
  mtus,
  resolvers: null,
  proxies: null,
  internalLookup: null,
});

const facts = (snapshot: Snapshot, mtus: Record<string, number> | null) =>
  deriveFacts({ ...snapshot, hostContext: context(mtus) });

describe('hostPathMtu', () => {
  it('is null when the host MTUs were not collected', () => {
    expect(hostPathMtu(deriveFacts(seedSnapshot()))).toBeNull();
    expect(hostPathMtu(facts(seedSnapshot(), null))).toBeNull();
  });

  it('is the smallest MTU among the egress, the default route and the tunnel, never another interface', () => {
    const mtus = { en0: 1500, utun3: 1280, bridge100: 1000, lo0: 16384 };
    expect(hostPathMtu(facts(fullTunnelVpn(), mtus))).toEqual({ name: 'utun3', mtu: 1280 });
    expect(hostPathMtu(facts(fullTunnelVpn(), { ...mtus, en0: 1200 }))).toEqual({ name: 'en0', mtu: 1200 });
  });

  it("is the egress's MTU without a VPN, and null when no interface on the path has one", () => {
    expect(hostPathMtu(facts(seedSnapshot(), { en0: 1500, bridge100: 1400 }))).toEqual({ name: 'en0', mtu: 1500 });
    expect(hostPathMtu(facts(seedSnapshot(), { bridge100: 1400 }))).toBeNull();
  });
});

describe('vmPathMtu', () => {
  const withMtus = (mtus: Record<string, number> | null, routes = vmProbe().routes) =>
    deriveFacts(seedSnapshot({ vm: vmRunning(vmProbe({ mtus, routes })) }));

  it("is the MTU of the VM's default route's interface", () => {
    expect(vmPathMtu(withMtus({ docker0: 1500, eth0: 1450 }))).toEqual({ name: 'eth0', mtu: 1450 });
  });

  it('is null without that MTU, without MTUs, or without a default route', () => {
    expect(vmPathMtu(withMtus({ docker0: 1500 }))).toBeNull();
    expect(vmPathMtu(withMtus(null))).toBeNull();
    expect(vmPathMtu(withMtus({ eth0: 1450 }, [route('172.17.0.0/16', null, 'docker0')]))).toBeNull();
    expect(vmPathMtu(withMtus({ eth0: 1450 }, [route('default', SEED.bridge, null)]))).toBeNull();
  });
});

describe('inVm', () => {
  it("puts the command after the tool's ssh command and `--`", () => {
    expect(inVm(wordingFor('lima'), 'default', 'sudo ip link set dev eth0 mtu 1280')).toBe(
      'limactl shell default -- sudo ip link set dev eth0 mtu 1280',
    );
    expect(inVm(wordingFor('minikube'), 'dev', 'cat /etc/resolv.conf')).toBe(
      'minikube ssh -p dev -- cat /etc/resolv.conf',
    );
  });
});
