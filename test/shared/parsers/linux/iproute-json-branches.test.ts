// The exact refusal line for each kind of text that is not `ip -j addr` / `ip -j route` output, and the field rules
// the captures do not single out: lifetimes at the u32 bounds, prefix bounds, a peer equal to the local address,
// MAC case, bridge members in order, route types, metrics, and multipath next-hop flags.
import { parseIpAddrJson } from '@src/shared/parsers/linux/ip-addr';
import { normaliseDestination, parseIpRouteJson } from '@src/shared/parsers/linux/ip-route';
import { describe, expect, it } from 'vitest';
import { route } from '../route-of';

const NOT_JSON = (text: string): string => {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
};

describe('parseIpAddrJson refusals', () => {
  it.each([
    ['{"ifname":"eth0"}', 'ip -j addr: expected a JSON array of links'],
    ['[{}, 1]', 'ip -j addr: entry 1 is not an object'],
    ['[[]]', 'ip -j addr: entry 0 is not an object'],
    ['[{"ifname":"lo"},{"flags":["UP"]}]', 'ip -j addr: entry 1 has no ifname'],
    ['[{"ifname":"e th0"}]', 'ip -j addr: entry 0 has no ifname'],
    ['[{"ifname":""}]', 'ip -j addr: entry 0 has no ifname'],
    ['[{"ifname":7}]', 'ip -j addr: entry 0 has no ifname'],
  ])('%s → %s', (text, error) => {
    expect(parseIpAddrJson(text)).toEqual({ ok: false, error });
  });

  it('names the JSON error of a text that is not JSON', () => {
    const text = 'Device "nonexist" does not exist.\n';
    expect(parseIpAddrJson(text)).toEqual({ ok: false, error: NOT_JSON(text) });
    expect(NOT_JSON(text)).toMatch(/^not JSON: ./);
  });

  it('refuses a link with more IPv4 addresses than any real interface holds', () => {
    const addrInfo = Array.from({ length: 4097 }, (_, index) => ({
      family: 'inet',
      local: `10.${index >> 8}.${index & 255}.1`,
      prefixlen: 8,
    }));
    expect(parseIpAddrJson(JSON.stringify([{ ifname: 'lo' }, { ifname: 'big0', addr_info: addrInfo }]))).toEqual({
      ok: false,
      error: 'big0 lists more than 4096 IPv4 addresses (no real interface holds that many), so it is not judged',
    });
    const fits = parseIpAddrJson(JSON.stringify([{ ifname: 'big0', addr_info: addrInfo.slice(0, 4096) }]));
    expect(fits.ok && fits.value[0]!.ipv4).toHaveLength(4096);
  });
});

const addressesOf = (addrInfo: unknown[], link: Record<string, unknown> = {}) => {
  const result = parseIpAddrJson(JSON.stringify([{ ifname: 'x0', ...link, addr_info: addrInfo }]));
  if (!result.ok) throw new Error(result.error);
  return result.value[0]!;
};

describe('parseIpAddrJson fields', () => {
  it('reads lifetimes: forever is null, 0 and FOREVER-1 are seconds, others are left out', () => {
    const info = (valid: unknown) => ({ family: 'inet', local: '192.0.2.1', prefixlen: 24, valid_life_time: valid });
    const lifetimes = addressesOf([
      info(4294967295),
      info(0),
      info(4294967294),
      info(4294967296),
      info(-1),
      info(1.5),
      info('forever'),
    ]).ipv4.map((entry) => ('validLifetime' in entry ? entry.validLifetime : 'absent'));
    expect(lifetimes).toEqual([null, 0, 4294967294, 'absent', 'absent', 'absent', 'absent']);
  });

  it('keeps prefix 0 and 32, refuses -1, 33, a fraction and a string; skips non-inet families and non-objects', () => {
    const inet = (prefixlen: unknown, local = '192.0.2.1') => ({ family: 'inet', local, prefixlen });
    const { ipv4 } = addressesOf([
      inet(0, '192.0.2.1'),
      inet(32, '192.0.2.2'),
      inet(-1),
      inet(33),
      inet(24.5),
      inet('24'),
      { family: 'inet6', local: '192.0.2.3', prefixlen: 24 },
      { family: 'inet', local: 192, prefixlen: 24 },
      'inet 192.0.2.4/24',
    ]);
    expect(ipv4).toEqual([
      { address: '192.0.2.1', prefixLength: 0, secondary: false, dynamic: false },
      { address: '192.0.2.2', prefixLength: 32, secondary: false, dynamic: false },
    ]);
  });

  it('a peer only when `address` differs from `local`; a broadcast only when it is IPv4; flags only when true', () => {
    const { ipv4 } = addressesOf([
      { family: 'inet', local: '192.0.2.10', address: '192.0.2.11', prefixlen: 32, secondary: true, dynamic: true },
      { family: 'inet', local: '192.0.2.12', address: '192.0.2.12', prefixlen: 24, broadcast: '192.0.2.255' },
      { family: 'inet', local: '192.0.2.13', address: 'fe80::1', prefixlen: 24, broadcast: 'ff', secondary: 'true' },
    ]);
    expect(ipv4).toEqual([
      { address: '192.0.2.10', prefixLength: 32, secondary: true, dynamic: true, peer: '192.0.2.11' },
      { address: '192.0.2.12', prefixLength: 24, secondary: false, dynamic: false, broadcast: '192.0.2.255' },
      { address: '192.0.2.13', prefixLength: 24, secondary: false, dynamic: false },
    ]);
  });

  it('lowercases an Ethernet MAC and takes no tunnel address for one; keeps word flags only', () => {
    expect(addressesOf([], { address: '02:AB:CD:00:00:01', flags: ['UP', 'LOWER_UP', 'A B', 3] })).toEqual({
      name: 'x0',
      flags: ['UP', 'LOWER_UP'],
      up: true,
      running: true,
      pointToPoint: false,
      ipv4: [],
      members: [],
      mac: '02:ab:cd:00:00:01',
    });
    const tunnel = addressesOf([], { address: '0.0.0.0', flags: ['POINTOPOINT', 'NOARP'], operstate: 'DOWN' });
    expect(tunnel).toMatchObject({ up: false, running: false, pointToPoint: true });
    expect(tunnel).not.toHaveProperty('mac');
    expect(addressesOf([], { flags: 'UP' }).flags).toEqual([]);
    expect(addressesOf('none' as unknown as unknown[]).ipv4).toEqual([]);
  });

  it('lists each bridge’s members in link order', () => {
    const result = parseIpAddrJson(
      JSON.stringify([
        { ifname: 'br0' },
        { ifname: 'vm1', master: 'br0' },
        { ifname: 'vm2', master: 'br1' },
        { ifname: 'vm3', master: 'br0' },
        { ifname: 'vm4', master: 'b r' },
        { ifname: 'br1' },
      ]),
    );
    expect(result.ok && result.value.map((link) => [link.name, link.members])).toEqual([
      ['br0', ['vm1', 'vm3']],
      ['vm1', []],
      ['vm2', []],
      ['vm3', []],
      ['vm4', []],
      ['br1', ['vm2']],
    ]);
  });
});

