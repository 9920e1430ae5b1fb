import { deriveFacts } from '@src/shared/diagnosis/facts';
import { buildHops, verdictOf } from '@src/shared/diagnosis/hops';
import type { Hop, HopId, Light, Snapshot } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import {
  dnsFailed,
  emptySnapshot,
  en0,
  healthySnapshot,
  hostProbe,
  inet,
  lease,
  loopback,
  netIf,
  route,
  SEED,
  scopedDefault,
  seedBridge,
  seedInterfaces,
  seedRoutes,
  seedSnapshot,
  vmProbe,
  vmRunning,
  vmState,
  vmTarget,
} from './snapshot-builder';

function hop(snapshot: Snapshot, id: HopId): Hop {
  const found = buildHops(deriveFacts(snapshot)).find((h) => h.id === id);
  if (!found) throw new Error(`no ${id} hop`);
  return found;
}

const light = (snapshot: Snapshot, id: HopId): Light => hop(snapshot, id).light;

describe('buildHops', () => {
  it('always gives the six hops in path order', () => {
    for (const snapshot of [healthySnapshot(), seedSnapshot(), emptySnapshot(), emptySnapshot('linux')]) {
      expect(buildHops(deriveFacts(snapshot)).map((h) => h.id)).toEqual([
        'vm',
        'bridge',
        'nat',
        'egress',
        'gateway',
        'internet',
      ]);
    }
  });

  it('names the real things on a healthy machine, all green', () => {
    expect(buildHops(deriveFacts(healthySnapshot()))).toEqual([
      {
        id: 'vm',
        light: 'green',
        summary:
          'VM Running, default via 192.168.64.1 on eth0, reaches 2/2 probe targets, DNS resolves registry-1.docker.io',
        onPath: true,
      },
      { id: 'bridge', light: 'green', summary: 'bridge100 holds 192.168.64.1 (members vmenet0)', onPath: true },
      { id: 'nat', light: 'green', summary: 'NAT translates to 192.168.1.20 — the DHCP address', onPath: true },
      { id: 'egress', light: 'green', summary: 'en0 has one IPv4 address, 192.168.1.20/24', onPath: true },
      { id: 'gateway', light: 'green', summary: 'default via 192.168.1.1 on en0', onPath: true },
      { id: 'internet', light: 'green', summary: 'the host reaches 2/2 probe targets', onPath: true },
    ]);
  });

  it('shows the seed case: the NAT hop red on the stale address, egress yellow', () => {
    const hops = buildHops(deriveFacts(seedSnapshot()));
    expect(hops.map((h) => [h.id, h.light, h.summary])).toEqual([
      ['vm', 'green', 'VM Running, default via 192.168.77.1 on eth0, DNS resolves registry-1.docker.io'],
      ['bridge', 'green', 'bridge100 holds 192.168.77.1 (members vmenet0, vmenet1)'],
      ['nat', 'red', 'NAT translates to 172.2.9.61 — a stale address'],
      ['egress', 'yellow', 'en0 has 2 IPv4 addresses'],
      ['gateway', 'green', 'default via 172.2.2.2 on en0'],
      ['internet', 'green', 'the host reaches 1/1 probe targets'],
    ]);
  });
});

describe('vm hop', () => {
  it.each([
    [null, 'unknown', 'no minikube data'],
    [vmState(null, { availability: 'not-installed' }), 'unknown', 'minikube not found on PATH'],
    [vmState(null, { availability: 'timeout' }), 'yellow', 'minikube did not answer in time'],
    [vmState('Stopped'), 'yellow', 'minikube says the VM is Stopped: nothing inside it was checked'],
    [vmState('Running'), 'unknown', 'the VM is Running; nothing was probed inside it'],
  ] as const)('%j → %s', (vm, expected, summary) => {
    expect(hop(seedSnapshot({ vm }), 'vm')).toMatchObject({ light: expected, summary });
  });

  it('is red when the VM has no default route', () => {
    const vm = vmRunning(vmProbe({ routes: [route('172.17.0.0/16', null, 'docker0')] }));
    expect(hop(seedSnapshot({ vm }), 'vm')).toMatchObject({ light: 'red', summary: 'the VM has no default route' });
  });

  it('is red when none of its targets answer, naming every red reason', () => {
    const vm = vmRunning(vmProbe({ targets: [vmTarget('1.1.1.1:443', false)], dns: dnsFailed() }));
    expect(hop(seedSnapshot({ vm }), 'vm')).toMatchObject({
      light: 'red',
      summary:
        'the VM cannot reach its probe target 1.1.1.1:443; DNS lookup of registry-1.docker.io fails inside the VM',
    });
  });

  it('is unknown when the probe reported nothing usable', () => {
    const vm = vmRunning({ routes: null, nameservers: null, dns: null, targets: [] });
    expect(light(seedSnapshot({ vm }), 'vm')).toBe('unknown');
  });
});

