// The hop lines a user reads for the cases hops.test.ts leaves out: each branch's light and its exact wording.
import { unknownHops } from '@src/shared/diagnosis/hops';
import type { HopId, Snapshot, VmObservation } from '@src/shared/model';
import type { VmListing, VmNetwork } from '@src/shared/vm';
import { describe, expect, it } from 'vitest';
import { hopOf as hop, tlsProbe as tls } from './diagpaths-helpers';
import {
  dnsFailed,
  en0,
  fullTunnelVpn,
  healthySnapshot,
  hostProbe,
  inet,
  limaUserMode,
  loopback,
  netIf,
  route,
  SEED,
  scopedDefault,
  seedBridge,
  seedInterfaces,
  seedRoutes,
  seedSnapshot,
  utun3,
  vmProbe,
  vmRunning,
  vmState,
  vmTarget,
} from './snapshot-builder';

const seen = (snapshot: Snapshot, id: HopId) => {
  const { light, summary, onPath } = hop(snapshot, id);
  return { light, summary, onPath };
};

function listing(network: VmNetwork, networkEvidence: string[]): VmListing {
  return {
    provider: 'minikube',
    name: 'minikube',
    state: 'running',
    rawState: 'Running',
    ips: [],
    driver: 'vfkit',
    network,
    networkEvidence,
  };
}

const withListing = (network: VmNetwork, evidence: string[]): VmObservation =>
  vmRunning(vmProbe(), { listing: listing(network, evidence) });

describe('vm hop: the tool and the VM state', () => {
  it('says the tool failed when it answered with an error rather than timing out', () => {
    expect(seen(seedSnapshot({ vm: vmState(null, { availability: 'failed' }) }), 'vm')).toEqual({
      light: 'yellow',
      summary: 'minikube failed',
      onPath: true,
    });
  });

  it("speaks of the VM's own tool", () => {
    const vm = vmState(null, { provider: 'lima', profile: 'default', availability: 'not-installed' });
    expect(hop(seedSnapshot({ vm }), 'vm').summary).toBe('limactl not found on PATH');
  });

  it('is yellow with the error when the probe inside a running VM failed', () => {
    const vm = vmState('Running', { probeError: 'ssh: exit status 255' });
    expect(seen(seedSnapshot({ vm }), 'vm')).toEqual({
      light: 'yellow',
      summary: 'the VM is Running but the probe inside it failed: ssh: exit status 255',
      onPath: true,
    });
    const stateless = vmState(null, { probeError: 'ssh: exit status 255' });
    expect(hop(seedSnapshot({ vm: stateless }), 'vm').summary).toBe(
      'the VM is up but the probe inside it failed: ssh: exit status 255',
    );
  });

  it('is unknown in an unknown state with nothing probed', () => {
    expect(seen(seedSnapshot({ vm: vmState(null) }), 'vm')).toEqual({
      light: 'unknown',
      summary: 'the VM is in an unknown state; nothing was probed inside it',
      onPath: true,
    });
  });
});