describe('parseIpRouteJson refusals and fields', () => {
  it.each([
    ['{"dst":"default"}', 'ip -j route: expected a JSON array of routes'],
    ['[{"dst":"default"},"default via 192.0.2.1"]', 'ip -j route: entry 1 is not an object'],
    ['[null]', 'ip -j route: entry 0 is not an object'],
    ['[{"gateway":"192.0.2.1"}]', 'ip -j route: entry 0 has no dst'],
    ['[{"dst":"192.0.2.0 /24"}]', 'ip -j route: entry 0 has no dst'],
  ])('%s → %s', (text, error) => {
    expect(parseIpRouteJson(text)).toEqual({ ok: false, error });
  });

  it('names the JSON error of a text that is not JSON', () => {
    expect(parseIpRouteJson('default via 192.0.2.1')).toEqual({ ok: false, error: NOT_JSON('default via 192.0.2.1') });
  });

  it('a unicast type is no flag, another type comes before the flags; a metric of 0 is kept', () => {
    expect(
      parseIpRouteJson(
        JSON.stringify([
          { type: 'unicast', dst: '192.0.2.0/24', dev: 'eth0', metric: 0, prefsrc: '192.0.2.5', flags: ['linkdown'] },
          { type: 'blackhole', dst: '198.51.100.0/24', flags: ['offload'], prefsrc: 'a b', metric: '5' },
        ]),
      ),
    ).toEqual({
      ok: true,
      value: [
        route('192.0.2.0/24', { interface: 'eth0', prefsrc: '192.0.2.5', metric: 0, flags: ['linkdown'] }),
        route('198.51.100.0/24', { flags: ['blackhole', 'offload'] }),
      ],
    });
  });

  it('one route per next hop, each with the route’s flags then its own new ones; a gateway that is not a word is none', () => {
    expect(
      parseIpRouteJson(
        JSON.stringify([
          {
            dst: 'default',
            metric: 20,
            flags: ['onlink'],
            nexthops: [
              { gateway: '192.0.2.1', dev: 'eth0', flags: ['onlink', 'dead'] },
              'junk',
              { via: { family: 'inet6', host: 'fe80::1' }, dev: 'eth1' },
              { gateway: 7, via: { host: '192.0.2.9' }, dev: 'e th2' },
            ],
          },
          { dst: '192.0.2.0/24', via: 'fe80::1', nexthops: [] },
        ]),
      ),
    ).toEqual({
      ok: true,
      value: [
        route('default', { gateway: '192.0.2.1', interface: 'eth0', flags: ['onlink', 'dead'], metric: 20 }),
        route('default', { gateway: 'fe80::1', interface: 'eth1', flags: ['onlink'], metric: 20 }),
        route('default', { flags: ['onlink'], metric: 20 }),
        route('192.0.2.0/24'),
      ],
    });
  });

  it.each([
    ['default', 'default'],
    ['192.0.2.0/24', '192.0.2.0/24'],
    ['192.0.2.7', '192.0.2.7/32'],
    ['2001:db8::1', '2001:db8::1/128'],
    ['fe80::/64', 'fe80::/64'],
    ['multicast', 'multicast'],
  ])('normaliseDestination(%j) is %j', (destination, expected) => {
    expect(normaliseDestination(destination)).toBe(expected);
  });
});
