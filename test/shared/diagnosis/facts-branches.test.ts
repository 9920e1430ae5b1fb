// deriveFacts branch by branch: which route is the default, which tunnel is a VPN, which interface VM traffic is
// NATed on and to which address, what the VM's probe says, and which host interface is the VM's bridge.
import { readFileSync } from 'node:fs';
import { deriveFacts, isDefaultDestination, isUserMode, summariseProbes } from '@src/shared/diagnosis/facts';
import type { NetInterface, Route, Snapshot } from '@src/shared/model';
import { parseIfconfig } from '@src/shared/parsers/darwin/ifconfig';
import { parseNetstatRn } from '@src/shared/parsers/darwin/netstat';
import { parseRouteGet } from '@src/shared/parsers/darwin/route-get';
import { parseIpRouteText } from '@src/shared/parsers/ip-route-text';
import { describe, expect, it } from 'vitest';
import { tlsProbe } from './diagpaths-helpers';
import {
  emptySnapshot,
  en0,
  inet,
  LINUX,
  limaUserMode,
  linuxSnapshot,
  lookup,
  loopback,
  netIf,
  netstatDefault,
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
  vmTarget,
} from './snapshot-builder';

function real<T>(path: string, parse: (text: string) => { ok: true; value: T } | { ok: false; error: string }): T {
  const result = parse(readFileSync(new URL(`../../fixtures/real/${path}`, import.meta.url), 'utf8'));
  if (!result.ok) throw new Error(`${path}: ${result.error}`);
  return result.value;
}

const vmWithRoutes = (routes: Route[]): Snapshot['vm'] => vmRunning(vmProbe({ routes }));

/** The default route fact of a physical (non-tunnel) interface, as the route was shown. */
const physicalDefault = (iface: string, gateway: string | null, seen: string) => ({
  interface: iface,
  gateway,
  seen,
  viaTunnel: false,
});

