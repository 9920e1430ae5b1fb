// The macOS host commands (absolute paths, the host timeout), which interfaces' leases and addresses count as
// egress (the default route's and each physical one holding a scoped default), and when host probes run at all.
import {
  assembleSnapshot,
  type CollectOptions,
  type CollectPorts,
  collectHost,
  collectHostProbes,
  type HostPart,
  NO_EVIDENCE,
  probeSources,
} from '@src/node/collect';
import type { CommandSpec } from '@src/shared/command';
import type { NetInterface, Route } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const options = (extra: Partial<CollectOptions> = {}): CollectOptions => ({
  platform: 'darwin',
  profile: null,
  probeTargets: [],
  dnsName: 'example.com',
  probe: false,
  ...extra,
});

const iface = (name: string, ...addresses: string[]): NetInterface => ({
  name,
  flags: ['UP', 'RUNNING'],
  up: true,
  running: true,
  pointToPoint: false,
  ipv4: addresses.map((address) => ({ address, prefixLength: 24 })),
  members: [],
});

const defaultVia = (name: string, gateway: string | null = '192.0.2.1'): Route => ({
  destination: 'default',
  gateway,
  interface: name,
  flags: ['UG'],
  scoped: true,
});

const host = (interfaces: NetInterface[], routes: Route[], defaultInterface: string | null = 'en0'): HostPart => ({
  interfaces,
  routes,
  defaultRoute:
    defaultInterface === null
      ? null
      : { destination: 'default', gateway: '192.0.2.1', interface: defaultInterface, flags: ['UP', 'GATEWAY'] },
  leases: null,
});

describe('the macOS host commands', () => {
  it('runs ifconfig, netstat and route by absolute path, each with the host timeout', async () => {
    const specs: CommandSpec[] = [];
    const ports: CollectPorts = {
      runner: {
        run: async (spec) => {
          specs.push(spec);
          return commandResult({ outcome: 'missing', exitCode: null });
        },
      },
      prober: { probe: async () => null },
    };
    await collectHost(ports, options({ timeouts: { hostCommandMs: 1_234 } }));
    expect([...specs].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'ifconfig.txt', argv: ['/sbin/ifconfig', '-a'], timeoutMs: 1_234 },
      { key: 'netstat-rn.txt', argv: ['/usr/sbin/netstat', '-rn'], timeoutMs: 1_234 },
      { key: 'route-get-default.txt', argv: ['/sbin/route', '-n', 'get', 'default'], timeoutMs: 1_234 },
    ]);
  });
});

describe('egress interfaces (whose addresses are probed from)', () => {
  it('adds a physical interface holding a scoped default route to the default route’s', () => {
    const both = host([iface('en0', '192.0.2.10'), iface('en7', '198.51.100.7')], [defaultVia('en7')]);
    expect(probeSources(both)).toEqual(['192.0.2.10', '198.51.100.7']);
    // Without the routes only the default route's interface counts.
    expect(probeSources({ ...both, routes: null })).toEqual(['192.0.2.10']);
  });

  it('leaves out a default through a tunnel, a default with no gateway, and a route that is not a default', () => {
    const interfaces = [iface('en0', '192.0.2.10'), iface('utun4', '10.8.0.2'), iface('en5', '198.51.100.5')];
    const routes: Route[] = [
      defaultVia('utun4'),
      defaultVia('en5', null),
      { destination: '203.0.113.0/24', gateway: '192.0.2.1', interface: 'en5', flags: ['UG'], scoped: false },
    ];
    expect(probeSources(host(interfaces, routes))).toEqual(['192.0.2.10']);
  });

  it('takes only names that are interface names, and at most four interfaces', () => {
    const names = ['en1', 'en2', 'en3', 'en4', 'en5'];
    const interfaces = names.map((name, i) => iface(name, `198.51.100.${i + 1}`));
    const routes = names.map((name) => defaultVia(name));
    expect(probeSources(host(interfaces, routes, null))).toEqual([
      '198.51.100.1',
      '198.51.100.2',
      '198.51.100.3',
      '198.51.100.4',
    ]);
    const odd = { ...iface('EN0;x', '203.0.113.9') };
    expect(probeSources(host([odd], [defaultVia('EN0;x')], null))).toEqual([]);
  });

  it('lists an address once, and at most eight', () => {
    const many = Array.from({ length: 10 }, (_, i) => `198.51.100.${i + 1}`);
    const shared = host([iface('en0', ...many.slice(0, 5)), iface('en1', ...many.slice(3))], [defaultVia('en1')]);
    expect(probeSources(shared)).toEqual(many.slice(0, 8));
  });
});

describe('host probes', () => {
  const probing = () => {
    const asked: { sources: string[]; targets: string[]; timeoutMs: number }[] = [];
    const ports: CollectPorts = {
      runner: { run: () => Promise.reject(new Error('probing runs no command')) },
      prober: {
        probe: async (sources, targets, timeoutMs) => {
          asked.push({ sources, targets: [...targets], timeoutMs });
          return [];
        },
      },
    };
    return { asked, ports };
  };
  const one = host([iface('en0', '192.0.2.10')], []);

  it('run only when asked for and given targets', async () => {
    const { asked, ports } = probing();
    expect(
      await collectHostProbes(ports, options({ probe: false, probeTargets: ['198.51.100.1:443'] }), one),
    ).toBeNull();
    expect(await collectHostProbes(ports, options({ probe: true, probeTargets: [] }), one)).toBeNull();
    expect(asked).toEqual([]);
  });

  it('use the probe timeout: 1.5 s unless set', async () => {
    const { asked, ports } = probing();
    await collectHostProbes(ports, options({ probe: true, probeTargets: ['198.51.100.1:443'] }), one);
    await collectHostProbes(
      ports,
      options({ probe: true, probeTargets: ['198.51.100.1:443'], timeouts: { probeMs: 400 } }),
      one,
    );
    expect(asked).toEqual([
      { sources: ['192.0.2.10'], targets: ['198.51.100.1:443'], timeoutMs: 1_500 },
      { sources: ['192.0.2.10'], targets: ['198.51.100.1:443'], timeoutMs: 400 },
    ]);
  });
});

describe('the assembled Snapshot', () => {
  it('has no `vms` and no `hostContext` when nothing was observed', () => {
    const snapshot = assembleSnapshot('darwin', new Date('2026-01-01T00:00:00Z'), NO_EVIDENCE);
    expect(snapshot).not.toHaveProperty('vms');
    expect(snapshot).not.toHaveProperty('hostContext');
    expect(snapshot.vm).toBeNull();
  });

  it('carries the host context and its notes when collected', () => {
    const context = { mtus: { en0: 1500 }, resolvers: null, proxies: [], internalLookup: null };
    const note = {
      source: 'scutil-dns.txt',
      problem: 'timeout' as const,
      detail: '/usr/sbin/scutil did not answer within 5 s',
    };
    const snapshot = assembleSnapshot('darwin', new Date('2026-01-01T00:00:00Z'), {
      ...NO_EVIDENCE,
      hostContext: { context, inputs: [note] },
    });
    expect(snapshot.hostContext).toEqual(context);
    expect(snapshot.inputs).toEqual([note]);
  });
});
