import { readFileSync } from 'node:fs';
import { parseDhcpdLeases } from '@src/shared/parsers/darwin/dhcpd-leases';
import { describe, expect, it } from 'vitest';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/real/dhcpd-leases/${name}`, import.meta.url), 'utf8');

describe('parseDhcpdLeases on real captures', () => {
  it('reads minikube leases with unpadded MAC octets and hex expiry times', () => {
    const result = parseDhcpdLeases(fixture('minikube1926-var-db-dhcpd_leases-TRUNCATED.txt'));
    expect(result.ok && result.value).toEqual([
      { name: 'minikube', ipAddress: '192.168.64.5', hwAddress: '1,da:ce:5c:8f:89:1', expiresAt: 0x5d5e39e7 },
      { name: 'minikube', ipAddress: '192.168.64.4', hwAddress: '1,66:f3:ea:fa:78:5f', expiresAt: 0x5d5e3709 },
      { name: 'minikube', ipAddress: '192.168.64.3', hwAddress: '1,1a:9b:39:de:59:b8', expiresAt: 0x5d5e32c7 },
    ]);
  });

  it('reads a DUID entry (type ff, no MAC) indented with spaces', () => {
    const result = parseDhcpdLeases(fixture('tart-faq-duid-entry-EXCERPT.txt'));
    expect(result.ok && result.value).toEqual([
      {
        name: 'ubuntu',
        ipAddress: '192.168.64.3',
        hwAddress: 'ff,f1:f5:dd:7f:0:2:0:0:ab:11:cb:fb:30:b0:97:b6:3a:67',
        expiresAt: 0x678e2ce7,
      },
    ]);
  });

  it('an empty file is no lease; an entry still being written is not counted', () => {
    expect(parseDhcpdLeases('')).toEqual({ ok: true, value: [] });
    const [first] = fixture('minikube1926-var-db-dhcpd_leases-TRUNCATED.txt').split('}\n');
    expect(parseDhcpdLeases(`${first}`)).toEqual({ ok: true, value: [] });
  });

  it('refuses what is not a lease file', () => {
    expect(parseDhcpdLeases('cat: /var/db/dhcpd_leases: Permission denied\n').ok).toBe(false);
    expect(parseDhcpdLeases('{\n\tname=x\n\tip_address=not-an-ip\n}\n').ok).toBe(false);
  });

  it('holds a lease time past 2^53 seconds as the largest exact number, still far in the future', () => {
    const result = parseDhcpdLeases('{\n\tname=ubuntu\n\tip_address=192.168.64.3\n\tlease=0xa77ee7a4f7ecbee\n}\n');
    expect(result.ok && result.value.map((lease) => lease.expiresAt)).toEqual([Number.MAX_SAFE_INTEGER]);
    const exact = parseDhcpdLeases('{\n\tname=ubuntu\n\tip_address=192.168.64.3\n\tlease=0x6751f1a2\n}\n');
    expect(exact.ok && exact.value.map((lease) => lease.expiresAt)).toEqual([0x6751f1a2]);
  });
});