describe('deriveFacts: the default route', () => {
  it('takes a `route get default` through a tunnel as a full-tunnel VPN', () => {
    const facts = deriveFacts(seedSnapshot({ defaultRoute: lookup('10.8.0.1', 'utun3') }));
    expect(facts.defaultRoute).toEqual({
      interface: 'utun3',
      gateway: '10.8.0.1',
      seen: 'route get default: gateway 10.8.0.1, interface utun3',
      viaTunnel: true,
    });
    expect(facts.vpn).toEqual({
      kind: 'full',
      tunnel: 'utun3',
      routes: ['route get default: gateway 10.8.0.1, interface utun3'],
    });
  });

  it('reads the real `route get` of a split VPN (answered via utun3) as a tunnel holding the default', () => {
    const answer = real('route-get/neofetch-pr2361-route-get-1-via-utun3-split-vpn.txt', parseRouteGet);
    const facts = deriveFacts({ ...emptySnapshot('darwin'), defaultRoute: answer });
    expect(facts.defaultRoute).toEqual({
      interface: 'utun3',
      gateway: '192.168.12.1',
      seen: 'route get default: gateway 192.168.12.1, interface utun3',
      viaTunnel: true,
    });
    expect(facts.vpn?.kind).toBe('full');
    expect(facts.routesKnown).toBe(true);
    // No routing table, so nothing tells which physical interface lies behind the tunnel.
    expect(facts.egress).toBeNull();
  });

  it('takes the real `route get default` on en0 as the egress', () => {
    const answer = real('route-get/egress-guard-route-get-default-en0.txt', parseRouteGet);
    const facts = deriveFacts(seedSnapshot({ defaultRoute: answer }));
    expect(facts.defaultRoute).toEqual(
      physicalDefault('en0', '192.168.1.1', 'route get default: gateway 192.168.1.1, interface en0'),
    );
    expect(facts.vpn).toBeNull();
    expect(facts.egress).toMatchObject({
      name: 'en0',
      gateway: '192.168.1.1',
      chosenBecause: 'route get default: gateway 192.168.1.1, interface en0',
    });
  });

  it('words a Linux lookup as `ip route` would, with or without a gateway', () => {
    const via = deriveFacts(linuxSnapshot({ defaultRoute: lookup(LINUX.gateway, 'en0') }));
    expect(via.defaultRoute?.seen).toBe('default via 198.51.100.1 dev en0');
    const onLink = deriveFacts(linuxSnapshot({ defaultRoute: lookup(null, 'en0') }));
    expect(onLink.defaultRoute).toEqual(physicalDefault('en0', null, 'default dev en0'));
  });

  it('falls back to the routing table when the lookup names no interface', () => {
    const facts = deriveFacts(seedSnapshot({ defaultRoute: { ...lookup(null, 'en0'), interface: null } }));
    expect(facts.defaultRoute).toEqual(physicalDefault('en0', SEED.gateway, 'default 172.2.2.2 UGScg en0'));
  });

  it('skips a default route that names no interface', () => {
    const routes = [route('default', '10.0.0.1', null), netstatDefault(SEED.gateway, 'en0')];
    expect(deriveFacts(seedSnapshot({ routes })).defaultRoute?.interface).toBe('en0');
  });

  it('ranks a default without a metric (0) before one with metric 100, as the kernel does', () => {
    const routes = [route('default', '10.0.0.1', 'wlan0', { metric: 100 }), route('default', LINUX.gateway, 'en0')];
    const facts = deriveFacts(linuxSnapshot({ routes }));
    expect(facts.defaultRoute).toEqual(physicalDefault('en0', LINUX.gateway, 'default via 198.51.100.1 dev en0'));
  });

  it('keeps the table order among defaults of equal metric', () => {
    const routes = [
      route('default', LINUX.gateway, 'en0', { metric: 100 }),
      route('default', '10.0.0.1', 'wlan0', { metric: 100 }),
    ];
    expect(deriveFacts(linuxSnapshot({ routes })).defaultRoute?.interface).toBe('en0');
  });

  it('takes a default through a tunnel from the table as a full VPN', () => {
    const routes = [route('default', '10.8.0.1', 'tun0', { metric: 50 }), route('default', LINUX.gateway, 'en0')];
    const facts = deriveFacts(linuxSnapshot({ routes }));
    expect(facts.defaultRoute?.viaTunnel).toBe(false);
    const tunnelFirst = deriveFacts(
      linuxSnapshot({
        routes: [route('default', '10.8.0.1', 'tun0'), route('default', LINUX.gateway, 'en0', { metric: 600 })],
      }),
    );
    expect(tunnelFirst.defaultRoute).toMatchObject({ interface: 'tun0', viaTunnel: true });
    expect(tunnelFirst.vpn).toEqual({ kind: 'full', tunnel: 'tun0', routes: ['default via 10.8.0.1 dev tun0'] });
  });

  it.each(['default', '0.0.0.0/0', '0/0', '0.0.0.0'])('counts %s as a default destination', (destination) => {
    expect(isDefaultDestination(destination)).toBe(true);
  });

  it.each(['0.0.0.0/1', '128.0/1', '10.0.0.0/8', ''])('does not count %j as a default destination', (destination) => {
    expect(isDefaultDestination(destination)).toBe(false);
  });
});

