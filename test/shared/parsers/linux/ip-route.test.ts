import { readFileSync } from 'node:fs';
import type { Route } from '@src/shared/model';
import { parseIpRouteJson } from '@src/shared/parsers/linux/ip-route';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');

function routesOf(text: string): Route[] {
  const result = parseIpRouteJson(text);
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

const NAMESPACE_ROUTES: Route[] = [
  route('default', { gateway: '198.51.100.1', interface: 'en0', prefsrc: '198.51.100.7' }),
  route('default', { gateway: '203.0.113.1', interface: 'en0', metric: 200 }),
  route('192.0.2.11/32', { interface: 'tun0', prefsrc: '192.0.2.10', flags: ['linkdown'] }),
  route('192.0.2.99/32', { gateway: '198.51.100.1', interface: 'en0' }),
  route('192.0.2.128/25', { interface: 'br0', metric: 50 }),
  route('192.0.2.192/26', { gateway: '198.51.100.1', interface: 'en0' }),
  route('192.0.2.192/26', { gateway: '192.168.77.254', interface: 'br0' }),
  route('192.168.77.0/24', { interface: 'br0', prefsrc: '192.168.77.1' }),
  route('192.168.77.0/24', { interface: 'vmeth0', prefsrc: '192.168.77.6' }),
  route('198.51.100.0/24', { interface: 'en0', prefsrc: '198.51.100.7' }),
  route('198.51.100.0/24', { interface: 'gw0', prefsrc: '198.51.100.1' }),
  route('203.0.113.0/24', { interface: 'en0', prefsrc: '203.0.113.5' }),
  route('203.0.113.128/25', { flags: ['unreachable'] }),
];

describe('parseIpRouteJson on real captures', () => {
  it('reads the namespace table: two defaults, host routes as /32, multipath split per next hop, unreachable', () => {
    expect(routesOf(fixture('linux/ns-ip-j-route-show.json'))).toEqual(NAMESPACE_ROUTES);
  });

  it('reads the host table', () => {
    expect(routesOf(fixture('linux/host-ip-j-route-show.json'))).toEqual([
      route('default', { gateway: '192.0.2.1', interface: 'eth0' }),
      route('192.0.2.0/24', { interface: 'eth0', prefsrc: '192.0.2.2' }),
    ]);
  });

  it('keeps local/broadcast route types as flags (table local)', () => {
    const routes = routesOf(fixture('linux/ns-ip-j-route-show-table-local.json'));
    expect(routes).toHaveLength(15);
    expect(routes[1]).toEqual(route('127.0.0.1/32', { interface: 'lo', prefsrc: '127.0.0.1', flags: ['local'] }));
    expect(routes.filter((entry) => entry.flags.includes('broadcast')).map((entry) => entry.destination)).toEqual([
      '127.255.255.255/32',
      '192.168.77.255/32',
      '192.168.77.255/32',
      '198.51.100.255/32',
      '198.51.100.255/32',
      '203.0.113.255/32',
    ]);
  });
});

describe('parseIpRouteJson on other input', () => {
  it('reads a next hop of the other family (`via inet6`) and an IPv6 host route', () => {
    expect(
      routesOf('[{"dst":"2001:db8::1","via":{"family":"inet6","host":"fe80::1"},"dev":"eth0","flags":["onlink"]}]'),
    ).toEqual([route('2001:db8::1/128', { gateway: 'fe80::1', interface: 'eth0', flags: ['onlink'] })]);
  });

  it('ignores a negative or fractional metric', () => {
    expect(
      routesOf('[{"dst":"default","dev":"eth0","metric":-1},{"dst":"default","dev":"eth0","metric":1.5}]'),
    ).toEqual([route('default', { interface: 'eth0' }), route('default', { interface: 'eth0' })]);
  });

  it.each([
    ['the text form', fixture('linux/ns-ip-route-show.txt')],
    ['an object', '{"dst":"default"}'],
    ['a route without dst', '[{"gateway":"192.0.2.1"}]'],
    ['a string entry', '["default via 192.0.2.1"]'],
    ['truncated JSON', fixture('linux/ns-ip-j-route-show.json').slice(0, 100)],
    ['nothing', ''],
  ])('rejects %s', (_, text) => {
    expect(parseIpRouteJson(text).ok).toBe(false);
  });
});
