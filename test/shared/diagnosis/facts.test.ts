import { deriveFacts, normaliseCidr } from '@src/shared/diagnosis/facts';
import { isTunnelName } from '@src/shared/names';
import { describe, expect, it } from 'vitest';
import {
  emptySnapshot,
  en0,
  hostProbe,
  inet,
  LINUX,
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
  seedVmRoutes,
  vmProbe,
  vmRunning,
  vmState,
} from './snapshot-builder';

describe('deriveFacts: default route and egress', () => {
  it('takes the non-scoped default from the routing table when route get was not collected', () => {
    const facts = deriveFacts(seedSnapshot());
    expect(facts.defaultRoute).toEqual({
      interface: 'en0',
      gateway: SEED.gateway,
      seen: 'default 172.2.2.2 UGScg en0',
      viaTunnel: false,
    });
    expect(facts.egress).toMatchObject({ name: 'en0', gateway: SEED.gateway });
  });

  it('prefers `route get default` when present', () => {
    const facts = deriveFacts(seedSnapshot({ defaultRoute: lookup('172.2.2.3', 'en0') }));
    expect(facts.defaultRoute?.gateway).toBe('172.2.2.3');
    expect(facts.defaultRoute?.seen).toBe('route get default: gateway 172.2.2.3, interface en0');
  });

  it('ignores scoped defaults (bridge100 link#20 UCSIg) when looking for the default route', () => {
    const facts = deriveFacts(
      seedSnapshot({ routes: [scopedDefault(null, 'bridge100'), netstatDefault(SEED.gateway, 'en0')] }),
    );
    expect(facts.defaultRoute?.interface).toBe('en0');
  });

  it('takes the lowest metric default on Linux', () => {
    const routes = [
      route('default', '10.0.0.1', 'wlan0', { metric: 600 }),
      route('default', LINUX.gateway, 'en0', { metric: 100 }),
    ];
    expect(deriveFacts(linuxSnapshot({ routes })).defaultRoute?.interface).toBe('en0');
  });

  it('has no default route and no egress when the table has none', () => {
    const facts = deriveFacts(seedSnapshot({ routes: [route('172.2/16', null, 'en0')] }));
    expect(facts).toMatchObject({ routesKnown: true, defaultRoute: null, egress: null, vpn: null });
  });

  it('keeps the scoped defaults for evidence', () => {
    expect(deriveFacts(seedSnapshot()).scopedDefaults).toEqual(['default (on-link) UCSIg bridge100']);
  });
});

describe('deriveFacts: NAT source', () => {
  it('is the first IPv4 on en0 on macOS, whatever its role', () => {
    const facts = deriveFacts(seedSnapshot());
    expect(facts.egress?.natSource?.address).toBe(SEED.stale);
    expect(facts.egress?.natSourceNote).toBe('listed first: vmnet NAT translates to it');
  });

  it('is the primary address in the gateway subnet on Linux, ignoring the route src', () => {
    const facts = deriveFacts(linuxSnapshot());
    expect(facts.egress?.natSource?.address).toBe(LINUX.stale);
    expect(facts.egress?.natSourceNote).toBe("primary address in the gateway's subnet: MASQUERADE translates to it");
  });

  it('falls back to the first primary on Linux when no primary subnet has the gateway', () => {
    const interfaces = [
      netIf('en0', [
        inet('10.1.1.5', 24, { validLifetime: null }),
        inet(LINUX.good, 24, { validLifetime: 86000, dynamic: true, secondary: true }),
      ]),
    ];
    const facts = deriveFacts(linuxSnapshot({ interfaces }));
    expect(facts.egress?.natSource?.address).toBe('10.1.1.5');
    expect(facts.egress?.natSourceNote).toBe('first primary address: MASQUERADE translates to it');
  });

  it('is unknown when the interfaces were not collected', () => {
    const facts = deriveFacts(seedSnapshot({ interfaces: null }));
    expect(facts.egress).toMatchObject({ name: 'en0', iface: null, addresses: [], natSource: null });
  });
});