describe('deriveFacts: split-tunnel VPN', () => {
  it('names only the 0/1 route when there is no 128.0/1 through the tunnel', () => {
    const facts = deriveFacts(seedSnapshot({ routes: [route('0/1', '10.8.0.1', 'utun3'), ...seedRoutes()] }));
    expect(facts.vpn).toEqual({ kind: 'split', tunnel: 'utun3', routes: ['0/1 10.8.0.1 utun3'] });
  });

  it('leaves out a 128.0/1 that goes through a physical interface', () => {
    const facts = deriveFacts(
      seedSnapshot({
        routes: [route('0/1', '10.8.0.1', 'utun3'), route('128.0/1', '10.0.0.1', 'en1'), ...seedRoutes()],
      }),
    );
    expect(facts.vpn?.routes).toEqual(['0/1 10.8.0.1 utun3']);
  });

  it('is not a VPN when only 128.0/1 goes through the tunnel', () => {
    const facts = deriveFacts(seedSnapshot({ routes: [route('128.0/1', '10.8.0.1', 'utun3'), ...seedRoutes()] }));
    expect(facts.vpn).toBeNull();
  });

  it('ignores a 0/1 route that names no interface', () => {
    const facts = deriveFacts(seedSnapshot({ routes: [route('0/1', '10.8.0.1', null), ...seedRoutes()] }));
    expect(facts.vpn).toBeNull();
  });

  it('reports the split routes rather than a tunnel default when both exist', () => {
    const facts = deriveFacts(
      seedSnapshot({
        defaultRoute: lookup('10.8.0.1', 'utun3'),
        routes: [route('0/1', '10.9.0.1', 'utun4'), route('128.0/1', '10.9.0.1', 'utun4'), ...seedRoutes()],
      }),
    );
    expect(facts.vpn).toEqual({
      kind: 'split',
      tunnel: 'utun4',
      routes: ['0/1 10.9.0.1 utun4', '128.0/1 10.9.0.1 utun4'],
    });
  });

  it('finds the physical interface by its scoped default when the split VPN leaves no plain default', () => {
    const facts = deriveFacts(
      seedSnapshot({
        interfaces: [...seedInterfaces(), utun3()],
        routes: [
          route('0/1', '10.8.0.1', 'utun3'),
          route('128.0/1', '10.8.0.1', 'utun3'),
          scopedDefault(SEED.gateway, 'en0'),
        ],
      }),
    );
    expect(facts.defaultRoute).toBeNull();
    expect(facts.vpn?.kind).toBe('split');
    expect(facts.egress).toMatchObject({
      name: 'en0',
      gateway: SEED.gateway,
      chosenBecause: 'default 172.2.2.2 UGScIg en0',
    });
  });

  it('has no egress without a default route and without a VPN', () => {
    const facts = deriveFacts(seedSnapshot({ routes: [scopedDefault(SEED.gateway, 'en0')] }));
    expect(facts).toMatchObject({ defaultRoute: null, vpn: null, egress: null });
  });
});

