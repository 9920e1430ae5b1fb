// Snapshots as plain objects, with the real values of the case the product exists for
// (test/fixtures/seed): en0 carried 172.2.9.61/16 (stale, listed first) and 172.2.3.10/16 (the DHCP lease),
// the gateway was 172.2.2.2, bridge100 held 192.168.77.1/24 with members vmenet0 and vmenet1, and the VM's
// default route went via 192.168.77.1.

import { deriveFacts } from '@src/shared/diagnosis/facts';
import type { Rule } from '@src/shared/diagnosis/rule';
import type {
  DhcpLease,
  DnsLookup,
  Finding,
  HostProbe,
  Ipv4Address,
  NetInterface,
  Route,
  RouteLookup,
  Snapshot,
  TargetProbe,
  VmObservation,
  VmProbe,
} from '@src/shared/model';
import type { VmListing } from '@src/shared/vm';

export const SEED = {
  gateway: '172.2.2.2',
  stale: '172.2.9.61',
  dhcp: '172.2.3.10',
  prefix: 16,
  bridge: '192.168.77.1',
  vmAddress: '192.168.77.6',
  target: '198.51.100.10:443',
} as const;

const UP_FLAGS = ['UP', 'BROADCAST', 'SMART', 'RUNNING', 'SIMPLEX', 'MULTICAST'];

export function inet(address: string, prefixLength: number, extra: Partial<Ipv4Address> = {}): Ipv4Address {
  return { address, prefixLength, ...extra };
}

export function netIf(name: string, ipv4: Ipv4Address[], extra: Partial<NetInterface> = {}): NetInterface {
  return { name, flags: UP_FLAGS, up: true, running: true, pointToPoint: false, ipv4, members: [], ...extra };
}

export function route(
  destination: string,
  gateway: string | null,
  iface: string | null,
  extra: Partial<Route> = {},
): Route {
  return { destination, gateway, interface: iface, flags: [], scoped: false, ...extra };
}

/** `default 172.2.2.2 UGScg en0` as netstat shows it. */
export function netstatDefault(gateway: string, iface: string): Route {
  return route('default', gateway, iface, { flags: ['U', 'G', 'S', 'c', 'g'] });
}

/** `default 192.168.1.1 UGScIg en0`: a default scoped to one interface. */
export function scopedDefault(gateway: string | null, iface: string): Route {
  return route('default', gateway, iface, {
    flags: gateway === null ? ['U', 'C', 'S', 'I', 'g'] : ['U', 'G', 'S', 'c', 'I', 'g'],
    scoped: true,
  });
}

export function lookup(gateway: string | null, iface: string): RouteLookup {
  return { destination: 'default', gateway, interface: iface, flags: ['UP', 'GATEWAY', 'DONE', 'STATIC'] };
}

export function lease(iface: string, yiaddr: string, router: string | null = null): DhcpLease {
  return {
    interface: iface,
    yiaddr,
    router,
    subnetMask: null,
    leaseTimeSeconds: 86400,
    serverIdentifier: router,
  };
}

export function hostProbe(source: string, ok: boolean, target: string = SEED.target, error = 'timeout'): HostProbe {
  return { source, target, ok, ms: ok ? 23 : null, error: ok ? null : error };
}

export function vmTarget(target: string, ok: boolean, error = 'timeout'): TargetProbe {
  return { target, ok, ms: ok ? 41 : null, error: ok ? null : error };
}

export function dnsOk(name = 'registry-1.docker.io'): DnsLookup {
  return { name, ok: true, addresses: ['198.51.100.80'], error: null };
}

export function dnsFailed(
  name = 'registry-1.docker.io',
  error = 'connection timed out; no servers could be reached',
): DnsLookup {
  return { name, ok: false, addresses: [], error };
}

/** The VM's `ip route` from test/fixtures/seed/vm-ip-route-EXCERPT.txt. */
export function seedVmRoutes(gateway: string = SEED.bridge): Route[] {
  return [
    route('default', gateway, 'eth0', { prefsrc: SEED.vmAddress, metric: 1024 }),
    route('172.17.0.0/16', null, 'docker0', { prefsrc: '172.17.0.1' }),
  ];
}