describe('deriveFacts: VPN', () => {
  const utun = netIf('utun3', [inet('10.8.0.6', 32, { peer: '10.8.0.6' })], { pointToPoint: true });

  it('sees a full tunnel and picks en0 by its scoped default as the NAT interface', () => {
    const facts = deriveFacts(
      seedSnapshot({
        interfaces: [...seedInterfaces(), utun],
        routes: [
          route('default', '10.8.0.1', 'utun3', { flags: ['U', 'G', 'S', 'c'] }),
          scopedDefault(SEED.gateway, 'en0'),
          ...seedRoutes().slice(1),
        ],
      }),
    );
    expect(facts.vpn).toEqual({ kind: 'full', tunnel: 'utun3', routes: ['default 10.8.0.1 UGSc utun3'] });
    expect(facts.egress).toMatchObject({
      name: 'en0',
      gateway: SEED.gateway,
      chosenBecause: 'default 172.2.2.2 UGScIg en0',
    });
    expect(facts.egress?.natSource?.address).toBe(SEED.stale);
  });

  it('falls back to the first real interface with a gatewayed route when there is no scoped default', () => {
    const facts = deriveFacts(
      seedSnapshot({
        interfaces: [loopback(), seedBridge(), en0([inet(SEED.dhcp, 16)]), utun],
        defaultRoute: lookup(null, 'utun3'),
        routes: [route('10.0.0.0/8', SEED.gateway, 'en0')],
      }),
    );
    expect(facts.vpn?.kind).toBe('full');
    expect(facts.egress).toMatchObject({ name: 'en0', gateway: SEED.gateway });
  });

  it('never takes the VM bridge or a tunnel as the physical interface', () => {
    const facts = deriveFacts(
      seedSnapshot({
        interfaces: [loopback(), seedBridge(), utun],
        defaultRoute: lookup(null, 'utun3'),
        routes: [route('10.0.0.0/8', '10.8.0.1', 'utun3'), route('192.168.78.0/24', SEED.bridge, 'bridge100')],
      }),
    );
    expect(facts.vpn?.tunnel).toBe('utun3');
    expect(facts.egress).toBeNull();
  });

  it('sees split routes 0/1 + 128.0/1 through a tunnel, and keeps en0 as egress', () => {
    const facts = deriveFacts(
      seedSnapshot({
        routes: [route('0/1', '10.8.0.1', 'utun3'), route('128.0/1', '10.8.0.1', 'utun3'), ...seedRoutes()],
      }),
    );
    expect(facts.vpn).toEqual({
      kind: 'split',
      tunnel: 'utun3',
      routes: ['0/1 10.8.0.1 utun3', '128.0/1 10.8.0.1 utun3'],
    });
    expect(facts.egress?.name).toBe('en0');
  });

  it('does not call split routes through a physical interface a VPN', () => {
    const facts = deriveFacts(
      seedSnapshot({
        routes: [route('0.0.0.0/1', '10.0.0.1', 'en1'), route('128.0.0.0/1', '10.0.0.1', 'en1'), ...seedRoutes()],
      }),
    );
    expect(facts.vpn).toBeNull();
  });

  it('recognises the tunnel interface names VPN clients use', () => {
    expect(['utun3', 'ipsec0', 'ppp0', 'tun0', 'wg0', 'gpd0'].every(isTunnelName)).toBe(true);
    expect(['en0', 'bridge100', 'eth0', 'vmenet0'].some(isTunnelName)).toBe(false);
  });
});