describe('deriveFacts: the physical interface behind a full tunnel', () => {
  const tunnelDefault = route('default', '10.8.0.1', 'utun3', { flags: ['U', 'G', 'S', 'c'] });
  const behindTunnel = (interfaces: NetInterface[], routes: Route[], extra: Partial<Snapshot> = {}) =>
    deriveFacts(seedSnapshot({ interfaces: [...interfaces, utun3()], routes: [tunnelDefault, ...routes], ...extra }));

  it('prefers a scoped default over a plain one on another interface', () => {
    const en1 = netIf('en1', [inet('10.0.0.5', 24)]);
    const facts = behindTunnel(
      [...seedInterfaces([inet(SEED.dhcp, 16)]), en1],
      [route('default', '10.0.0.1', 'en1', { flags: ['U', 'G', 'S', 'c'] }), scopedDefault(SEED.gateway, 'en0')],
    );
    expect(facts.egress).toMatchObject({ name: 'en0', chosenBecause: 'default 172.2.2.2 UGScIg en0' });
  });

  it('never takes a scoped default without a gateway', () => {
    const en1 = netIf('en1', [inet('10.0.0.5', 24)]);
    const facts = behindTunnel(
      [...seedInterfaces([inet(SEED.dhcp, 16)]), en1],
      [scopedDefault(null, 'en1'), scopedDefault(SEED.gateway, 'en0')],
    );
    expect(facts.egress?.name).toBe('en0');
  });

  it('takes the plain default of a real interface, as the route shows, when none is scoped (Linux)', () => {
    const facts = deriveFacts(
      linuxSnapshot({
        routes: [
          route('default', '10.8.0.1', 'tun0', { metric: 50 }),
          route('default', LINUX.gateway, 'en0', { metric: 600 }),
          route('198.51.100.0/24', null, 'en0', { prefsrc: LINUX.stale, metric: 600 }),
        ],
      }),
    );
    expect(facts.egress).toMatchObject({
      name: 'en0',
      gateway: LINUX.gateway,
      chosenBecause: 'default via 198.51.100.1 dev en0 metric 600',
    });
  });

  it('says it fell back to the first real interface with a gateway, skipping its on-link routes', () => {
    const facts = behindTunnel(
      [loopback(), seedBridge(), en0([inet(SEED.dhcp, 16)])],
      [route('172.2/16', null, 'en0', { flags: ['U', 'C', 'S'] }), route('10.0.0.0/8', SEED.gateway, 'en0')],
    );
    expect(facts.egress).toMatchObject({
      name: 'en0',
      gateway: SEED.gateway,
      chosenBecause: '10.0.0.0/8 172.2.2.2 en0 (first real interface with a gateway)',
    });
  });

  it('skips an interface that is down, one without IPv4 and one without a gatewayed route', () => {
    const down = netIf('en1', [inet('10.0.1.5', 24)], { up: false });
    const noIpv4 = netIf('en2', []);
    const noGateway = netIf('en3', [inet('10.0.3.5', 24)]);
    const facts = behindTunnel(
      [down, noIpv4, noGateway, en0([inet(SEED.dhcp, 16)])],
      [
        route('10.1.0.0/16', '10.0.1.1', 'en1'),
        route('10.2.0.0/16', '10.0.2.1', 'en2'),
        route('10.0.3.0/24', null, 'en3'),
        route('10.4.0.0/16', SEED.gateway, 'en0'),
      ],
    );
    expect(facts.egress?.name).toBe('en0');
  });

  it('never takes an interface with bridge members or a loopback flag, whatever its name', () => {
    const bridged = netIf('en5', [inet('10.0.5.1', 24)], { members: ['en6'] });
    const loop = netIf('en7', [inet('10.0.7.1', 24)], { flags: ['UP', 'LOOPBACK', 'RUNNING'] });
    const facts = behindTunnel(
      [bridged, loop, en0([inet(SEED.dhcp, 16)])],
      [
        scopedDefault('10.0.5.254', 'en5'),
        scopedDefault('10.0.7.254', 'en7'),
        route('10.5.0.0/16', '10.0.5.254', 'en5'),
        route('10.7.0.0/16', '10.0.7.254', 'en7'),
        route('10.4.0.0/16', SEED.gateway, 'en0'),
      ],
    );
    expect(facts.egress?.name).toBe('en0');
  });

  it('never takes the interface holding the VM gateway, even with a plain name', () => {
    // A Linux host whose VM bridge is called vmbr0 (Proxmox style): neither virtual by name nor by members.
    const vmbr0 = netIf('vmbr0', [inet(LINUX.bridge, 24)]);
    const facts = deriveFacts(
      linuxSnapshot({
        interfaces: [vmbr0, netIf('en0', [inet(LINUX.good, 24)])],
        routes: [
          route('default', '10.8.0.1', 'tun0'),
          route('10.39.0.0/16', '192.168.39.254', 'vmbr0'),
          route('10.0.0.0/8', LINUX.gateway, 'en0'),
        ],
      }),
    );
    expect(facts.bridge?.iface.name).toBe('vmbr0');
    expect(facts.egress).toMatchObject({ name: 'en0', gateway: LINUX.gateway });
  });

  it('can tell nothing behind the tunnel when the interfaces were not collected and no default is gatewayed', () => {
    const facts = deriveFacts(
      seedSnapshot({ interfaces: null, routes: [tunnelDefault, route('10.0.0.0/8', SEED.gateway, 'en0')] }),
    );
    expect(facts.vpn?.kind).toBe('full');
    expect(facts.egress).toBeNull();
  });
});