export function vmProbe(extra: Partial<VmProbe> = {}): VmProbe {
  return { routes: seedVmRoutes(), nameservers: [SEED.bridge], dns: dnsOk(), targets: [], ...extra };
}

export function vmRunning(probe: VmProbe = vmProbe(), extra: Partial<VmObservation> = {}): VmObservation {
  return {
    provider: 'minikube',
    profile: 'minikube',
    availability: 'ok',
    state: 'Running',
    probe,
    probeError: null,
    ...extra,
  };
}

export function vmState(state: string | null, extra: Partial<VmObservation> = {}): VmObservation {
  return {
    provider: 'minikube',
    profile: 'minikube',
    availability: 'ok',
    state,
    probe: null,
    probeError: null,
    ...extra,
  };
}

/** bridge100 exactly as in test/fixtures/seed/ifconfig-bridge100.txt. */
export function seedBridge(): NetInterface {
  return netIf('bridge100', [inet(SEED.bridge, 24, { broadcast: '192.168.77.255' })], {
    flags: ['UP', 'BROADCAST', 'SMART', 'RUNNING', 'ALLMULTI', 'SIMPLEX', 'MULTICAST'],
    members: ['vmenet0', 'vmenet1'],
  });
}

export function loopback(): NetInterface {
  return netIf('lo0', [inet('127.0.0.1', 8)], { flags: ['UP', 'LOOPBACK', 'RUNNING', 'MULTICAST'] });
}

/** en0 with the given addresses, in that order (the order vmnet's NAT cares about). */
export function en0(addresses: Ipv4Address[], extra: Partial<NetInterface> = {}): NetInterface {
  return netIf('en0', addresses, extra);
}

export function seedInterfaces(en0Addresses: Ipv4Address[] = seedEn0Addresses()): NetInterface[] {
  return [
    loopback(),
    en0(en0Addresses),
    seedBridge(),
    netIf('vmenet0', [], { flags: ['UP', 'RUNNING', 'SIMPLEX'] }),
    netIf('vmenet1', [], { flags: ['UP', 'RUNNING', 'SIMPLEX'] }),
  ];
}

export function seedEn0Addresses(): Ipv4Address[] {
  return [
    inet(SEED.stale, SEED.prefix, { broadcast: '172.2.255.255' }),
    inet(SEED.dhcp, SEED.prefix, { broadcast: '172.2.255.255' }),
  ];
}

/** The netstat routes: the excerpt's default, plus the subnet and bridge routes every such table has. */
export function seedRoutes(): Route[] {
  return [
    netstatDefault(SEED.gateway, 'en0'),
    scopedDefault(null, 'bridge100'),
    route('127', '127.0.0.1', 'lo0', { flags: ['U', 'C', 'S'] }),
    route('172.2/16', null, 'en0', { flags: ['U', 'C', 'S'] }),
    route('192.168.77', null, 'bridge100', { flags: ['U', 'C'] }),
  ];
}

/** The seed case as observed: the Mac browses (from 172.2.3.10), the stale address gets no answers. */
export function seedSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    platform: 'darwin',
    takenAt: '2025-03-14T09:26:53.000Z',
    interfaces: seedInterfaces(),
    routes: seedRoutes(),
    defaultRoute: null,
    leases: { en0: lease('en0', SEED.dhcp, SEED.gateway) },
    vm: vmRunning(),
    hostProbes: [hostProbe(SEED.stale, false), hostProbe(SEED.dhcp, true)],
    inputs: [],
    ...overrides,
  };
}

