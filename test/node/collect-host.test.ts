import { readFileSync } from 'node:fs';
import { type CollectOptions, collectHost, vmDeadlineMs, vmSelectors } from '@src/node/collect';
import type { CommandResult, CommandSpec } from '@src/shared/command';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const ROUTE_GET = fixture('real/route-get/egress-guard-route-get-default-en0.txt');
const GETPACKET = fixture('real/ipconfig-getpacket/old-osx-en0-renewal-ciaddr-set-decimal-xid.txt');

const options = (platform: 'darwin' | 'linux', extra: Partial<CollectOptions> = {}): CollectOptions => ({
  platform,
  profile: null,
  probeTargets: [],
  dnsName: 'example.com',
  probe: false,
  ...extra,
});

function portsOf(answers: Record<string, Partial<CommandResult>>) {
  const specs: CommandSpec[] = [];
  return {
    specs,
    ports: {
      runner: {
        run: async (spec: CommandSpec) => {
          specs.push(spec);
          const answer = answers[spec.key];
          return commandResult(answer ?? { outcome: 'missing', exitCode: null });
        },
      },
      prober: { probe: async () => null },
    },
  };
}

describe('the VM side’s deadline and selection', () => {
  it('lasts one VM’s state and probe one after the other, unless set', () => {
    expect(vmDeadlineMs(options('darwin'))).toBe(30_000);
    expect(vmDeadlineMs(options('darwin', { timeouts: { minikubeSshMs: 5_000 } }))).toBe(15_000);
    expect(vmDeadlineMs(options('darwin', { timeouts: { vmDeadlineMs: 7_000 } }))).toBe(7_000);
  });

  it('takes --vm over --profile, --profile as minikube’s, and else every VM', () => {
    const vms = [{ provider: 'lima' as const, name: 'default' }];
    expect(vmSelectors(options('darwin', { vms, profile: 'dev' }))).toBe(vms);
    expect(vmSelectors(options('darwin', { vms: [], profile: 'dev' }))).toEqual([
      { provider: 'minikube', name: 'dev' },
    ]);
    expect(vmSelectors(options('darwin', { profile: 'dev' }))).toEqual([{ provider: 'minikube', name: 'dev' }]);
    expect(vmSelectors(options('darwin'))).toEqual([]);
  });
});

describe('the Linux host', () => {
  it('reads ip -j addr and route, the default route from the routes, the MTUs from the same listing', async () => {
    const { ports, specs } = portsOf({
      'ip-addr.json': { stdout: fixture('linux/host-ip-j-addr-show.json') },
      'ip-route.json': { stdout: fixture('linux/host-ip-j-route-show.json') },
    });
    const host = await collectHost(ports, options('linux', { timeouts: { hostCommandMs: 1_234 } }));
    expect(specs.map((spec) => [spec.key, spec.argv.slice(1), spec.timeoutMs])).toEqual([
      ['ip-addr.json', ['-j', 'addr', 'show'], 1_234],
      ['ip-route.json', ['-j', 'route', 'show'], 1_234],
    ]);
    expect(specs[0]?.argv[0]).toMatch(/\/ip$/);
    expect(host.defaultRoute).toEqual({ destination: 'default', gateway: '192.0.2.1', interface: 'eth0', flags: [] });
    expect(host.leases).toBeNull();
    expect(host.mtus).toEqual({ lo: 65536, ifb0: 1500, ifb1: 1500, eth0: 1400 });
    expect(host.interfaces?.map((iface) => iface.name)).toEqual(['lo', 'ifb0', 'ifb1', 'eth0']);
    expect(host.inputs).toEqual([]);
  });

  it('takes the default route of the lowest metric, and none without a default', async () => {
    const routes = [
      { dst: 'default', gateway: '192.0.2.1', dev: 'eth0', metric: 600, flags: [] },
      { dst: 'default', gateway: '198.51.100.1', dev: 'wlan0', metric: 100, flags: [] },
      { dst: '192.0.2.0/24', dev: 'eth0', flags: [] },
    ];
    const best = await collectHost(
      portsOf({ 'ip-route.json': { stdout: JSON.stringify(routes) } }).ports,
      options('linux'),
    );
    expect(best.defaultRoute).toMatchObject({ gateway: '198.51.100.1', interface: 'wlan0' });
    const reversed = [...routes].reverse();
    expect(
      (await collectHost(portsOf({ 'ip-route.json': { stdout: JSON.stringify(reversed) } }).ports, options('linux')))
        .defaultRoute,
    ).toMatchObject({ gateway: '198.51.100.1' });
    // No metric counts as 0: the kernel's first choice.
    const unset = [routes[0], { ...routes[1], metric: undefined }];
    expect(
      (await collectHost(portsOf({ 'ip-route.json': { stdout: JSON.stringify(unset) } }).ports, options('linux')))
        .defaultRoute,
    ).toMatchObject({ gateway: '198.51.100.1' });
    const none = await collectHost(
      portsOf({ 'ip-route.json': { stdout: JSON.stringify([routes[2]]) } }).ports,
      options('linux'),
    );
    expect(none.defaultRoute).toBeNull();
    const missing = await collectHost(portsOf({}).ports, options('linux'));
    expect(missing).toMatchObject({ interfaces: null, routes: null, defaultRoute: null, mtus: null });
  });
});