describe('deriveFacts: NAT source', () => {
  it('has none, and says why, when the egress interface holds no IPv4 address', () => {
    const facts = deriveFacts(seedSnapshot({ interfaces: [loopback(), en0([]), seedBridge()] }));
    expect(facts.egress).toMatchObject({
      name: 'en0',
      addresses: [],
      natSource: null,
      natSourceNote: 'no IPv4 address to translate to',
    });
  });

  it('says the egress addresses were not collected when the interface list does not hold it', () => {
    const facts = deriveFacts(seedSnapshot({ interfaces: [loopback(), seedBridge()] }));
    expect(facts.egress).toMatchObject({
      name: 'en0',
      iface: null,
      addresses: [],
      natSource: null,
      natSourceNote: 'the addresses of en0 were not collected',
    });
  });

  it('on Linux behind a tunnel names none and says MASQUERADE depends on its rule', () => {
    const facts = deriveFacts(
      linuxSnapshot({
        routes: [
          route('default', '10.8.0.1', 'tun0', { metric: 50 }),
          route('default', LINUX.gateway, 'en0', { metric: 600 }),
        ],
      }),
    );
    expect(facts.egress?.name).toBe('en0');
    expect(facts.egress?.addresses.map((a) => a.address)).toEqual([LINUX.stale, LINUX.good]);
    expect(facts.egress?.natSource).toBeNull();
    expect(facts.egress?.natSourceNote).toBe(
      'VM traffic goes out through tun0; which address MASQUERADE uses there depends on its rule',
    );
  });

  it('on macOS behind a tunnel still names the first address (pf rewrites on en0)', () => {
    const facts = deriveFacts(
      seedSnapshot({
        interfaces: [...seedInterfaces(), utun3()],
        routes: [route('default', '10.8.0.1', 'utun3'), scopedDefault(SEED.gateway, 'en0')],
      }),
    );
    expect(facts.egress?.natSource?.address).toBe(SEED.stale);
    expect(facts.egress?.natSourceNote).toBe('listed first: vmnet NAT translates to it');
  });

  it('on Linux takes the first primary when the default names no gateway', () => {
    const facts = deriveFacts(linuxSnapshot({ routes: [route('default', null, 'en0')] }));
    expect(facts.egress?.gateway).toBeNull();
    expect(facts.egress?.natSource?.address).toBe(LINUX.stale);
    expect(facts.egress?.natSourceNote).toBe('first primary address: MASQUERADE translates to it');
  });

  it('on Linux skips a secondary address in the gateway subnet for the primary one', () => {
    const interfaces = [
      netIf('en0', [
        inet('10.1.1.5', 24, { secondary: false }),
        inet(LINUX.good, 24, { secondary: true }),
        inet(LINUX.stale, 24, { secondary: false }),
      ]),
    ];
    const facts = deriveFacts(linuxSnapshot({ interfaces }));
    expect(facts.egress?.natSource?.address).toBe(LINUX.stale);
    expect(facts.egress?.natSourceNote).toBe("primary address in the gateway's subnet: MASQUERADE translates to it");
  });

  it('on Linux falls back to the first address when every one is marked secondary', () => {
    const interfaces = [
      netIf('en0', [inet('10.1.1.5', 24, { secondary: true }), inet(LINUX.good, 24, { secondary: true })]),
    ];
    const facts = deriveFacts(linuxSnapshot({ interfaces }));
    expect(facts.egress?.natSource?.address).toBe('10.1.1.5');
    expect(facts.egress?.natSourceNote).toBe('first primary address: MASQUERADE translates to it');
  });

  it('has none for a user-mode VM, whose traffic the host never NATs', () => {
    const facts = deriveFacts(seedSnapshot({ vm: limaUserMode() }));
    expect(isUserMode(facts)).toBe(true);
    expect(facts.egress?.addresses.map((a) => a.address)).toEqual([SEED.stale, SEED.dhcp]);
    expect(facts.egress?.natSource).toBeNull();
    expect(facts.egress?.natSourceNote).toBe("no NAT on this VM's path (user-mode network)");
    expect(isUserMode(deriveFacts(seedSnapshot()))).toBe(false);
  });
});

