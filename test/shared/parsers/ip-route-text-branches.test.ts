// Each rule of the plain `ip route` reader: which destinations and addresses it accepts, each malformed value it
// refuses and the exact error line, route types and bare flags, and how multipath next hops replace their header.
import { isIpAddress, parseIpRouteLine, parseIpRouteText } from '@src/shared/parsers/ip-route-text';
import { describe, expect, it } from 'vitest';
import { route } from './route-of';

describe('isIpAddress', () => {
  it.each([
    ['192.0.2.1', true],
    ['fe80::1', true],
    ['::1', true],
    ['2001:db8:0:0:0:0:0:1', true],
    ['::ffff:192.0.2.1', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['fe80:::1', false],
    ['2:', false],
    ['a:b', false],
    ['fe80::g', false],
    [`2001:db8::${'0'.repeat(40)}`, false],
    ['eth0', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isIpAddress(text)).toBe(expected);
  });
});

describe('parseIpRouteLine destinations', () => {
  it.each([
    ['2001:db8::/128 dev eth0', '2001:db8::/128'],
    ['2001:db8::/64 dev eth0', '2001:db8::/64'],
    ['192.0.2.0/32 dev eth0', '192.0.2.0/32'],
    ['192.0.2.0/0 dev eth0', '192.0.2.0/0'],
    ['fe80::1 dev eth0', 'fe80::1/128'],
  ])('%j has destination %s', (line, destination) => {
    expect(parseIpRouteLine(line)?.destination).toBe(destination);
  });

  it.each([
    '2001:db8::/129 dev eth0',
    '192.0.2.0/33 dev eth0',
    '192.0.2.0/1234 dev eth0',
    '192.0.2.0/ dev eth0',
    '192.0.2.0/2a dev eth0',
    '192.0.2.0/24/8 dev eth0',
    'eth0 dev eth0',
    '',
    'unicast',
  ])('%j is not a route', (line) => {
    expect(parseIpRouteLine(line)).toBeNull();
  });
});

describe('parseIpRouteLine values', () => {
  it('unicast is the plain type: no flag; every other type is one', () => {
    expect(parseIpRouteLine('unicast 192.0.2.0/24 dev eth0')).toEqual(route('192.0.2.0/24', { interface: 'eth0' }));
    expect(parseIpRouteLine('unreachable 203.0.113.0/24 metric 7')).toEqual(
      route('203.0.113.0/24', { flags: ['unreachable'], metric: 7 }),
    );
    expect(parseIpRouteLine('prohibit default')).toEqual(route('default', { flags: ['prohibit'] }));
  });

  it('keeps the type first, then the bare flags in their order', () => {
    expect(parseIpRouteLine('broadcast 192.0.2.255 dev eth0 linkdown dead offload')).toEqual(
      route('192.0.2.255/32', { interface: 'eth0', flags: ['broadcast', 'linkdown', 'dead', 'offload'] }),
    );
  });

  it('skips the `inet` family word of a next hop as well as `inet6`', () => {
    expect(parseIpRouteLine('default via inet 192.0.2.1 dev eth0')).toEqual(
      route('default', { gateway: '192.0.2.1', interface: 'eth0' }),
    );
  });

  it.each([
    'default via 192.0.2.1 dev',
    'default via 192.0.2.1 src',
    'default via 192.0.2.1 metric',
    'default via 192.0.2.1 src eth0',
    'default via 192.0.2.1 metric 12345678901',
    'default via 192.0.2.1 metric -1',
    'default via 192.0.2.1 metric 1e3',
    'default via inet6',
  ])('%j is refused: a value it relies on is missing or malformed', (line) => {
    expect(parseIpRouteLine(line)).toBeNull();
  });

  it('reads a ten-digit metric and an IPv6 src', () => {
    expect(parseIpRouteLine('2001:db8::/64 dev eth0 src 2001:db8::5 metric 4294967295')).toEqual(
      route('2001:db8::/64', { interface: 'eth0', prefsrc: '2001:db8::5', metric: 4294967295 }),
    );
  });
});

describe('parseIpRouteText multipath', () => {
  it('the first next hop replaces its header, the others follow; header flags first, none repeated', () => {
    const text = [
      'default proto static metric 20 onlink',
      '\tnexthop via 192.0.2.1 dev eth0 weight 1 onlink',
      '\tnexthop via 198.51.100.1 dev eth1 weight 1 linkdown',
      '192.0.2.0/24 dev eth0',
    ].join('\n');
    expect(parseIpRouteText(text)).toEqual({
      ok: true,
      value: [
        route('default', { gateway: '192.0.2.1', interface: 'eth0', flags: ['onlink'], metric: 20 }),
        route('default', { gateway: '198.51.100.1', interface: 'eth1', flags: ['onlink', 'linkdown'], metric: 20 }),
        route('192.0.2.0/24', { interface: 'eth0' }),
      ],
    });
  });

  it('a bare `nexthop` line keeps the header with no way out', () => {
    expect(parseIpRouteText('default metric 5\nnexthop\n')).toEqual({
      ok: true,
      value: [route('default', { metric: 5 })],
    });
  });

  it('a word that only starts with nexthop is not a next hop', () => {
    expect(parseIpRouteText('default via 192.0.2.1\nnexthops via 192.0.2.2\n')).toEqual({
      ok: false,
      error: 'line 2: not a route: nexthops via 192.0.2.2',
    });
  });

  it('says which line is a stray or malformed next hop', () => {
    expect(parseIpRouteText('\n\tnexthop via 192.0.2.1 dev eth0 weight 1\n')).toEqual({
      ok: false,
      error: 'line 2: stray nexthop: nexthop via 192.0.2.1 dev eth0 weight 1',
    });
    expect(parseIpRouteText('default\r\n\tnexthop via banana dev eth0\r\n')).toEqual({
      ok: false,
      error: 'line 2: stray nexthop: nexthop via banana dev eth0',
    });
  });

  it('cuts the quoted line to 120 characters', () => {
    const long = `bogus ${'x'.repeat(200)}`;
    expect(parseIpRouteText(`  ${long}  `)).toEqual({ ok: false, error: `line 1: not a route: ${long.slice(0, 120)}` });
  });
});