describe('vm hop: what the probe inside the VM saw', () => {
  it('is red when the internal name does not resolve inside the VM', () => {
    const vm = vmRunning(vmProbe({ internalDns: dnsFailed('git.corp.example') }));
    expect(seen(seedSnapshot({ vm }), 'vm')).toEqual({
      light: 'red',
      summary: 'git.corp.example does not resolve inside the VM',
      onPath: true,
    });
  });

  it('stays green when the internal name resolves', () => {
    const vm = vmRunning(vmProbe({ internalDns: { ...dnsFailed('git.corp.example'), ok: true } }));
    expect(hop(seedSnapshot({ vm }), 'vm').light).toBe('green');
  });

  it('is red for each HTTPS request that did not end with a trusted certificate, and only those', () => {
    const vm = vmRunning(
      vmProbe({
        tls: [
          tls('ok.example:443'),
          tls('untried.example:443', { tried: false, connected: false, handshake: false, verified: null }),
          tls('refused.example:443', { verified: false, verifyError: 'self-signed certificate in certificate chain' }),
          tls('stalled.example:443', { handshake: false, verified: null, timedOut: true }),
          tls('unchecked.example:443', { verified: null }),
        ],
      }),
    );
    expect(seen(seedSnapshot({ vm }), 'vm')).toEqual({
      light: 'red',
      summary:
        'HTTPS to refused.example:443 fails inside the VM; HTTPS to stalled.example:443 fails inside the VM; ' +
        'HTTPS to unchecked.example:443 fails inside the VM',
      onPath: true,
    });
  });

  it('stays green when every HTTPS request was trusted or could not be tried', () => {
    const vm = vmRunning(
      vmProbe({ tls: [tls('ok.example:443'), tls('untried.example:443', { tried: false, handshake: false })] }),
    );
    expect(hop(seedSnapshot({ vm }), 'vm').light).toBe('green');
  });

  it('says so when the probe reported nothing usable', () => {
    const vm = vmRunning({ routes: null, nameservers: null, dns: null, targets: [] });
    expect(seen(seedSnapshot({ vm }), 'vm')).toEqual({
      light: 'unknown',
      summary: 'the VM probe reported nothing usable',
      onPath: true,
    });
  });

  it('is green on answered targets alone, or on a DNS answer alone', () => {
    const targetsOnly = vmRunning({
      routes: null,
      nameservers: null,
      dns: null,
      targets: [vmTarget(SEED.target, true)],
    });
    expect(seen(seedSnapshot({ vm: targetsOnly }), 'vm')).toEqual({
      light: 'green',
      summary: 'VM Running, reaches 1/1 probe targets',
      onPath: true,
    });
    const dnsOnly = vmRunning(vmProbe({ routes: null }));
    expect(hop(seedSnapshot({ vm: dnsOnly }), 'vm').summary).toBe('VM Running, DNS resolves registry-1.docker.io');
  });

  it('says the state was not recorded when the tool gave none', () => {
    const vm = vmRunning(vmProbe(), { state: null });
    expect(hop(seedSnapshot({ vm }), 'vm').summary).toBe(
      'VM state not recorded, default via 192.168.77.1 on eth0, DNS resolves registry-1.docker.io',
    );
  });

  it('names an on-link default and an unnamed interface as such', () => {
    const vm = vmRunning(vmProbe({ routes: [route('default', null, null)], dns: null }));
    expect(hop(seedSnapshot({ vm }), 'vm').summary).toBe('VM Running, default via (on-link) on ?');
  });

  it('lists every other default route after the one in use, with its metric when it has one', () => {
    const vm = vmRunning(
      vmProbe({
        routes: [
          route('default', null, null, { metric: 300 }),
          route('default', '10.0.2.2', 'eth1', { metric: 200 }),
          route('default', SEED.bridge, 'eth0', { metric: 100 }),
        ],
        dns: null,
      }),
    );
    expect(hop(seedSnapshot({ vm }), 'vm').summary).toBe(
      'VM Running, default via 192.168.77.1 on eth0, also via 10.0.2.2 on eth1 (metric 200), also via (on-link) on ? (metric 300)',
    );
    const noMetric = vmRunning(
      vmProbe({ routes: [route('default', SEED.bridge, 'eth0'), route('default', '10.0.2.2', 'eth1')], dns: null }),
    );
    expect(hop(seedSnapshot({ vm: noMetric }), 'vm').summary).toBe(
      'VM Running, default via 192.168.77.1 on eth0, also via 10.0.2.2 on eth1',
    );
  });
});

describe('bridge and NAT hops off the path', () => {
  it('takes both off a user-mode path, with the listing’s reason', () => {
    const snapshot = seedSnapshot({ vm: limaUserMode() });
    const off = {
      light: 'unknown',
      summary: 'not on this path: no vzNAT or socket_vmnet network in the instance',
      onPath: false,
    };
    expect(seen(snapshot, 'bridge')).toEqual(off);
    expect(seen(snapshot, 'nat')).toEqual(off);
  });

  it('says why in its own words when a user-mode listing gives no reason', () => {
    const snapshot = seedSnapshot({ vm: withListing('user-mode', []) });
    expect(seen(snapshot, 'bridge')).toEqual({
      light: 'unknown',
      summary: 'not on this path: the VM uses its own user-mode network',
      onPath: false,
    });
    expect(hop(snapshot, 'nat').summary).toBe('not on this path: the VM uses its own user-mode network');
  });

  it('takes only NAT off a bridged path', () => {
    const snapshot = seedSnapshot({ vm: withListing('vmnet-bridged', []) });
    expect(seen(snapshot, 'nat')).toEqual({
      light: 'unknown',
      summary: 'not on this path: the VM is bridged, no NAT on this host',
      onPath: false,
    });
    expect(hop(snapshot, 'bridge')).toMatchObject({ light: 'green', onPath: true });
    const said = seedSnapshot({ vm: withListing('vmnet-bridged', ['vfkit: --device virtio-net,bridged']) });
    expect(hop(said, 'nat').summary).toBe('not on this path: vfkit: --device virtio-net,bridged');
  });

  it('keeps both on a shared vmnet path', () => {
    const snapshot = seedSnapshot({ vm: withListing('vmnet-shared', ['shared']) });
    expect(hop(snapshot, 'bridge').onPath).toBe(true);
    expect(hop(snapshot, 'nat').onPath).toBe(true);
  });
});

