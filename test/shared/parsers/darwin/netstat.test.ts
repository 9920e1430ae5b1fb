import { readdirSync, readFileSync } from 'node:fs';
import type { Route } from '@src/shared/model';
import { parseNetstatRn } from '@src/shared/parsers/darwin/netstat';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');

function routesOf(text: string): Route[] {
  const result = parseNetstatRn(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

const defaults = (routes: Route[]): Route[] => routes.filter((route) => route.destination === 'default');
const to = (routes: Route[], destination: string): Route[] =>
  routes.filter((route) => route.destination === destination);

describe('parseNetstatRn on the seed case', () => {
  it('reads the single non-scoped default via 172.2.2.2 on en0', () => {
    expect(routesOf(fixture('seed/netstat-nr-EXCERPT.txt'))).toEqual([
      {
        destination: 'default',
        gateway: '172.2.2.2',
        interface: 'en0',
        flags: ['U', 'G', 'S', 'c', 'g'],
        scoped: false,
      },
    ]);
  });
});

describe('parseNetstatRn on real captures', () => {
  it('cn-vpn: one global default on en0 and scoped on-link defaults on ppp0, bridge100, bridge101', () => {
    const routes = routesOf(fixture('real/netstat-nr/cn-vpn-split-ppp0-bridge100-bridge101-ELIDED.txt'));
    expect(defaults(routes).map((route) => [route.interface, route.gateway, route.scoped])).toEqual([
      ['en0', '192.168.31.1', false],
      ['ppp0', null, true],
      ['bridge100', null, true],
      ['bridge101', null, true],
    ]);
    expect(to(routes, '10.0.0.0/8')).toEqual([
      { destination: '10.0.0.0/8', gateway: null, interface: 'ppp0', flags: ['U', 'S', 'c'], scoped: false },
    ]);
    expect(to(routes, '169.254.0.0/16')).toHaveLength(1);
    expect(to(routes, '255.255.255.255/32').map((route) => route.interface)).toEqual(['en0', 'ppp0']);
    // The `...` elision is skipped; 12 rows remain around it.
    expect(routes).toHaveLength(12);
  });

  it('reads the `!` in Expire as nothing at all (it means expired, not reject)', () => {
    const routes = routesOf(fixture('real/netstat-nr/cn-vpn-split-ppp0-bridge100-bridge101-ELIDED.txt'));
    const bridge100 = defaults(routes).find((route) => route.interface === 'bridge100');
    expect(bridge100).toEqual({
      destination: 'default',
      gateway: null,
      interface: 'bridge100',
      flags: ['U', 'C', 'S', 'I', 'g'],
      scoped: true,
    });
    const header = 'Destination        Gateway            Flags           Netif Expire\n';
    const row = 'default            link#20            UCSIg       bridge100';
    expect(routesOf(`${header}${row}      !\n`)).toEqual(routesOf(`${header}${row}\n`));
  });

  it('parallels: four scoped bridge defaults, the global default via vlan0, /24 networks kept explicit', () => {
    const routes = routesOf(fixture('real/netstat-nr/parallels-bridge100-103-vlan0-default-ELIDED.txt'));
    expect(defaults(routes).map((route) => `${route.interface}:${route.scoped}:${route.gateway}`)).toEqual([
      'vlan0:false:172.17.0.1',
      'bridge100:true:null',
      'bridge101:true:null',
      'bridge102:true:null',
      'bridge103:true:null',
    ]);
    expect(to(routes, '10.37.129.0/24')[0]).toMatchObject({ interface: 'bridge101', gateway: null, scoped: false });
    expect(to(routes, '10.37.132.2/32')[0]).toMatchObject({ interface: 'lo0', scoped: true });
    expect(to(routes, '127.0.0.0/8')[0]).toMatchObject({ gateway: '127.0.0.1', interface: 'lo0' });
  });

  it('multipass961: old layout with Refs/Use columns, vmnet bridge named bridge1', () => {
    const routes = routesOf(fixture('real/netstat-nr/multipass961-hyperkit-bridge1-anyconnect-TRUNCATED.txt'));
    expect(routes).toHaveLength(15);
    expect(defaults(routes)).toEqual([
      { destination: 'default', gateway: '10.1.200.254', interface: 'en0', flags: ['U', 'G', 'S', 'c'], scoped: false },
      { destination: 'default', gateway: null, interface: 'bridge1', flags: ['U', 'C', 'S', 'I'], scoped: true },
    ]);
    expect(to(routes, '192.168.64.0/24')).toEqual([
      { destination: '192.168.64.0/24', gateway: null, interface: 'bridge1', flags: ['U', 'C', 'S'], scoped: false },
    ]);
    expect(to(routes, '10.1.200.0/24')[0]?.interface).toBe('en0');
    expect(to(routes, '192.168.64.255/32')[0]?.interface).toBe('bridge1');
  });

  it('tart: OpenVPN routes on utun0, redacted addresses skipped or treated as no next hop', () => {
    const routes = routesOf(
      fixture('real/netstat-nr/tart473-netstat-rn-f-inet-bridge100-openvpn-REDACTED-TRUNCATED.txt'),
    );
    expect(routes.filter((route) => route.interface === 'utun0').map((route) => route.destination)).toEqual([
      '10.90.4.0/24',
      '10.90.5.0/24',
    ]);
    expect(to(routes, '10.90.4.0/24')[0]).toMatchObject({ gateway: null, flags: ['U', 'G', 'S', 'c'] });
    expect(defaults(routes).map((route) => [route.interface, route.scoped])).toEqual([
      ['en0', false],
      ['bridge100', true],
    ]);
    expect(routes.some((route) => route.destination.includes('wan') || route.destination.startsWith('v.'))).toBe(false);
  });

  it('jc -rnl: the Mtu column does not shift Netif, and Internet6 is not read', () => {
    const routes = routesOf(fixture('real/netstat-nr/jc-osx-10.14.6-netstat-rnl.txt'));
    expect(routes).toHaveLength(30);
    expect(defaults(routes)).toEqual([
      {
        destination: 'default',
        gateway: '192.168.1.254',
        interface: 'en0',
        flags: ['U', 'G', 'S', 'c'],
        scoped: false,
      },
    ]);
    expect(to(routes, '192.168.1.221/32').map((route) => route.interface)).toEqual(['en0', 'lo0']);
    expect(to(routes, '192.168.71.0/24')[0]?.interface).toBe('vmnet8');
    expect(to(routes, '224.0.0.0/4')[0]?.flags).toEqual(['U', 'm', 'C', 'S']);
    expect(routes.every((route) => !route.destination.includes(':'))).toBe(true);
  });

  it('-rnl on 10.15+: the RT_IFA column and Refs/Use/Mtu are read by header, Netif and Expire stay right', () => {
    const routes = routesOf(fixture('real/netstat-nr/public-test-netstat-rnl-rt_ifa-refs-use-mtu-JOINED.txt'));
    expect(routes.map((route) => [route.destination, route.gateway, route.interface])).toEqual([
      ['default', '192.168.0.1', 'en0'],
      ['10.1.1.0/24', null, 'en6'],
      ['10.1.1.1/32', null, 'en6'],
      ['127.0.0.0/8', '127.0.0.1', 'lo0'],
      ['192.168.0.0/24', null, 'en0'],
      ['224.0.0.0/4', null, 'en6'],
    ]);
    expect(defaults(routes)[0]?.flags).toEqual(['U', 'G', 'S', 'c', 'g']);
  });

  it('reads every header layout macOS printed, with empty RT_IFA, Mtu and Expire cells', () => {
    // One row of the seed's table in each layout of network_cmds route.c `pr_rthdr()` (SOURCES.md, netstat-nr).
    const layouts = [
      'Destination        Gateway            Flags        Refs      Use   Netif Expire\n' +
        'default            172.2.2.2          UGSc           48        0     en0\n',
      'Destination        Gateway            Flags        Refs      Use    Mtu   Netif Expire\n' +
        'default            172.2.2.2          UGSc           83       24   1500     en0       \n',
      'Destination        Gateway            Flags           Netif Expire\n' +
        'default            172.2.2.2          UGScg             en0       \n',
      'Destination        Gateway            RT_IFA             Flags        Refs      Use    Mtu          Netif Expire\n' +
        'default            172.2.2.2          172.2.3.10         UGScg       10        0   1500            en0\n',
      // No source address and an MTU of 0: both cells are left blank.
      'Destination        Gateway            RT_IFA             Flags        Refs      Use    Mtu          Netif Expire\n' +
        'default            172.2.2.2                             UGScg       10        0                   en0      !\n',
      'Destination        Gateway            RT_IFA             Flags        Netif Expire\n' +
        'default            172.2.2.2          172.2.3.10         UGScg          en0\n',
      'Destination        Gateway            RT_IFA             Flags        Refs      Use    Mtu          Netif Expire    rtt(ms) rttvar(ms)\n' +
        'default            172.2.2.2          172.2.3.10         UGScg       10        0   1500            en0                 1.500      0.750\n',
    ];
    for (const text of layouts) {
      expect(defaults(routesOf(text)), text).toEqual([
        expect.objectContaining({ destination: 'default', gateway: '172.2.2.2', interface: 'en0' }),
      ]);
    }
  });

  it('refuses a row with more numbers before Netif than the header has columns', () => {
    const header =
      'Destination        Gateway            RT_IFA             Flags        Refs      Use    Mtu          Netif Expire\n';
    const row = `default 172.2.2.2 172.2.3.10 UGScg ${'1 '.repeat(50_000)}en0\n`;
    expect(parseNetstatRn(header + row)).toMatchObject({ ok: false });
  });

  it('docker-desktop: utun0 routes whose Gateway column holds an interface name have no next hop', () => {
    const routes = routesOf(
      fixture('real/netstat-nr/docker-desktop-blog-after-docker-mac-net-connect-utun0-routes.txt'),
    );
    expect(to(routes, '172.17.0.0/16')).toEqual([
      { destination: '172.17.0.0/16', gateway: null, interface: 'utun0', flags: ['U', 'S', 'c'], scoped: false },
    ]);
    expect(to(routes, '172.18.0.0/16')[0]?.gateway).toBeNull();
    expect(to(routes, '10.33.33.2/32')[0]).toMatchObject({ gateway: '10.33.33.1', interface: 'utun0' });
    expect(to(routes, '192.168.64.0/24')[0]?.interface).toBe('bridge100');
    // A host route printed with /32 and one printed bare are the same destination.
    expect(to(routes, '192.168.1.1/32')).toHaveLength(2);
  });

  it('reads the header-less grep excerpt of Apple container routes', () => {
    const routes = routesOf(fixture('real/netstat-nr/apple-container-netstat-rn-grep-192.168-EXCERPT.txt'));
    expect(routes).toEqual([
      { destination: '192.168.64.0/24', gateway: null, interface: 'bridge100', flags: ['U', 'C'], scoped: false },
      {
        destination: '192.168.64.38/32',
        gateway: null,
        interface: 'bridge100',
        flags: ['U', 'H', 'L', 'W', 'I', 'i'],
        scoped: true,
      },
    ]);
  });

  it('parses every real netstat capture', () => {
    const directory = new URL('../../../fixtures/real/netstat-nr/', import.meta.url);
    for (const file of readdirSync(directory)) {
      expect(parseNetstatRn(readFileSync(new URL(file, directory), 'utf8')).ok, file).toBe(true);
    }
  });
});

describe('parseNetstatRn destination normalisation', () => {
  const header = 'Routing tables\n\nInternet:\nDestination        Gateway            Flags           Netif Expire\n';
  const destinationOf = (destination: string, flags = 'UCS'): string | undefined =>
    routesOf(`${header}${destination}  link#6  ${flags}  en0\n`)[0]?.destination;

  it.each([
    ['127', '127.0.0.0/8'],
    ['10', '10.0.0.0/8'],
    ['169.254', '169.254.0.0/16'],
    ['172.17', '172.17.0.0/16'],
    ['192.168.64', '192.168.64.0/24'],
    ['192.168.1.1', '192.168.1.1/32'],
    ['192.168.1.1/32', '192.168.1.1/32'],
    ['255.255.255.255/32', '255.255.255.255/32'],
    ['128.0/1', '128.0.0.0/1'],
    ['0/1', '0.0.0.0/1'],
    ['10.37.129/24', '10.37.129.0/24'],
    ['224.0.0/4', '224.0.0.0/4'],
    ['default', 'default'],
  ])('%s → %s', (printed, normalised) => {
    expect(destinationOf(printed)).toBe(normalised);
  });

  it('reads a short destination with the H flag, or one with host bits under its class, as a host', () => {
    expect(destinationOf('10', 'UH')).toBe('10.0.0.0/32');
    expect(destinationOf('10.37.129', 'UCS')).toBe('10.37.129.0/32');
  });

  it('skips non-IPv4 destinations and impossible masks', () => {
    const text = `${header}wan/26  link#6  UCS  en0\n10.1/33  link#6  UCS  en0\n300.1  link#6  UCS  en0\n127  127.0.0.1  UCS  lo0\n`;
    expect(routesOf(text).map((route) => route.destination)).toEqual(['127.0.0.0/8']);
  });
});

describe('parseNetstatRn on layouts and failures', () => {
  it('tolerates a missing Routing tables header and Internet: line, and stops at Internet6:', () => {
    const text =
      'Destination        Gateway            Flags        Refs      Use   Netif Expire\n' +
      'default            10.0.0.1           UGSc           1        0     en0\n' +
      '\nInternet6:\nDestination        Gateway            Flags         Netif Expire\n' +
      'default            fe80::1%en0        UGc             en0\n' +
      '10.9               link#4             UC              en0\n';
    expect(routesOf(text)).toEqual([
      { destination: 'default', gateway: '10.0.0.1', interface: 'en0', flags: ['U', 'G', 'S', 'c'], scoped: false },
    ]);
  });

  it('skips rows with more words than the header has columns, or too few to reach Netif', () => {
    const text =
      'Destination  Gateway  Flags  Netif Expire\n' +
      '172.1  link#4  UC  en0  !  extra\n' +
      '172.2  link#4  UC\n' +
      '172.3  link#4  UC  en0\n';
    expect(routesOf(text).map((route) => route.destination)).toEqual(['172.3.0.0/16']);
  });

  it('is unparseable without any recognisable route', () => {
    expect(parseNetstatRn('')).toMatchObject({ ok: false });
    expect(parseNetstatRn('Routing tables\n\nInternet:\nDestination  Gateway  Flags  Netif Expire\n')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no IPv4 route'),
    });
    expect(
      parseNetstatRn('netstat: illegal option -- z\nusage: netstat [-AaLlnW] [-f address_family]\n'),
    ).toMatchObject({
      ok: false,
    });
    expect(parseNetstatRn(fixture('seed/vm-ip-route-EXCERPT.txt'))).toMatchObject({ ok: false });
  });
});