describe('deriveFacts: the VM', () => {
  it.each(['running', 'RUNNING', 'Running'])('takes state %s as running', (state) => {
    expect(deriveFacts(seedSnapshot({ vm: vmRunning(vmProbe(), { state }) })).vm.status).toBe('probed');
  });

  it('takes a probe from a VM whose tool gave no state', () => {
    const facts = deriveFacts(seedSnapshot({ vm: vmRunning(vmProbe(), { state: null }) }));
    expect(facts.vm).toMatchObject({ status: 'probed', gateway: SEED.bridge });
  });

  it('uses nothing of the probe of a VM that is not answering', () => {
    const probe = vmProbe({
      targets: [vmTarget(SEED.target, false)],
      mtus: { eth0: 1500 },
      proxies: [],
      tls: [],
      internalDns: null,
    });
    const facts = deriveFacts(seedSnapshot({ vm: vmRunning(probe, { availability: 'timeout' }) }));
    expect(facts.vm).toMatchObject({
      status: 'unresponsive',
      routes: null,
      defaultRoute: null,
      defaults: [],
      defaultTie: false,
      gateway: null,
      targetProbes: [],
      targets: { count: 0, anyOk: false, allFailed: false },
      dns: null,
      nameservers: null,
      mtus: null,
    });
    expect(facts.vm.observation?.availability).toBe('timeout');
  });

  it('passes on what the probe reported', () => {
    const tls = tlsProbe('registry-1.docker.io:443');
    const probe = vmProbe({
      nameservers: ['192.168.77.1', '8.8.8.8'],
      targets: [vmTarget(SEED.target, false), vmTarget('1.1.1.1:443', true)],
      mtus: { eth0: 1500, docker0: 1500 },
      proxies: [{ source: 'env', name: 'HTTPS_PROXY', value: 'http://192.0.2.8:3128' }],
      tls: [tls],
      internalDns: { name: 'git.corp.example', ok: false, addresses: [], error: 'NXDOMAIN' },
    });
    const facts = deriveFacts(seedSnapshot({ vm: vmRunning(probe) }));
    expect(facts.vm).toMatchObject({
      status: 'probed',
      routes: probe.routes,
      dns: probe.dns,
      nameservers: ['192.168.77.1', '8.8.8.8'],
      targetProbes: probe.targets,
      targets: { count: 2, anyOk: true, allFailed: false },
      mtus: { eth0: 1500, docker0: 1500 },
      proxies: [{ source: 'env', name: 'HTTPS_PROXY', value: 'http://192.0.2.8:3128' }],
      tls: [tls],
      internalDns: { name: 'git.corp.example', ok: false, addresses: [], error: 'NXDOMAIN' },
    });
  });

  it('says "not reported" for what an older probe left out', () => {
    const facts = deriveFacts(seedSnapshot({ vm: vmRunning(vmProbe({ routes: null, nameservers: null, dns: null })) }));
    expect(facts.vm.routes).toBeNull();
    expect(facts.vm.nameservers).toBeNull();
    expect(facts.vm.dns).toBeNull();
    expect(facts.vm.mtus).toBeNull();
    expect(facts.vm.proxies).toBeNull();
    expect(facts.vm.internalDns).toBeNull();
    expect(facts.vm.tls).toEqual([]);
    expect(facts.vm.defaults).toEqual([]);
    expect(facts.vm.defaultRoute).toBeNull();
    expect(facts.vm.gateway).toBeNull();
  });

  it("takes the path model and its evidence from the provider's listing, and `unknown` without one", () => {
    const lima = deriveFacts(seedSnapshot({ vm: limaUserMode() }));
    expect(lima.vm.network).toBe('user-mode');
    expect(lima.vm.networkEvidence).toEqual(['no vzNAT or socket_vmnet network in the instance']);
    const minikube = deriveFacts(seedSnapshot());
    expect(minikube.vm.network).toBe('unknown');
    expect(minikube.vm.networkEvidence).toEqual([]);
    const none = deriveFacts(seedSnapshot({ vm: null }));
    expect(none.vm).toMatchObject({ status: 'no-data', observation: null, network: 'unknown', networkEvidence: [] });
  });

  it('ranks the real Lima vz defaults of equal metric 100 in table order and calls it a tie', () => {
    const routes = real('vm-ip-route/lima2280-vz-two-defaults-equal-metric-100-slirp-first.txt', parseIpRouteText);
    const facts = deriveFacts(seedSnapshot({ vm: vmWithRoutes(routes) }));
    expect(facts.vm.defaults.map((r) => [r.interface, r.gateway, r.metric])).toEqual([
      ['eth0', '192.168.5.2', 100],
      ['lima0', '192.168.105.1', 100],
    ]);
    expect(facts.vm.defaultTie).toBe(true);
    expect(facts.vm.gateway).toBe('192.168.5.2');
  });

  it('ranks the real Lima socket_vmnet defaults by metric (100 before 200): no tie', () => {
    const routes = real(
      'vm-ip-route/lima2632-socket_vmnet-lima0-metric-100-slirp-eth0-metric-200.txt',
      parseIpRouteText,
    );
    const facts = deriveFacts(seedSnapshot({ vm: vmWithRoutes([...routes].reverse()) }));
    expect(facts.vm.defaults.map((r) => r.interface)).toEqual(['lima0', 'eth0']);
    expect(facts.vm.defaultRoute?.gateway).toBe('192.168.105.1');
    expect(facts.vm.defaultTie).toBe(false);
  });

  it('calls two defaults without a metric a tie, and one default never', () => {
    const two = [route('default', SEED.bridge, 'eth0'), route('default', '10.0.2.2', 'eth1')];
    expect(deriveFacts(seedSnapshot({ vm: vmWithRoutes(two) })).vm.defaultTie).toBe(true);
    const one = [route('default', SEED.bridge, 'eth0')];
    expect(deriveFacts(seedSnapshot({ vm: vmWithRoutes(one) })).vm.defaultTie).toBe(false);
    const unequal = [route('default', SEED.bridge, 'eth0'), route('default', '10.0.2.2', 'eth1', { metric: 1 })];
    expect(deriveFacts(seedSnapshot({ vm: vmWithRoutes(unequal) })).vm.defaultTie).toBe(false);
  });
});