describe('bridge hop on the path', () => {
  it('names the gateway when host interfaces were not collected', () => {
    expect(hop(seedSnapshot({ interfaces: null }), 'bridge').summary).toBe(
      'host interfaces not collected (VM gateway 192.168.77.1)',
    );
  });

  it('is yellow when the VM has two default routes on the same metric', () => {
    const vm = vmRunning(
      vmProbe({
        routes: [
          route('default', SEED.bridge, 'eth0', { metric: 100 }),
          route('default', '10.0.2.2', 'eth1', { metric: 100 }),
        ],
      }),
    );
    expect(seen(seedSnapshot({ vm }), 'bridge')).toEqual({
      light: 'yellow',
      summary: "bridge100 holds 192.168.77.1 (members vmenet0, vmenet1), but the VM's 2 default routes tie on metric",
      onPath: true,
    });
  });

  it("is yellow when the bridge holds another default's gateway than the one in use", () => {
    const vm = vmRunning(
      vmProbe({
        routes: [
          route('default', SEED.bridge, 'eth0', { metric: 200 }),
          route('default', '10.0.2.2', 'eth1', { metric: 100 }),
        ],
      }),
    );
    expect(seen(seedSnapshot({ vm }), 'bridge')).toEqual({
      light: 'yellow',
      summary:
        "bridge100 holds 192.168.77.1 (members vmenet0, vmenet1), but the VM's traffic uses its default via 10.0.2.2 on eth1",
      onPath: true,
    });
  });

  it('says when the bridge lists no members', () => {
    const interfaces = [loopback(), en0([inet(SEED.dhcp, 16)]), netIf('bridge100', [inet(SEED.bridge, 24)])];
    expect(seen(seedSnapshot({ interfaces }), 'bridge')).toEqual({
      light: 'green',
      summary: 'bridge100 holds 192.168.77.1 (no members listed)',
      onPath: true,
    });
  });

  it('is unknown, not red, when no host interface holds the gateway but the VM gets out', () => {
    const vm = vmRunning(
      vmProbe({ routes: [route('default', '10.0.2.2', 'eth0')], targets: [vmTarget('1.1.1.1:443', true)] }),
    );
    expect(seen(seedSnapshot({ vm }), 'bridge')).toEqual({
      light: 'unknown',
      summary: 'no host interface holds 10.0.2.2; the VM reaches the internet another way',
      onPath: true,
    });
  });

  it("is red when no host interface holds the gateway, quoting the listing's claim", () => {
    const interfaces = [loopback(), en0([inet(SEED.dhcp, 16)])];
    const vm = withListing('vmnet-shared', ['vfkit: --device virtio-net,nat']);
    expect(seen(seedSnapshot({ interfaces, vm }), 'bridge')).toEqual({
      light: 'red',
      summary: "no host interface holds the VM's gateway 192.168.77.1, though vfkit: --device virtio-net,nat",
      onPath: true,
    });
  });

  it('names at most three vmnet bridges when the gateway is unknown, then how many more', () => {
    const bridges = [1, 2, 3, 4, 5].map((n) =>
      netIf(`bridge10${n}`, [inet(`192.168.${70 + n}.1`, 24)], { members: [`vmenet${n}`] }),
    );
    const snapshot = seedSnapshot({ vm: null, interfaces: [loopback(), en0([inet(SEED.dhcp, 16)]), ...bridges] });
    expect(seen(snapshot, 'bridge')).toEqual({
      light: 'unknown',
      summary:
        "the VM's gateway is unknown; vmnet bridges on this host: bridge101 192.168.71.1/24 (members vmenet1); " +
        'bridge102 192.168.72.1/24 (members vmenet2); bridge103 192.168.73.1/24 (members vmenet3) and 2 more',
      onPath: true,
    });
    const three = seedSnapshot({ vm: null, interfaces: [loopback(), ...bridges.slice(0, 3)] });
    expect(hop(three, 'bridge').summary).toBe(
      "the VM's gateway is unknown; vmnet bridges on this host: bridge101 192.168.71.1/24 (members vmenet1); " +
        'bridge102 192.168.72.1/24 (members vmenet2); bridge103 192.168.73.1/24 (members vmenet3)',
    );
  });

  it("names the VM's own memberless bridge when the default in use has no gateway", () => {
    const vm = vmRunning(
      vmProbe({
        routes: [
          route('default', null, 'eth0', { metric: 100 }),
          route('default', '10.1.1.1', 'eth1', { metric: 200 }),
        ],
      }),
    );
    const interfaces = [loopback(), en0([inet(SEED.dhcp, 16)]), netIf('virbr1', [inet('10.1.1.1', 24)])];
    expect(hop(seedSnapshot({ vm, interfaces }), 'bridge').summary).toBe(
      "the VM's gateway is unknown; vmnet bridges on this host: virbr1 10.1.1.1/24",
    );
  });
});

