import { readFileSync } from 'node:fs';
import type { NetInterface } from '@src/shared/model';
import { parseIpAddrJson } from '@src/shared/parsers/linux/ip-addr';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');

function interfacesOf(text: string): NetInterface[] {
  const result = parseIpAddrJson(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

function byName(interfaces: NetInterface[], name: string): NetInterface {
  const found = interfaces.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no interface ${name}`);
  return found;
}

describe('parseIpAddrJson on the namespace capture (bridge, veth member, en0 with three addresses, tun0)', () => {
  const interfaces = interfacesOf(fixture('linux/ns-ip-j-addr-show.json'));

  it('lists every link in kernel order', () => {
    expect(interfaces.map((entry) => entry.name)).toEqual(['lo', 'br0', 'vmeth0', 'vmnet0', 'gw0', 'en0', 'tun0']);
  });

  it('keeps en0 addresses in kernel order with secondary, dynamic and lifetimes', () => {
    expect(byName(interfaces, 'en0').ipv4).toEqual([
      { address: '198.51.100.7', prefixLength: 24, secondary: false, dynamic: false, validLifetime: null },
      { address: '203.0.113.5', prefixLength: 24, secondary: false, dynamic: true, validLifetime: 299 },
      { address: '198.51.100.23', prefixLength: 24, secondary: true, dynamic: false, validLifetime: null },
    ]);
  });

  it('gives the bridge its member and the member none', () => {
    const bridge = byName(interfaces, 'br0');
    expect(bridge.members).toEqual(['vmnet0']);
    expect(bridge.ipv4.map((entry) => entry.address)).toEqual(['192.168.77.1']);
    expect(bridge).toMatchObject({ up: true, running: true, pointToPoint: false });
    expect(byName(interfaces, 'vmnet0')).toMatchObject({ members: [], ipv4: [] });
    expect(byName(interfaces, 'en0').members).toEqual([]);
  });

  it('reads the MAC from link/ether, and none for the tun device', () => {
    expect(byName(interfaces, 'en0').mac).toBe('6e:74:fa:1d:91:3e');
    expect(byName(interfaces, 'lo').mac).toBe('00:00:00:00:00:00');
    expect(byName(interfaces, 'tun0').mac).toBeUndefined();
  });

  it('reads the point-to-point tun0: peer address, UP but not running (NO-CARRIER, operstate DOWN)', () => {
    expect(byName(interfaces, 'tun0')).toEqual({
      name: 'tun0',
      flags: ['NO-CARRIER', 'POINTOPOINT', 'MULTICAST', 'NOARP', 'UP'],
      up: true,
      running: false,
      pointToPoint: true,
      ipv4: [
        {
          address: '192.0.2.10',
          prefixLength: 32,
          peer: '192.0.2.11',
          secondary: false,
          dynamic: false,
          validLifetime: null,
        },
      ],
      members: [],
    });
  });

  it('ignores IPv6 addresses', () => {
    expect(byName(interfaces, 'vmnet0').ipv4).toEqual([]);
    expect(byName(interfaces, 'lo').ipv4.map((entry) => entry.address)).toEqual(['127.0.0.1']);
  });

  it('reads the pretty-printed form (-j -p) of the same capture identically', () => {
    const pretty = interfacesOf(fixture('linux/ns-ip-j-p-addr-show-pretty.json'));
    expect(pretty.map((entry) => entry.name)).toEqual(interfaces.map((entry) => entry.name));
    expect(byName(pretty, 'en0').ipv4.map((entry) => entry.address)).toEqual([
      '198.51.100.7',
      '203.0.113.5',
      '198.51.100.23',
    ]);
    expect(byName(pretty, 'br0').members).toEqual(['vmnet0']);
  });
});

describe('parseIpAddrJson on the host capture', () => {
  const interfaces = interfacesOf(fixture('linux/host-ip-j-addr-show.json'));

  it('reads eth0 with its broadcast address and the down ifb devices', () => {
    expect(byName(interfaces, 'eth0')).toEqual({
      name: 'eth0',
      flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
      up: true,
      running: true,
      pointToPoint: false,
      mac: '02:fc:00:00:00:01',
      ipv4: [
        {
          address: '192.0.2.2',
          prefixLength: 24,
          broadcast: '192.0.2.255',
          secondary: false,
          dynamic: false,
          validLifetime: null,
        },
      ],
      members: [],
    });
    expect(byName(interfaces, 'ifb0')).toMatchObject({ up: false, running: false, ipv4: [] });
  });
});

describe('parseIpAddrJson on other input', () => {
  it('skips the empty objects old iproute2 printed for links a -4 filter left out', () => {
    const links = JSON.parse(fixture('linux/host-ip-j-addr-show.json')) as unknown[];
    const interfaces = interfacesOf(JSON.stringify([{}, ...links, {}]));
    expect(interfaces.map((entry) => entry.name)).toEqual(['lo', 'ifb0', 'ifb1', 'eth0']);
  });

  it('takes running from operstate UP when LOWER_UP is absent', () => {
    const [link] = interfacesOf('[{"ifname":"x0","flags":["UP"],"operstate":"UP","addr_info":[]}]');
    expect(link).toEqual({
      name: 'x0',
      flags: ['UP'],
      up: true,
      running: true,
      pointToPoint: false,
      ipv4: [],
      members: [],
    });
  });

  it('accepts an empty link list', () => {
    expect(parseIpAddrJson('[]')).toEqual({ ok: true, value: [] });
  });

  it('skips malformed addresses but keeps the link', () => {
    const [link] = interfacesOf(
      '[{"ifname":"x0","flags":[],"addr_info":[{"family":"inet","local":"999.1.1.1","prefixlen":24},' +
        '{"family":"inet","local":"192.0.2.1","prefixlen":33},{"family":"inet","local":"192.0.2.2","prefixlen":24}]}]',
    );
    expect(link?.ipv4.map((entry) => entry.address)).toEqual(['192.0.2.2']);
  });

  it.each([
    ['the text form of ip addr', fixture('linux/ns-ip-addr-show.txt')],
    ['an ip error message', 'Device "nonexist" does not exist.\n'],
    ['an object instead of an array', '{"ifname":"eth0"}'],
    ['an array of numbers', '[1,2]'],
    ['a link without ifname', '[{"flags":["UP"]}]'],
    ['a link name with whitespace', '[{"ifname":"e th0"}]'],
    ['truncated JSON', fixture('linux/ns-ip-j-addr-show.json').slice(0, 300)],
    ['nothing', ''],
  ])('rejects %s', (_, text) => {
    const result = parseIpAddrJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toBe('');
  });
});
