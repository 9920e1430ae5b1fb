import { readdirSync, readFileSync } from 'node:fs';
import { parseIpconfigGetpacket } from '@src/shared/parsers/darwin/ipconfig-getpacket';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../fixtures/real/ipconfig-getpacket/${path}`, import.meta.url), 'utf8');

describe('parseIpconfigGetpacket on real captures', () => {
  it('reads the old OS X renewal ACK (decimal xid, ciaddr set, 2 h lease)', () => {
    expect(parseIpconfigGetpacket(fixture('old-osx-en0-renewal-ciaddr-set-decimal-xid.txt'), 'en0')).toEqual({
      ok: true,
      value: {
        interface: 'en0',
        yiaddr: '192.168.1.154',
        router: '192.168.1.253',
        subnetMask: '255.255.255.0',
        leaseTimeSeconds: 7200,
        serverIdentifier: '192.168.1.253',
      },
    });
  });

  it('is unparseable for the Fritz!Box lease whose yiaddr the author blanked to `xx`', () => {
    expect(parseIpconfigGetpacket(fixture('fritzbox-ntp-t1-t2-code-comment-EDITED.txt'), 'en0')).toEqual({
      ok: false,
      error: 'yiaddr is not an IPv4 address: 192.168.178.xx',
    });
  });

  it('is unparseable for the redacted iPhone hotspot lease (yiaddr 172.20.10.x)', () => {
    expect(parseIpconfigGetpacket(fixture('iphone-hotspot-REDACTED.txt'), 'en0')).toMatchObject({
      ok: false,
      error: expect.stringContaining('172.20.10.x'),
    });
  });

  it('is unparseable for `ipconfig getifaddr` output, which is a bare address and no packet', () => {
    expect(parseIpconfigGetpacket(fixture('neofetch-pr2361-getifaddr-en0.txt'), 'en0')).toMatchObject({
      ok: false,
      error: expect.stringContaining('yiaddr'),
    });
  });

  it('reads the Fritz!Box options once its yiaddr is a real address', () => {
    const text = fixture('fritzbox-ntp-t1-t2-code-comment-EDITED.txt').replace('192.168.178.xx', '192.168.178.20');
    expect(parseIpconfigGetpacket(text, 'en1')).toEqual({
      ok: true,
      value: {
        interface: 'en1',
        yiaddr: '192.168.178.20',
        router: '192.168.178.1',
        subnetMask: '255.255.255.0',
        leaseTimeSeconds: 0x112380,
        serverIdentifier: '192.168.178.1',
      },
    });
  });

  it('never throws on any real capture', () => {
    const directory = new URL('../../../fixtures/real/ipconfig-getpacket/', import.meta.url);
    for (const file of readdirSync(directory)) {
      const result = parseIpconfigGetpacket(readFileSync(new URL(file, directory), 'utf8'), 'en0');
      expect(typeof result.ok, file).toBe('boolean');
    }
  });
});

describe('parseIpconfigGetpacket on edge cases', () => {
  it('is ok(null) when ipconfig printed nothing (no DHCP lease on the interface)', () => {
    expect(parseIpconfigGetpacket('', 'utun3')).toEqual({ ok: true, value: null });
    expect(parseIpconfigGetpacket(' \n\t\n', 'utun3')).toEqual({ ok: true, value: null });
  });

  it('takes the first router, a decimal lease time, and null for missing or malformed options', () => {
    const text =
      'op = BOOTREPLY\r\nyiaddr = 10.1.2.3\r\noptions:\r\n' +
      'router (ip_mult): {10.1.2.1, 10.1.2.254}\r\nlease_time (uint32): 3600\r\nsubnet_mask (ip): 255.255.x.0\r\n';
    expect(parseIpconfigGetpacket(text, 'en0')).toEqual({
      ok: true,
      value: {
        interface: 'en0',
        yiaddr: '10.1.2.3',
        router: '10.1.2.1',
        subnetMask: null,
        leaseTimeSeconds: 3600,
        serverIdentifier: null,
      },
    });
  });

  it('keeps an infinite lease (0xffffffff) as its number and rejects lease values beyond uint32', () => {
    const lease = (value: string) =>
      parseIpconfigGetpacket(`yiaddr = 10.0.0.2\nlease_time (uint32): ${value}\n`, 'en0');
    expect(lease('0xffffffff')).toMatchObject({ ok: true, value: { leaseTimeSeconds: 4294967295 } });
    expect(lease('4294967296')).toMatchObject({ ok: true, value: { leaseTimeSeconds: null } });
    expect(lease('soon')).toMatchObject({ ok: true, value: { leaseTimeSeconds: null } });
  });

  it('is unparseable for ipconfig errors', () => {
    expect(parseIpconfigGetpacket('ipconfig: en7 is not a valid interface\n', 'en7')).toMatchObject({ ok: false });
  });
});