/** A healthy Mac: one DHCP address on en0, hyperkit's default vmnet 192.168.64.1/24, everything answers. */
export function healthySnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  const address = '192.168.1.20';
  return {
    platform: 'darwin',
    takenAt: '2025-03-14T09:30:00.000Z',
    interfaces: [
      loopback(),
      en0([inet(address, 24, { broadcast: '192.168.1.255' })]),
      netIf('bridge100', [inet('192.168.64.1', 24)], { members: ['vmenet0'] }),
      netIf('vmenet0', []),
    ],
    routes: [
      netstatDefault('192.168.1.1', 'en0'),
      route('192.168.1', null, 'en0'),
      route('192.168.64', null, 'bridge100'),
    ],
    defaultRoute: lookup('192.168.1.1', 'en0'),
    leases: { en0: lease('en0', address, '192.168.1.1') },
    vm: vmRunning(
      vmProbe({
        routes: [route('default', '192.168.64.1', 'eth0', { prefsrc: '192.168.64.2', metric: 1024 })],
        nameservers: ['192.168.64.1'],
        targets: [vmTarget('registry-1.docker.io:443', true), vmTarget('1.1.1.1:443', true)],
      }),
    ),
    hostProbes: [hostProbe(address, true, 'registry-1.docker.io:443'), hostProbe(address, true, '1.1.1.1:443')],
    inputs: [],
    ...overrides,
  };
}

/** Everything unknown: what a bundle with no readable file gives. */
export function emptySnapshot(platform: Snapshot['platform'] = 'darwin'): Snapshot {
  return {
    platform,
    takenAt: '2025-03-14T09:30:00.000Z',
    interfaces: null,
    routes: null,
    defaultRoute: null,
    leases: null,
    vm: null,
    hostProbes: null,
    inputs: [],
  };
}

export const LINUX = {
  stale: '198.51.100.9',
  good: '198.51.100.20',
  gateway: '198.51.100.1',
  bridge: '192.168.39.1',
} as const;

/**
 * A Linux host (kvm2 driver, libvirt bridge virbr1 192.168.39.1/24): en0's primary 198.51.100.9/24 was set by
 * hand and no longer answers; the DHCP address 198.51.100.20/24 arrived later and is secondary.
 */
export function linuxSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    platform: 'linux',
    takenAt: '2025-03-14T09:30:00.000Z',
    interfaces: [
      netIf('lo', [inet('127.0.0.1', 8, { validLifetime: null })], { flags: ['LOOPBACK', 'UP', 'LOWER_UP'] }),
      netIf('en0', [
        inet(LINUX.stale, 24, { validLifetime: null, dynamic: false, secondary: false }),
        inet(LINUX.good, 24, { validLifetime: 86000, dynamic: true, secondary: true }),
      ]),
      netIf('virbr1', [inet(LINUX.bridge, 24, { validLifetime: null })], { members: ['vnet0'] }),
    ],
    routes: [
      route('default', LINUX.gateway, 'en0', { prefsrc: LINUX.good, metric: 100 }),
      route('198.51.100.0/24', null, 'en0', { prefsrc: LINUX.stale, metric: 100 }),
      route('192.168.39.0/24', null, 'virbr1', { prefsrc: LINUX.bridge }),
    ],
    defaultRoute: null,
    leases: null,
    vm: vmRunning(
      vmProbe({
        routes: [route('default', LINUX.bridge, 'eth0', { metric: 1024 })],
        nameservers: [LINUX.bridge],
        targets: [vmTarget('registry-1.docker.io:443', false)],
      }),
    ),
    hostProbes: [hostProbe(LINUX.stale, false, '1.1.1.1:443'), hostProbe(LINUX.good, true, '1.1.1.1:443')],
    inputs: [],
    ...overrides,
  };
}

// ---- Named variations of the seed, shared by the rule tests and the whole-diagnosis tests ----

/** 10.0.5.20/24 (a previous network's address) listed before the DHCP address; the gateway is only in 172.2/16. */
export const OTHER_SUBNET = '10.0.5.20';

/** The Mac got its DHCP address first and someone added an alias after it. */
export function secondAddedAfterDhcp(): Snapshot {
  return seedSnapshot({
    interfaces: seedInterfaces([inet(SEED.dhcp, 16), inet('172.2.200.5', 16)]),
    hostProbes: null,
  });
}

export function noLeaseCollected(): Snapshot {
  return seedSnapshot({ leases: null, hostProbes: null });
}

export function noDhcpOnInterface(): Snapshot {
  return seedSnapshot({ leases: { en0: null }, hostProbes: null });
}

/** Only the subnet tells: no lease was collected and nothing was probed. */
export function staleFromOtherSubnet(): Snapshot {
  return seedSnapshot({
    interfaces: seedInterfaces([inet(OTHER_SUBNET, 24), inet(SEED.dhcp, 16)]),
    leases: null,
    hostProbes: null,
  });
}