describe('deriveFacts: the VM bridge', () => {
  it('finds the host bridge of the second real default when the first (slirp) is held by no host interface', () => {
    const interfaces = real('ifconfig/lima-socket_vmnet-bridge100-192.168.105.1.txt', parseIfconfig);
    const routes = real('vm-ip-route/lima2280-vz-two-defaults-equal-metric-100-slirp-first.txt', parseIpRouteText);
    const facts = deriveFacts(
      seedSnapshot({ interfaces: [loopback(), en0([inet(SEED.dhcp, 16)]), ...interfaces], vm: vmWithRoutes(routes) }),
    );
    expect(facts.bridge?.iface.name).toBe('bridge100');
    expect(facts.bridge?.address).toBe('192.168.105.1');
    expect(facts.vmnetBridges).toEqual([
      {
        name: 'bridge100',
        address: '192.168.105.1',
        prefixLength: 24,
        subnet: '192.168.105.0/24',
        members: ['vmenet0'],
      },
    ]);
  });

  it('skips a VM default without a gateway and takes the next one', () => {
    const routes = [
      route('default', null, 'eth1', { metric: 100 }),
      route('default', SEED.bridge, 'eth0', { metric: 200 }),
    ];
    const facts = deriveFacts(seedSnapshot({ vm: vmWithRoutes(routes) }));
    expect(facts.bridge).toMatchObject({ iface: { name: 'bridge100' }, address: SEED.bridge });
  });

  it('has no bridge when the interfaces were not collected', () => {
    expect(deriveFacts(seedSnapshot({ interfaces: null })).bridge).toBeNull();
  });

  it('has no bridge when no host interface holds the VM gateway', () => {
    const facts = deriveFacts(seedSnapshot({ interfaces: [loopback(), en0([inet(SEED.dhcp, 16)])] }));
    expect(facts.bridge).toBeNull();
    expect(facts.vmnetBridges).toEqual([]);
  });

  it('lists a vmnet bridge once, not again as the VM bridge', () => {
    const facts = deriveFacts(seedSnapshot());
    expect(facts.vmnetBridges).toEqual([
      {
        name: 'bridge100',
        address: SEED.bridge,
        prefixLength: 24,
        subnet: '192.168.77.0/24',
        members: ['vmenet0', 'vmenet1'],
      },
    ]);
  });

  it("adds a Linux host's own VM bridge (virbr1) that is not vmnet's", () => {
    const facts = deriveFacts(linuxSnapshot());
    expect(facts.bridge?.iface.name).toBe('virbr1');
    expect(facts.vmnetBridges).toEqual([
      { name: 'virbr1', address: LINUX.bridge, prefixLength: 24, subnet: '192.168.39.0/24', members: ['vnet0'] },
    ]);
  });

  it('adds no VM bridge that holds only a host address (/32)', () => {
    const tap = netIf('tap0', [inet(SEED.bridge, 32)]);
    const facts = deriveFacts(seedSnapshot({ interfaces: [loopback(), en0([inet(SEED.dhcp, 16)]), tap] }));
    expect(facts.bridge?.iface.name).toBe('tap0');
    expect(facts.vmnetBridges).toEqual([]);
  });
});