describe('nat hop wording', () => {
  const single = seedInterfaces([inet(SEED.dhcp, 16)]);

  it.each([
    [{ leases: { en0: null } }, 'green', 'NAT translates to 172.2.3.10 — a static address'],
    [{}, 'green', 'NAT translates to 172.2.3.10 — the DHCP address'],
  ] as const)('%j → %s %s', (overrides, light, summary) => {
    expect(seen(seedSnapshot({ interfaces: single, ...overrides }), 'nat')).toEqual({ light, summary, onPath: true });
  });

  it('says why a link-local NAT source is red', () => {
    const interfaces = seedInterfaces([inet('169.254.10.20', 16), inet(SEED.dhcp, 16)]);
    expect(hop(seedSnapshot({ interfaces }), 'nat').summary).toBe(
      'NAT translates to 169.254.10.20 — a link-local address, which routers drop',
    );
  });

  it('names every red reason at once: the VPN and the stale source', () => {
    const snapshot = seedSnapshot({
      interfaces: [...seedInterfaces(), utun3()],
      routes: [route('default', '10.8.0.1', 'utun3'), scopedDefault(SEED.gateway, 'en0'), ...seedRoutes().slice(1)],
      vm: vmRunning(vmProbe({ targets: [vmTarget(SEED.target, false)] })),
    });
    expect(seen(snapshot, 'nat')).toEqual({
      light: 'red',
      summary: 'VM traffic routed into utun3 (VPN) leaves un-NATed; NAT translates to 172.2.9.61 — a stale address',
      onPath: true,
    });
  });

  it('keeps only the worst reason: a red source over a yellow VPN', () => {
    const snapshot = seedSnapshot({
      interfaces: [...seedInterfaces(), utun3()],
      routes: [route('default', '10.8.0.1', 'utun3'), scopedDefault(SEED.gateway, 'en0'), ...seedRoutes().slice(1)],
    });
    expect(seen(snapshot, 'nat')).toEqual({
      light: 'red',
      summary: 'NAT translates to 172.2.9.61 — a stale address',
      onPath: true,
    });
  });

  it('words a Linux VPN by MASQUERADE', () => {
    const tun0 = { ...utun3(), name: 'tun0' };
    const snapshot = seedSnapshot({
      platform: 'linux',
      interfaces: [netIf('lo', [inet('127.0.0.1', 8)], { flags: ['LOOPBACK', 'UP'] }), tun0],
      routes: [route('default', '10.8.0.1', 'tun0')],
      leases: null,
    });
    expect(seen(snapshot, 'nat')).toEqual({
      light: 'yellow',
      summary: 'VM traffic goes out through tun0 (VPN); MASQUERADE there is not checked',
      onPath: true,
    });
  });

  it('keeps the VPN reading when nothing says which interface is behind it', () => {
    const snapshot = seedSnapshot({
      interfaces: [loopback(), en0([inet(SEED.dhcp, 16)]), seedBridge(), utun3()],
      routes: [route('default', '10.8.0.1', 'utun3')],
    });
    expect(seen(snapshot, 'nat')).toEqual({
      light: 'yellow',
      summary: 'VM traffic routed into utun3 (VPN) leaves un-NATed',
      onPath: true,
    });
    expect(seen(snapshot, 'egress')).toEqual({ light: 'unknown', summary: 'no egress interface known', onPath: true });
    expect(seen(snapshot, 'gateway')).toEqual({
      light: 'unknown',
      summary: 'default via utun3 (VPN); the physical gateway is unknown',
      onPath: true,
    });
  });

  it('says no egress interface is known without a VPN either', () => {
    expect(hop(seedSnapshot({ routes: null }), 'nat').summary).toBe('no egress interface known');
  });

  it("gives the note on why the NAT source can't be told when en0's addresses were not collected", () => {
    expect(seen(seedSnapshot({ interfaces: [loopback(), seedBridge()] }), 'nat')).toEqual({
      light: 'unknown',
      summary: 'NAT source unknown: the addresses of en0 were not collected',
      onPath: true,
    });
  });

  it('is red with the reason when en0 has no IPv4 address', () => {
    expect(seen(seedSnapshot({ interfaces: seedInterfaces([]) }), 'nat')).toEqual({
      light: 'red',
      summary: 'en0 has no IPv4 address to translate to',
      onPath: true,
    });
  });
});