/** Only the bound probes tell: same subnet, no lease collected. */
export function probeEvidenceOnly(): Snapshot {
  return seedSnapshot({ leases: null });
}

/** The lease holder gets no answers while the other address does. */
export function conflictingEvidence(): Snapshot {
  return seedSnapshot({ hostProbes: [hostProbe(SEED.stale, true), hostProbe(SEED.dhcp, false)] });
}

/** The NAT source is clearly stale, but a third address's evidence conflicts. */
export function staleWithConflictElsewhere(): Snapshot {
  return seedSnapshot({
    interfaces: seedInterfaces([...seedEn0Addresses(), inet('172.2.50.50', 16)]),
    hostProbes: [hostProbe(SEED.stale, false), hostProbe(SEED.dhcp, true), hostProbe('172.2.50.50', true)],
  });
}

/** en0's only address; the lease names another one and every probe fails. */
export function onlyAddressFailing(): Snapshot {
  return seedSnapshot({
    interfaces: seedInterfaces([inet(SEED.stale, 16)]),
    hostProbes: [hostProbe(SEED.stale, false), hostProbe(SEED.stale, false, '1.1.1.1:443')],
  });
}

export function utun3(): NetInterface {
  return netIf('utun3', [inet('10.8.0.6', 32, { peer: '10.8.0.6' })], {
    flags: ['UP', 'POINTOPOINT', 'RUNNING', 'MULTICAST'],
    pointToPoint: true,
  });
}

/** A VPN holds the default; en0 keeps a scoped default (`UGScIg`). en0 has one DHCP address. */
export function fullTunnelVpn(vmTargetsOk: boolean | null = null): Snapshot {
  const targets = vmTargetsOk === null ? [] : [vmTarget('registry-1.docker.io:443', vmTargetsOk)];
  return seedSnapshot({
    interfaces: [...seedInterfaces([inet(SEED.dhcp, 16)]), utun3()],
    routes: [
      route('default', '10.8.0.1', 'utun3', { flags: ['U', 'G', 'S', 'c'] }),
      scopedDefault(SEED.gateway, 'en0'),
      ...seedRoutes().slice(1),
    ],
    vm: vmRunning(vmProbe({ targets })),
    hostProbes: [hostProbe(SEED.dhcp, true)],
  });
}

export function splitVpn(): Snapshot {
  return seedSnapshot({
    interfaces: [...seedInterfaces([inet(SEED.dhcp, 16)]), utun3()],
    routes: [route('0/1', '10.8.0.1', 'utun3'), route('128.0/1', '10.8.0.1', 'utun3'), ...seedRoutes()],
    hostProbes: [hostProbe(SEED.dhcp, true)],
  });
}

/** Parallels owns bridge100; minikube's VM hangs on bridge101. */
export function twoBridges(): Snapshot {
  return seedSnapshot({
    interfaces: [
      loopback(),
      en0([inet(SEED.dhcp, 16)]),
      netIf('bridge100', [inet('10.211.55.2', 24)], { members: ['vmenet0', 'vmenet2'] }),
      netIf('bridge101', [inet(SEED.bridge, 24)], { members: ['vmenet3'] }),
    ],
    hostProbes: [hostProbe(SEED.dhcp, true)],
  });
}

export function vmGatewayOnNoInterface(): Snapshot {
  return seedSnapshot({
    interfaces: [loopback(), en0([inet(SEED.dhcp, 16)])],
    vm: vmRunning(vmProbe({ targets: [vmTarget('registry-1.docker.io:443', false, 'no route to host')] })),
    hostProbes: [hostProbe(SEED.dhcp, true)],
  });
}

export function healthyWith(vm: VmObservation | null): Snapshot {
  return healthySnapshot({ vm });
}

export function vmDnsFailure(): Snapshot {
  return healthyWith(
    vmRunning(
      vmProbe({
        routes: [route('default', '192.168.64.1', 'eth0', { metric: 1024 })],
        nameservers: ['192.168.64.1'],
        dns: dnsFailed(),
        targets: [vmTarget('1.1.1.1:443', true)],
      }),
    ),
  );
}