describe('deriveFacts: VM and bridge', () => {
  it('takes the VM gateway from its default route and finds the host interface holding it', () => {
    const facts = deriveFacts(seedSnapshot());
    expect(facts.vm).toMatchObject({ status: 'probed', gateway: SEED.bridge });
    expect(facts.bridge?.iface.name).toBe('bridge100');
    expect(facts.bridge?.address).toBe(SEED.bridge);
  });

  it('picks the bridge holding the VM gateway, not the first bridge', () => {
    const parallels = netIf('bridge100', [inet('10.211.55.2', 24)], { members: ['vmenet0', 'vmenet2'] });
    const minikube = netIf('bridge101', [inet(SEED.bridge, 24)], { members: ['vmenet3'] });
    const facts = deriveFacts(
      seedSnapshot({ interfaces: [loopback(), en0([inet(SEED.dhcp, 16)]), parallels, minikube] }),
    );
    expect(facts.bridge?.iface.name).toBe('bridge101');
  });

  it('uses the lowest-metric default when the VM has two', () => {
    const routes = [route('default', '10.0.2.2', 'eth1', { metric: 200 }), ...seedVmRoutes()];
    routes[1] = route('default', SEED.bridge, 'eth0', { metric: 100 });
    expect(deriveFacts(seedSnapshot({ vm: vmRunning(vmProbe({ routes })) })).vm.gateway).toBe(SEED.bridge);
  });

  it('ignores a probe reported for a VM minikube says is stopped', () => {
    const facts = deriveFacts(seedSnapshot({ vm: vmState('Stopped', { probe: vmProbe() }) }));
    expect(facts.vm).toMatchObject({ status: 'not-running', gateway: null, routes: null });
    expect(facts.bridge).toBeNull();
  });

  it.each([
    [vmState(null, { availability: 'not-installed' }), 'not-installed'],
    [vmState(null, { availability: 'timeout' }), 'unresponsive'],
    [vmState('Running', { availability: 'failed' }), 'unresponsive'],
    [vmState('Paused'), 'not-running'],
    [vmState('Running', { probeError: 'ssh: handshake failed' }), 'probe-failed'],
    [vmState('Running'), 'no-probe'],
    [null, 'no-data'],
  ] as const)('classifies %j as %s', (vm, status) => {
    expect(deriveFacts(seedSnapshot({ vm })).vm.status).toBe(status);
  });
});

describe('deriveFacts: probes and inputs', () => {
  it('summarises host probes', () => {
    expect(deriveFacts(seedSnapshot()).host).toEqual({ count: 2, anyOk: true, allFailed: false });
    const failing = deriveFacts(seedSnapshot({ hostProbes: [hostProbe(SEED.dhcp, false)] }));
    expect(failing.host).toEqual({ count: 1, anyOk: false, allFailed: true });
    expect(deriveFacts(seedSnapshot({ hostProbes: [] })).host.allFailed).toBe(false);
  });

  it('keeps only inputs that were there but unreadable', () => {
    const facts = deriveFacts(
      seedSnapshot({
        inputs: [
          { source: 'ifconfig.txt', problem: 'unparseable', detail: 'no interface header' },
          { source: 'probes.json', problem: 'missing', detail: 'not in bundle' },
          { source: 'netstat-rn.txt', problem: 'refused', detail: '9 MiB' },
        ],
      }),
    );
    expect(facts.unreadableInputs.map((n) => n.source)).toEqual(['ifconfig.txt', 'netstat-rn.txt']);
  });

  it('derives facts from an all-null snapshot without throwing', () => {
    const facts = deriveFacts(emptySnapshot());
    expect(facts).toMatchObject({ routesKnown: false, interfacesKnown: false, egress: null, bridge: null, vpn: null });
    expect(facts.vm.status).toBe('no-data');
  });
});

describe('normaliseCidr', () => {
  it('fills in the octets netstat leaves out', () => {
    expect(normaliseCidr('0/1')).toBe('0.0.0.0/1');
    expect(normaliseCidr('128.0/1')).toBe('128.0.0.0/1');
    expect(normaliseCidr('0.0.0.0/1')).toBe('0.0.0.0/1');
    expect(normaliseCidr('default')).toBe('default');
  });
});