describe('the macOS host’s DHCP leases', () => {
  it('reads the lease of the default route’s interface with ipconfig getpacket', async () => {
    const { ports, specs } = portsOf({
      'route-get-default.txt': { stdout: ROUTE_GET },
      'ipconfig-getpacket-en0.txt': { stdout: GETPACKET },
    });
    const host = await collectHost(ports, options('darwin', { timeouts: { hostCommandMs: 900 } }));
    expect(specs.find((spec) => spec.key === 'ipconfig-getpacket-en0.txt')).toEqual({
      key: 'ipconfig-getpacket-en0.txt',
      argv: ['/usr/sbin/ipconfig', 'getpacket', 'en0'],
      timeoutMs: 900,
    });
    expect(Object.keys(host.leases ?? {})).toEqual(['en0']);
    expect(host.leases?.en0).toMatchObject({ interface: 'en0', yiaddr: '192.168.1.154', leaseTimeSeconds: 7200 });
    expect(host.mtus).toBeNull();
  });

  it('a failed getpacket that printed nothing is "no DHCP here"; a timeout or nonsense is unknown and noted', async () => {
    const none = await collectHost(
      portsOf({ 'route-get-default.txt': { stdout: ROUTE_GET }, 'ipconfig-getpacket-en0.txt': { exitCode: 1 } }).ports,
      options('darwin'),
    );
    expect(none.leases).toEqual({ en0: null });
    expect(none.inputs.filter((note) => note.source.startsWith('ipconfig'))).toEqual([]);

    const slow = await collectHost(
      portsOf({
        'route-get-default.txt': { stdout: ROUTE_GET },
        'ipconfig-getpacket-en0.txt': { outcome: 'timeout', exitCode: null },
      }).ports,
      options('darwin', { timeouts: { hostCommandMs: 3_000 } }),
    );
    expect(slow.leases).toBeNull();
    expect(slow.inputs.filter((note) => note.source.startsWith('ipconfig'))).toEqual([
      {
        source: 'ipconfig-getpacket-en0.txt',
        problem: 'timeout',
        detail: '/usr/sbin/ipconfig did not answer within 3 s',
      },
    ]);

    const bad = await collectHost(
      portsOf({
        'route-get-default.txt': { stdout: ROUTE_GET },
        'ipconfig-getpacket-en0.txt': { stdout: 'hello\n' },
      }).ports,
      options('darwin'),
    );
    expect(bad.leases).toBeNull();
    expect(bad.inputs.filter((note) => note.source.startsWith('ipconfig'))).toEqual([
      {
        source: 'ipconfig-getpacket-en0.txt',
        problem: 'unparseable',
        detail: 'no `yiaddr =` line (not `ipconfig getpacket` output)',
      },
    ]);

    // A bundle without the file: unknown, and the note says it is missing.
    const old = await collectHost(portsOf({ 'route-get-default.txt': { stdout: ROUTE_GET } }).ports, options('darwin'));
    expect(old.leases).toBeNull();
    expect(old.inputs.map((note) => [note.source, note.problem])).toContainEqual([
      'ipconfig-getpacket-en0.txt',
      'missing',
    ]);
  });

  it('asks no lease without a default route', async () => {
    const { ports, specs } = portsOf({});
    const host = await collectHost(ports, options('darwin'));
    expect(specs.map((spec) => spec.key).sort()).toEqual(['ifconfig.txt', 'netstat-rn.txt', 'route-get-default.txt']);
    expect(host.leases).toBeNull();
  });
});