export function vmInternetUnreachable(): Snapshot {
  return healthyWith(
    vmRunning(
      vmProbe({
        routes: [route('default', '192.168.64.1', 'eth0', { metric: 1024 })],
        nameservers: ['192.168.64.1'],
        targets: [vmTarget('registry-1.docker.io:443', false), vmTarget('1.1.1.1:443', false, 'no route to host')],
      }),
    ),
  );
}

export function hostInternetUnreachable(): Snapshot {
  return healthySnapshot({
    hostProbes: [
      hostProbe('192.168.1.20', false, 'registry-1.docker.io:443'),
      hostProbe('192.168.1.20', false, '1.1.1.1:443', 'ENETUNREACH'),
    ],
  });
}

export function unparseableInputs(): Snapshot {
  return healthySnapshot({
    inputs: [
      { source: 'netstat-rn.txt', problem: 'unparseable', detail: 'no "Internet:" section' },
      { source: 'probes.json', problem: 'missing', detail: 'not in the bundle' },
      { source: 'ifconfig.txt', problem: 'refused', detail: '9437184 bytes, over the 8 MiB limit' },
    ],
  });
}

export function noDefaultRoute(): Snapshot {
  return seedSnapshot({
    routes: [scopedDefault(SEED.gateway, 'en0'), route('172.2/16', null, 'en0')],
    hostProbes: null,
  });
}

/** Every named case, for properties that must hold whatever the machine looks like. */
export const SCENARIOS: Record<string, () => Snapshot> = {
  seed: () => seedSnapshot(),
  healthy: () => healthySnapshot(),
  secondAddedAfterDhcp,
  noLeaseCollected,
  noDhcpOnInterface,
  staleFromOtherSubnet,
  probeEvidenceOnly,
  conflictingEvidence,
  staleWithConflictElsewhere,
  onlyAddressFailing,
  fullTunnelVpn: () => fullTunnelVpn(),
  fullTunnelVpnVmFailing: () => fullTunnelVpn(false),
  splitVpn,
  twoBridges,
  vmGatewayOnNoInterface,
  minikubeNotInstalled: () => healthyWith(vmState(null, { availability: 'not-installed' })),
  minikubeTimeout: () => healthyWith(vmState(null, { availability: 'timeout' })),
  vmStopped: () => healthyWith(vmState('Stopped')),
  vmProbeFailed: () => healthyWith(vmState('Running', { probeError: 'ssh: handshake failed: EOF' })),
  vmDnsFailure,
  vmInternetUnreachable,
  hostInternetUnreachable,
  unparseableInputs,
  noDefaultRoute,
  allNull: () => emptySnapshot(),
  allNullLinux: () => emptySnapshot('linux'),
  linux: () => linuxSnapshot(),
};

/** A rule applied as diagnose() applies it: to the facts derived from a snapshot. */
export function evaluatorFor(rule: Rule): (snapshot: Snapshot) => Finding | null {
  return (snapshot) => rule.evaluate(deriveFacts(snapshot));
}

// Several VMs (the multi-VM diagnosis): the seed VM failing its probes, a Lima guest on user-mode networking.
/** A Lima guest on its default user-mode network (slirp): gateway 192.168.5.2, no host bridge. */
export function limaUserMode(targetsOk = true): VmObservation {
  const listing: VmListing = {
    provider: 'lima',
    name: 'default',
    state: 'running',
    rawState: 'Running',
    ips: [],
    driver: 'qemu',
    network: 'user-mode',
    networkEvidence: ['no vzNAT or socket_vmnet network in the instance'],
  };
  return vmRunning(
    vmProbe({
      routes: [route('default', '192.168.5.2', 'eth0', { prefsrc: '192.168.5.15', metric: 200 })],
      targets: [vmTarget(SEED.target, targetsOk)],
    }),
    { provider: 'lima', profile: 'default', listing },
  );
}

export const seedVmFailing = (): VmObservation => vmRunning(vmProbe({ targets: [vmTarget(SEED.target, false)] }));

/** The snapshot with these VMs observed, the first as its `vm`. */
export const withVms = (snapshot: Snapshot, vms: VmObservation[]): Snapshot => ({ ...snapshot, vm: vms[0]!, vms });