describe('bridge hop', () => {
  it('is unknown when the VM gateway is unknown, and names the vmnet bridges the host has', () => {
    // No VM tool answered (or one Bridgelight does not know): the host's bridges are still its NAT paths.
    expect(hop(seedSnapshot({ vm: null }), 'bridge')).toMatchObject({
      light: 'unknown',
      summary:
        "the VM's gateway is unknown; vmnet bridges on this host: bridge100 192.168.77.1/24 (members vmenet0, vmenet1)",
    });
    const noBridge = seedInterfaces().filter((iface) => iface.name !== 'bridge100');
    expect(hop(seedSnapshot({ vm: null, interfaces: noBridge }), 'bridge').summary).toBe("the VM's gateway is unknown");
  });

  it('is unknown when host interfaces were not collected', () => {
    expect(light(seedSnapshot({ interfaces: null }), 'bridge')).toBe('unknown');
  });

  it('is red when no host interface holds the VM gateway', () => {
    const interfaces = [loopback(), en0([inet(SEED.dhcp, 16)])];
    expect(hop(seedSnapshot({ interfaces }), 'bridge')).toMatchObject({
      light: 'red',
      summary: "no host interface holds the VM's gateway 192.168.77.1",
    });
  });

  it('is unknown when the VM reaches the internet without a host bridge (user-mode networking)', () => {
    const vm = vmRunning(
      vmProbe({ routes: [route('default', '10.0.2.2', 'eth0')], targets: [vmTarget('1.1.1.1:443', true)] }),
    );
    expect(light(seedSnapshot({ vm }), 'bridge')).toBe('unknown');
  });
});

describe('nat hop', () => {
  it('is yellow when NAT uses one of several addresses whose role is unknown', () => {
    expect(hop(seedSnapshot({ leases: null, hostProbes: null }), 'nat')).toMatchObject({
      light: 'yellow',
      summary: "NAT translates to 172.2.9.61 — which of en0's 2 addresses is live can't be told",
    });
  });

  it('is green for the only address even when its role is unknown', () => {
    const interfaces = seedInterfaces([inet(SEED.dhcp, 16)]);
    expect(hop(seedSnapshot({ interfaces, leases: null }), 'nat')).toMatchObject({
      light: 'green',
      summary: "NAT translates to 172.2.3.10, en0's only IPv4 address",
    });
  });

  it('is green for a static address', () => {
    const interfaces = seedInterfaces([inet(SEED.dhcp, 16)]);
    expect(light(seedSnapshot({ interfaces, leases: { en0: null } }), 'nat')).toBe('green');
  });

  it('is red when NAT would translate to a link-local address', () => {
    const interfaces = seedInterfaces([inet('169.254.10.20', 16), inet(SEED.dhcp, 16)]);
    expect(light(seedSnapshot({ interfaces }), 'nat')).toBe('red');
  });

  it('is yellow for a VPN while the VM works, red once the VM fails', () => {
    const routes = [route('default', '10.8.0.1', 'utun3'), scopedDefault(SEED.gateway, 'en0')];
    const single = { interfaces: seedInterfaces([inet(SEED.dhcp, 16)]), routes };
    expect(light(seedSnapshot(single), 'nat')).toBe('yellow');
    const failing = vmRunning(vmProbe({ targets: [vmTarget('1.1.1.1:443', false)] }));
    expect(hop(seedSnapshot({ ...single, vm: failing }), 'nat')).toMatchObject({
      light: 'red',
      summary: 'VM traffic routed into utun3 (VPN) leaves un-NATed',
    });
  });

  it('is red when the egress interface has no IPv4 address', () => {
    expect(light(seedSnapshot({ interfaces: seedInterfaces([]) }), 'nat')).toBe('red');
  });

  it('is unknown without an egress interface', () => {
    expect(light(emptySnapshot(), 'nat')).toBe('unknown');
  });
});

describe('egress hop', () => {
  it('is red when en0 is down', () => {
    const interfaces = [loopback(), en0([inet(SEED.dhcp, 16)], { up: false }), seedBridge()];
    expect(hop(seedSnapshot({ interfaces }), 'egress')).toMatchObject({ light: 'red', summary: 'en0 is down' });
  });

  it('is red with no IPv4 address, or only a link-local one', () => {
    expect(light(seedSnapshot({ interfaces: seedInterfaces([]) }), 'egress')).toBe('red');
    const linkLocal = seedInterfaces([inet('169.254.10.20', 16)]);
    expect(hop(seedSnapshot({ interfaces: linkLocal }), 'egress').summary).toBe(
      'en0 has only a link-local address (169.254.10.20): DHCP got no answer',
    );
  });

  it('is unknown when en0 is not among the collected interfaces', () => {
    expect(light(seedSnapshot({ interfaces: [loopback(), seedBridge()] }), 'egress')).toBe('unknown');
  });
});

