import { readFileSync } from 'node:fs';
import type { Route } from '@src/shared/model';
import { parseIpRouteLine, parseIpRouteText } from '@src/shared/parsers/ip-route-text';
import { parseIpRouteJson } from '@src/shared/parsers/linux/ip-route';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');

function routesOf(text: string): Route[] {
  const result = parseIpRouteText(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

const route = (destination: string, extra: Partial<Route>): Route => ({
  destination,
  gateway: null,
  interface: null,
  flags: [],
  scoped: false,
  ...extra,
});

describe('parseIpRouteText on real VM captures', () => {
  it('reads the seed excerpt: default via 192.168.77.1 dev eth0 src 192.168.77.6', () => {
    expect(routesOf(fixture('seed/vm-ip-route-EXCERPT.txt'))).toEqual([
      route('default', { gateway: '192.168.77.1', interface: 'eth0', prefsrc: '192.168.77.6', metric: 1024 }),
      route('172.17.0.0/16', { interface: 'docker0', prefsrc: '172.17.0.1' }),
    ]);
  });

  it('reads both default routes, in order, with trailing spaces and DHCP host routes', () => {
    const eth1 = { interface: 'eth1', prefsrc: '10.0.2.15', metric: 100 };
    const eth0 = { interface: 'eth0', prefsrc: '192.168.64.11', metric: 100 };
    expect(routesOf(fixture('real/vm-ip-route/hpk-vm-two-default-routes-vmnet-eth0-and-slirp-eth1.txt'))).toEqual([
      route('default', { gateway: '10.0.2.2', ...eth1 }),
      route('default', { gateway: '192.168.64.1', ...eth0 }),
      route('10.0.2.0/24', eth1),
      route('10.0.2.2/32', eth1),
      route('10.0.2.3/32', eth1),
      route('192.168.64.0/24', eth0),
      route('192.168.64.1/32', eth0),
    ]);
  });

  it('reads a default route without src or metric', () => {
    expect(routesOf(fixture('real/vm-ip-route/apple-container-vmnet-ip-route-EXCERPT.txt'))).toEqual([
      route('default', { gateway: '192.168.64.1', interface: 'eth0' }),
      route('192.168.64.0/24', { interface: 'eth0', prefsrc: '192.168.64.7' }),
    ]);
  });
});

describe('parseIpRouteText on the namespace capture', () => {
  it('agrees with the JSON capture of the same table (multipath, linkdown, unreachable, host routes)', () => {
    const fromJson = parseIpRouteJson(fixture('linux/ns-ip-j-route-show.json'));
    if (!fromJson.ok) throw new Error(fromJson.error);
    const fromText = routesOf(fixture('linux/ns-ip-route-show.txt'));
    expect(fromText).toEqual(fromJson.value);
    expect(fromText.filter((entry) => entry.destination === '192.0.2.192/26')).toEqual([
      route('192.0.2.192/26', { gateway: '198.51.100.1', interface: 'en0' }),
      route('192.0.2.192/26', { gateway: '192.168.77.254', interface: 'br0' }),
    ]);
  });
});

describe('parseIpRouteText on other input', () => {
  it('reads busybox-style spacing and CRLF line ends (as a pty delivers them)', () => {
    // Shaped like busybox `ip route` (double spaces before metric/src); not a capture.
    expect(
      routesOf(
        'default via 192.168.64.1 dev eth0  metric 1024 \r\n192.168.64.0/24 dev eth0 scope link  src 192.168.64.5\r\n',
      ),
    ).toEqual([
      route('default', { gateway: '192.168.64.1', interface: 'eth0', metric: 1024 }),
      route('192.168.64.0/24', { interface: 'eth0', prefsrc: '192.168.64.5' }),
    ]);
  });

  it('skips keywords it does not need, including `mtu lock N` and `via inet6`', () => {
    expect(routesOf('default via inet6 fe80::1 dev eth0 proto static mtu lock 1400 onlink\n')).toEqual([
      route('default', { gateway: 'fe80::1', interface: 'eth0', flags: ['onlink'] }),
    ]);
  });

  it('keeps a blackhole default as a flagged route without a way out', () => {
    expect(routesOf('blackhole default metric 5\n')).toEqual([route('default', { flags: ['blackhole'], metric: 5 })]);
  });

  it('accepts an empty table', () => {
    expect(parseIpRouteText('')).toEqual({ ok: true, value: [] });
    expect(parseIpRouteText('\n  \n')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['an ip error', 'Error: any valid prefix is expected rather than "bogus".\n', 'line 1: not a route: Error:'],
    ['a shell error', 'sh: ip: not found\n', 'line 1: not a route: sh: ip: not found'],
    ['a valid line followed by nonsense', 'default via 192.0.2.1 dev eth0\nhello world\n', 'line 2: not a route'],
    ['a bad gateway', 'default via banana dev eth0\n', 'line 1'],
    ['a bad prefix length', '192.0.2.0/33 dev eth0\n', 'line 1'],
    ['a dangling keyword', 'default via\n', 'line 1'],
    ['a nexthop with nothing before it', '\tnexthop via 192.0.2.1 dev eth0 weight 1\n', 'stray nexthop'],
    ['ip addr output', fixture('real/vm-other/minikube-hyperkit-ip-addr-eth0-only-EXCERPT.txt'), 'line 1'],
  ])('rejects %s', (_, text, reason) => {
    const result = parseIpRouteText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(reason);
  });

  it('exposes single-line parsing for the monitor parser', () => {
    expect(
      parseIpRouteLine('local 198.51.100.42 dev en0 table local proto kernel scope host src 198.51.100.7 '),
    ).toEqual(route('198.51.100.42/32', { interface: 'en0', prefsrc: '198.51.100.7', flags: ['local'] }));
    expect(parseIpRouteLine('nexthop via 192.0.2.1')).toBeNull();
  });
});