describe('egress hop wording', () => {
  it('says the addresses were not collected when en0 is missing from the interfaces', () => {
    expect(seen(seedSnapshot({ interfaces: [loopback(), seedBridge()] }), 'egress')).toEqual({
      light: 'unknown',
      summary: 'en0: its addresses were not collected',
      onPath: true,
    });
  });

  it('is red without an IPv4 address, saying so', () => {
    expect(hop(seedSnapshot({ interfaces: seedInterfaces([]) }), 'egress').summary).toBe('en0 has no IPv4 address');
  });

  it('is not all link-local when one address is routable', () => {
    const interfaces = seedInterfaces([inet('169.254.10.20', 16), inet(SEED.dhcp, 16)]);
    expect(seen(seedSnapshot({ interfaces }), 'egress')).toEqual({
      light: 'yellow',
      summary: 'en0 has 2 IPv4 addresses',
      onPath: true,
    });
  });

  it("is green for several addresses on a user-mode path: the host's own choice applies", () => {
    expect(seen(seedSnapshot({ vm: limaUserMode() }), 'egress')).toEqual({
      light: 'green',
      summary: "en0 has 2 IPv4 addresses; the VM's user-mode network uses the host's own choice",
      onPath: true,
    });
  });
});

describe('gateway hop wording', () => {
  it('is green for an on-link default once the host got answers, unknown before', () => {
    const routes = [route('default', null, 'en0'), ...seedRoutes().slice(1)];
    expect(seen(seedSnapshot({ routes }), 'gateway')).toEqual({
      light: 'green',
      summary: 'default via (on-link) on en0',
      onPath: true,
    });
    expect(seen(seedSnapshot({ routes, hostProbes: [] }), 'gateway')).toEqual({
      light: 'unknown',
      summary: 'default via (on-link) on en0',
      onPath: true,
    });
  });

  it('says why a gateway outside the subnets is still green', () => {
    const snapshot = healthySnapshot({ routes: [route('default', '10.9.9.1', 'en0')], defaultRoute: null });
    expect(seen(snapshot, 'gateway')).toEqual({
      light: 'green',
      summary: 'default via 10.9.9.1 on en0 (probes through it answered)',
      onPath: true,
    });
  });

  it("is unknown when en0's addresses were not collected and nothing answered", () => {
    const snapshot = seedSnapshot({ interfaces: [loopback(), seedBridge()], hostProbes: [] });
    expect(seen(snapshot, 'gateway')).toEqual({
      light: 'unknown',
      summary: 'default via 172.2.2.2 on en0 (addresses of en0 not collected)',
      onPath: true,
    });
  });

  it('is green under a full tunnel when the gateway is in a subnet of en0', () => {
    expect(seen(fullTunnelVpn(), 'gateway')).toEqual({
      light: 'green',
      summary: "default via utun3 (VPN); en0's gateway 172.2.2.2",
      onPath: true,
    });
  });
});

describe('internet hop wording', () => {
  it('says the host was not probed when only the VM was, and reached nothing', () => {
    const vm = vmRunning(vmProbe({ targets: [vmTarget(SEED.target, false)] }));
    expect(seen(seedSnapshot({ vm, hostProbes: null }), 'internet')).toEqual({
      light: 'unknown',
      summary: 'the host was not probed; the VM reaches none of its targets',
      onPath: true,
    });
  });

  it('is unknown for a VM not probed at all', () => {
    expect(hop(seedSnapshot({ vm: vmState('Running'), hostProbes: null }), 'internet').summary).toBe(
      'nothing was probed',
    );
  });

  it('counts the answered host probes', () => {
    const hostProbes = [hostProbe(SEED.dhcp, true), hostProbe(SEED.dhcp, false, '1.1.1.1:443')];
    expect(hop(seedSnapshot({ hostProbes }), 'internet').summary).toBe('the host reaches 1/2 probe targets');
  });
});

describe('unknownHops', () => {
  it('gives the six hops, all unknown and on the path, each with the reason', () => {
    expect(unknownHops('the snapshot could not be read')).toEqual(
      ['vm', 'bridge', 'nat', 'egress', 'gateway', 'internet'].map((id) => ({
        id,
        light: 'unknown',
        summary: 'the snapshot could not be read',
        onPath: true,
      })),
    );
  });
});