describe('gateway hop', () => {
  it('is red without any default route', () => {
    expect(hop(seedSnapshot({ routes: [route('172.2/16', null, 'en0')] }), 'gateway')).toMatchObject({
      light: 'red',
      summary: 'no default route',
    });
  });

  it('is unknown when routes were not collected', () => {
    expect(light(seedSnapshot({ routes: null }), 'gateway')).toBe('unknown');
  });

  it('is yellow for a gateway outside every en0 subnet with no probe through it', () => {
    const snapshot = healthySnapshot({
      routes: [route('default', '10.9.9.1', 'en0')],
      defaultRoute: null,
      hostProbes: null,
    });
    expect(hop(snapshot, 'gateway')).toMatchObject({
      light: 'yellow',
      summary: 'default via 10.9.9.1 on en0, outside every subnet of en0',
    });
  });

  it('is green for such a gateway once a probe through it answered', () => {
    const snapshot = healthySnapshot({ routes: [route('default', '10.9.9.1', 'en0')], defaultRoute: null });
    expect(light(snapshot, 'gateway')).toBe('green');
  });

  it("names the VPN and en0's own gateway under a full tunnel", () => {
    const routes = [
      route('default', '10.8.0.1', 'utun3'),
      scopedDefault(SEED.gateway, 'en0'),
      ...seedRoutes().slice(1),
    ];
    expect(hop(seedSnapshot({ routes }), 'gateway')).toMatchObject({
      light: 'green',
      summary: "default via utun3 (VPN); en0's gateway 172.2.2.2",
    });
  });
});

describe('internet hop', () => {
  it('is red when the host probes all failed, even if the VM got through', () => {
    const snapshot = healthySnapshot({ hostProbes: [hostProbe('192.168.1.20', false)] });
    expect(hop(snapshot, 'internet')).toMatchObject({
      light: 'red',
      summary: 'the host cannot reach its probe target 198.51.100.10:443',
    });
  });

  it('is green from the VM probes when the host was not probed', () => {
    expect(hop(healthySnapshot({ hostProbes: null }), 'internet')).toMatchObject({
      light: 'green',
      summary: 'the VM reaches 2/2 probe targets',
    });
  });

  it('is unknown when nothing was probed', () => {
    expect(hop(seedSnapshot({ hostProbes: [] }), 'internet')).toMatchObject({
      light: 'unknown',
      summary: 'nothing was probed',
    });
  });
});

describe('verdictOf', () => {
  const hops = (...lights: Light[]): Hop[] =>
    lights.map((l, i) => ({ id: 'vm', light: l, summary: String(i), onPath: true }));
  const offPath = (light: Light): Hop => ({ id: 'nat', light, summary: 'user-mode network', onPath: false });

  it('is the worst known light', () => {
    expect(verdictOf(hops('green', 'yellow', 'green'))).toBe('yellow');
    expect(verdictOf(hops('yellow', 'red', 'green'))).toBe('red');
    expect(verdictOf(hops('green', 'green'))).toBe('green');
  });

  it('is never green with an unknown hop on the path: unknown unless a known hop is yellow or red', () => {
    expect(verdictOf(hops('unknown', 'green', 'unknown'))).toBe('unknown');
    expect(verdictOf(hops('green', 'unknown'))).toBe('unknown');
    expect(verdictOf(hops('unknown', 'yellow'))).toBe('yellow');
    expect(verdictOf(hops('red', 'unknown'))).toBe('red');
    expect(verdictOf(hops('unknown', 'unknown'))).toBe('unknown');
    expect(verdictOf([])).toBe('unknown');
  });

  it('skips hops that are not on the path, whatever their light', () => {
    expect(verdictOf([...hops('green', 'green'), offPath('unknown')])).toBe('green');
    expect(verdictOf([...hops('green'), offPath('red')])).toBe('green');
    expect(verdictOf([offPath('green')])).toBe('unknown');
  });
});

describe('leases and hops together', () => {
  it('keeps NAT green when the second address was added after the DHCP one', () => {
    const interfaces = seedInterfaces([inet(SEED.dhcp, 16), inet('172.2.200.5', 16)]);
    const snapshot = seedSnapshot({ interfaces, leases: { en0: lease('en0', SEED.dhcp) }, hostProbes: null });
    expect(hop(snapshot, 'nat')).toMatchObject({
      light: 'green',
      summary: 'NAT translates to 172.2.3.10 — the DHCP address',
    });
    expect(light(snapshot, 'egress')).toBe('yellow');
  });

  it('hop colours are unaffected by netIf order beyond en0 (the bridge is found by address)', () => {
    const interfaces = [netIf('vmenet0', []), seedBridge(), en0([inet(SEED.dhcp, 16)]), loopback()];
    expect(light(seedSnapshot({ interfaces }), 'bridge')).toBe('green');
  });
});