describe('deriveFacts: what is passed on', () => {
  it('keeps the collected routes, interfaces and when the snapshot was taken', () => {
    const snapshot = seedSnapshot();
    const facts = deriveFacts(snapshot);
    expect(facts.platform).toBe('darwin');
    expect(facts.routes).toEqual(snapshot.routes);
    expect(facts.interfaces).toEqual(snapshot.interfaces);
    expect(facts.interfacesKnown).toBe(true);
    expect(facts.routesKnown).toBe(true);
    expect(facts.takenAtSeconds).toBe(1741944413);
    expect(facts.hostProbes).toEqual(snapshot.hostProbes);
  });

  it('knows the routes from a `route get` alone, and gives empty lists for what was not collected', () => {
    const facts = deriveFacts({ ...emptySnapshot('linux'), defaultRoute: lookup(LINUX.gateway, 'en0') });
    expect(facts.routesKnown).toBe(true);
    expect(facts.interfacesKnown).toBe(false);
    expect(facts.routes).toEqual([]);
    expect(facts.interfaces).toEqual([]);
    expect(facts.hostProbes).toEqual([]);
    expect(facts.scopedDefaults).toEqual([]);
    expect(facts.vmnetBridges).toEqual([]);
    expect(facts.platform).toBe('linux');
    expect(facts.egress).toMatchObject({
      name: 'en0',
      iface: null,
      natSourceNote: 'the addresses of en0 were not collected',
    });
  });

  it('passes on the firewall, bootpd leases, egress history and host context, null when absent', () => {
    const firewall = { state: 1, allowBuiltInSigned: true, apps: null };
    const dhcpdLeases = [{ name: 'minikube', ipAddress: SEED.vmAddress, hwAddress: null, expiresAt: 1741950000 }];
    const egressHistory = { bridges: [], changes: [] };
    const hostContext = { mtus: { en0: 1500 }, resolvers: null, proxies: [], internalLookup: null };
    const facts = deriveFacts(seedSnapshot({ firewall, dhcpdLeases, egressHistory, hostContext }));
    expect(facts.firewall).toEqual(firewall);
    expect(facts.dhcpdLeases).toEqual(dhcpdLeases);
    expect(facts.egressHistory).toEqual(egressHistory);
    expect(facts.hostContext).toEqual(hostContext);
    const bare = deriveFacts(seedSnapshot());
    expect(bare.firewall).toBeNull();
    expect(bare.dhcpdLeases).toBeNull();
    expect(bare.egressHistory).toBeNull();
    expect(bare.hostContext).toBeNull();
  });

  it('keeps every scoped default of the real cn-vpn table as netstat shows it', () => {
    const routes = real('netstat-nr/cn-vpn-split-ppp0-bridge100-bridge101-ELIDED.txt', parseNetstatRn);
    const facts = deriveFacts(seedSnapshot({ routes }));
    expect(facts.scopedDefaults).toEqual([
      'default (on-link) UCSIg ppp0',
      'default (on-link) UCSIg bridge100',
      'default (on-link) UCSIg bridge101',
    ]);
    expect(facts.defaultRoute?.seen).toBe('default 192.168.31.1 UGScg en0');
  });
});

describe('summariseProbes', () => {
  it('counts the probes and tells whether any or none answered', () => {
    expect(summariseProbes([])).toEqual({ count: 0, anyOk: false, allFailed: false });
    expect(summariseProbes([{ ok: false }, { ok: true }])).toEqual({ count: 2, anyOk: true, allFailed: false });
    expect(summariseProbes([{ ok: false }, { ok: false }])).toEqual({ count: 2, anyOk: false, allFailed: true });
  });
});
