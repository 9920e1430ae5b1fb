import { readdirSync, readFileSync } from 'node:fs';
import type { NetInterface } from '@src/shared/model';
import { parseIfconfig } from '@src/shared/parsers/darwin/ifconfig';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');

function interfacesOf(text: string): NetInterface[] {
  const result = parseIfconfig(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

function only(text: string): NetInterface {
  const interfaces = interfacesOf(text);
  expect(interfaces).toHaveLength(1);
  return interfaces[0]!;
}

function byName(interfaces: NetInterface[], name: string): NetInterface {
  const found = interfaces.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no interface ${name}`);
  return found;
}

describe('parseIfconfig on the seed case', () => {
  it('reads bridge100 with its address, both vmenet members and its flags', () => {
    const bridge = only(fixture('seed/ifconfig-bridge100.txt'));
    expect(bridge).toEqual({
      name: 'bridge100',
      flags: ['UP', 'BROADCAST', 'SMART', 'RUNNING', 'ALLMULTI', 'SIMPLEX', 'MULTICAST'],
      up: true,
      running: true,
      pointToPoint: false,
      mac: '16:7d:da:47:fb:64',
      ipv4: [{ address: '192.168.77.1', prefixLength: 24, broadcast: '192.168.77.255' }],
      members: ['vmenet0', 'vmenet1'],
    });
  });
});

describe('parseIfconfig on real captures', () => {
  it('keeps two inet lines on en0 in the printed order (the first is the NAT source)', () => {
    const en0 = only(fixture('real/ifconfig/wireguard-macos-issue1-en0-two-inet-same-subnet-EDITED.txt'));
    expect(en0.name).toBe('en0');
    expect(en0.ipv4).toEqual([
      { address: '172.211.79.111', prefixLength: 24, broadcast: '172.211.79.255' },
      { address: '172.211.79.132', prefixLength: 24, broadcast: '172.211.79.255' },
    ]);
  });

  it('drops the author-obfuscated MAC (`…:8v`) instead of passing it on', () => {
    const en0 = only(fixture('real/ifconfig/wireguard-macos-issue1-en0-two-inet-same-subnet-EDITED.txt'));
    expect(en0.mac).toBeUndefined();
    // The flags value 8763 contradicts its own label list; the labels are what we use.
    expect(en0.up).toBe(true);
    expect(en0.running).toBe(true);
  });

  it.each([
    ['parallels-bridge100-two-vmenet-members.txt', '10.211.55.2', ['vmenet0', 'vmenet2']],
    ['multipass2265-m1-big-sur-bridge100-member-en7-optimistic.txt', '192.168.64.1', ['en7']],
    ['xhyve84-bridge100-member-en9-pre-monterey-2016.txt', '192.168.64.1', ['en9']],
    ['pr12799-monterey-bridge100-vmenet0-address-cache.txt', '192.168.64.1', ['vmenet0']],
    ['lima-socket_vmnet-bridge100-192.168.105.1.txt', '192.168.105.1', ['vmenet0']],
  ])('%s: one bridge100 with address %s and members %j', (file, address, members) => {
    const bridge = only(fixture(`real/ifconfig/${file}`));
    expect(bridge.name).toBe('bridge100');
    expect(bridge.ipv4.map((entry) => `${entry.address}/${entry.prefixLength}`)).toEqual([`${address}/24`]);
    expect(bridge.members).toEqual(members);
  });

  it('does not take the Address cache entry (MAC + vmenet0) for an interface or a member', () => {
    const bridge = only(fixture('real/ifconfig/pr12799-monterey-bridge100-vmenet0-address-cache.txt'));
    expect(bridge.members).toEqual(['vmenet0']);
    expect(bridge.mac).toBe('16:7d:da:f9:de:64');
  });

  it('reads the Cisco utun0 point-to-point address with its peer and /16 mask', () => {
    const utun0 = only(fixture('real/ifconfig/xhyve84-utun0-cisco-vpn-point-to-point.txt'));
    expect(utun0.pointToPoint).toBe(true);
    expect(utun0.ipv4).toEqual([{ address: '10.33.127.240', prefixLength: 16, peer: '10.33.127.240' }]);
  });

  it('reads the PROMISC vmnet tap interface en9 with no address', () => {
    const en9 = only(fixture('real/ifconfig/xhyve84-en9-vmnet-member-interface.txt'));
    expect(en9.flags).toContain('PROMISC');
    expect(en9.mac).toBe('86:0b:34:08:6c:9b');
    expect(en9.ipv4).toEqual([]);
    expect(en9.members).toEqual([]);
  });

  it('reads every interface of a full macOS 10.14 `ifconfig`', () => {
    const interfaces = interfacesOf(fixture('real/ifconfig/jc-osx-10.14.6-ifconfig.txt'));
    expect(interfaces.map((entry) => entry.name)).toEqual([
      'lo0',
      'gif0',
      'stf0',
      'XHC1',
      'XHC0',
      'XHC20',
      'en5',
      'en0',
      'p2p0',
      'awdl0',
      'en1',
      'en2',
      'en3',
      'en4',
      'bridge0',
      'utun0',
      'utun1',
      'utun2',
      'utun3',
      'utun4',
    ]);
    const en0 = byName(interfaces, 'en0');
    expect(en0.ipv4).toEqual([{ address: '192.168.1.72', prefixLength: 24, broadcast: '192.168.1.255' }]);
    expect(en0.mac).toBe('f0:18:98:03:d9:30');
    expect(byName(interfaces, 'lo0').ipv4).toEqual([{ address: '127.0.0.1', prefixLength: 8 }]);
    expect(byName(interfaces, 'bridge0').members).toEqual(['en1', 'en2', 'en3', 'en4']);
    expect(byName(interfaces, 'stf0')).toMatchObject({ flags: [], up: false, running: false });
    expect(byName(interfaces, 'gif0')).toMatchObject({ up: false, pointToPoint: true });
    expect(byName(interfaces, 'utun2')).toMatchObject({ up: true, pointToPoint: true, ipv4: [] });
  });

  it('reads the VMware Fusion vmnet1/vmnet8 host interfaces as plain interfaces', () => {
    const interfaces = interfacesOf(fixture('real/ifconfig/jc-osx-10.14.6-ifconfig2-vmnet1-vmnet8.txt'));
    expect(interfaces).toHaveLength(21);
    expect(byName(interfaces, 'vmnet8').ipv4).toEqual([
      { address: '192.168.71.1', prefixLength: 24, broadcast: '192.168.71.255' },
    ]);
    expect(byName(interfaces, 'ap1')).toMatchObject({ up: false, running: false });
    expect(byName(interfaces, 'en0').ipv4.map((entry) => entry.address)).toEqual(['192.168.1.221']);
  });

  it('parses every real ifconfig capture', () => {
    const directory = new URL('../../../fixtures/real/ifconfig/', import.meta.url);
    for (const file of readdirSync(directory)) {
      const result = parseIfconfig(readFileSync(new URL(file, directory), 'utf8'));
      expect(result.ok, file).toBe(true);
    }
  });
});

describe('parseIfconfig on edge cases', () => {
  it('accepts space indentation, CRLF line ends and trailing spaces', () => {
    const text =
      'en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500   \r\n' +
      '    ether a4:83:e7:2d:63:8e   \r\n' +
      '    inet 10.0.0.5 netmask 0xfffffc00 broadcast 10.0.3.255   \r\n' +
      '    inet 10.0.0.9 netmask 0xffffffff   \r\n';
    const en0 = only(text);
    expect(en0.mac).toBe('a4:83:e7:2d:63:8e');
    expect(en0.ipv4).toEqual([
      { address: '10.0.0.5', prefixLength: 22, broadcast: '10.0.3.255' },
      { address: '10.0.0.9', prefixLength: 32 },
    ]);
  });

  it('skips an address that is not a canonical dotted quad, or whose mask is not contiguous', () => {
    const text =
      'en0: flags=8863<UP,RUNNING> mtu 1500\n' +
      '\tinet 192.168.1.xx netmask 0xffffff00 broadcast 192.168.1.255\n' +
      '\tinet 192.168.001.5 netmask 0xffffff00\n' +
      '\tinet 192.168.1.6 netmask 0xff00ff00\n' +
      '\tinet 192.168.1.7 netmask 0xffffff00\n';
    expect(only(text).ipv4).toEqual([{ address: '192.168.1.7', prefixLength: 24 }]);
  });

  it('marks an interface point-to-point from `-->` even without the POINTOPOINT flag or a usable peer', () => {
    const text = 'utun5: flags=8041<UP,RUNNING,MULTICAST> mtu 1400\n\tinet 10.8.0.2 --> 10.8.x.1 netmask 0xffffffff\n';
    const utun5 = only(text);
    expect(utun5.pointToPoint).toBe(true);
    expect(utun5.ipv4).toEqual([{ address: '10.8.0.2', prefixLength: 32 }]);
  });

  it('ignores inet6 lines and text before the first header', () => {
    const text = '$ ifconfig en0\nen0: flags=8863<UP> mtu 1500\n\tinet6 fe80::1%en0 prefixlen 64 scopeid 0x4\n';
    expect(only(text)).toMatchObject({ name: 'en0', ipv4: [], up: true, running: false });
  });

  it("never moves an interface's addresses into the one before it when its header is damaged", () => {
    const seed = fixture('bundles/seed/ifconfig.txt');
    for (const damaged of [
      seed.replace('en0: flags=8863', 'e\u0001n0: flags=8863'),
      seed.replace('en0: flags=8863', 'en0 flags=8863'),
      seed.replace('en0: flags=8863', '\u00ffen0: flags=8863'),
    ]) {
      const result = parseIfconfig(damaged);
      expect(result).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^line 7 is neither an interface header/),
      });
    }
  });

  it('is unparseable for empty output and for text with no interface header', () => {
    expect(parseIfconfig('')).toMatchObject({ ok: false });
    expect(parseIfconfig(' \n\t\n')).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    expect(parseIfconfig('ifconfig: interface bridge100 does not exist\n')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no interface header'),
    });
    expect(parseIfconfig('\tinet 10.0.0.1 netmask 0xff000000\n')).toMatchObject({ ok: false });
  });
});
