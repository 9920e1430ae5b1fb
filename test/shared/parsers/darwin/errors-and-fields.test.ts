// The exact refusal line of each macOS parser (what the user reads when a command printed something else), and the
// field rules the captures do not single out: scutil's resolver keys and proxy switches, lease fields, route
// failure wording, ifconfig's unattached lines.
import { parseDhcpdLeases } from '@src/shared/parsers/darwin/dhcpd-leases';
import { parseIfconfig } from '@src/shared/parsers/darwin/ifconfig';
import { parseNetstatRn } from '@src/shared/parsers/darwin/netstat';
import { parseRouteGet } from '@src/shared/parsers/darwin/route-get';
import { parseScutilDns } from '@src/shared/parsers/darwin/scutil-dns';
import { parseScutilProxy } from '@src/shared/parsers/darwin/scutil-proxy';
import { parseSocketfilterfw } from '@src/shared/parsers/darwin/socketfilterfw';
import { describe, expect, it } from 'vitest';

describe('scutil --dns', () => {
  it('says why a text is not its output', () => {
    expect(parseScutilDns('scutil: command not found')).toEqual({
      ok: false,
      error: 'no "DNS configuration" header (scutil --dns prints one first)',
    });
  });

  it('reads domain (lowercased, without its dot), nameservers, if_index; drops mdns; stops at the scoped block', () => {
    const text = [
      'DNS configuration',
      '',
      'nameserver[0] : 192.0.2.9',
      'resolver #1',
      '  domain   : Corp.Example.',
      '  nameserver[0] : 10.8.0.1',
      '  nameserver[1] : not-an-address',
      '  if_index : 17 (utun4)',
      '  flags    : Request A records',
      '',
      'resolver #2',
      '  domain   : local',
      '  options  : mdns',
      '  if_index : 4',
      '',
      'resolver #3',
      '  nameserver[0] : 2001:db8::53',
      '  if_index : seven',
      '  options  : mdnsx',
      '',
      'DNS configuration (for scoped queries)',
      '',
      'resolver #1',
      '  nameserver[0] : 198.51.100.53',
    ].join('\r\n');
    expect(parseScutilDns(text)).toEqual({
      ok: true,
      value: [
        { domain: 'corp.example', nameservers: ['10.8.0.1'], interface: 'utun4' },
        { domain: null, nameservers: ['2001:db8::53'], interface: null },
      ],
    });
  });
});

describe('scutil --proxy', () => {
  it('says why a text is not its output', () => {
    expect(parseScutilProxy('')).toEqual({ ok: false, error: 'no "<dictionary> {" (scutil --proxy prints one)' });
    expect(parseScutilProxy('HTTPEnable : 1')).toMatchObject({ ok: false });
  });

  it('an enabled proxy needs a host; a port is optional; nested dictionaries and arrays are skipped', () => {
    const text = [
      '<dictionary> {',
      '  ExceptionsList : <array> {',
      '    0 : HTTPSProxy',
      '    HTTPSProxy : nested.example',
      '  }',
      '  HTTPEnable : 1',
      '  HTTPProxy : proxy.example',
      '  HTTPSEnable : 1',
      '  HTTPSPort : 8443',
      '  ProxyAutoConfigEnable : 1',
      '}',
    ].join('\n');
    expect(parseScutilProxy(text)).toEqual({
      ok: true,
      value: [
        { source: 'scutil --proxy HTTPProxy (http)', url: 'http://proxy.example' },
        { source: 'scutil --proxy ProxyAutoConfigURLString', url: 'PAC' },
      ],
    });
  });

  it('a disabled proxy is not one, whatever its host', () => {
    const text =
      '<dictionary> {\n  HTTPEnable : 0\n  HTTPProxy : proxy.example\n  HTTPPort : 3128\n  ProxyAutoConfigEnable : 0\n}\n';
    expect(parseScutilProxy(text)).toEqual({ ok: true, value: [] });
  });
});

describe('dhcpd_leases', () => {
  it.each([
    ['}\n', 'dhcpd_leases: a closing brace without an opening one'],
    ['{\n\tname=x\n\tip_address=not-an-ip\n}\n', 'dhcpd_leases: an entry without a valid ip_address'],
    ['{\n\tname=x\n}\n', 'dhcpd_leases: an entry without a valid ip_address'],
    [
      'cat: /var/db/dhcpd_leases: Permission denied\n',
      'dhcpd_leases: unexpected line "cat: /var/db/dhcpd_leases: Permission denied"',
    ],
    ['name=x\n', 'dhcpd_leases: unexpected line "name=x"'],
    ['{\n\tName=x\n}\n', 'dhcpd_leases: unexpected line "Name=x"'],
    [`{\n${'x'.repeat(80)}\n`, `dhcpd_leases: unexpected line "${'x'.repeat(60)}"`],
    ['{\n\tname\u0007=x\n', 'dhcpd_leases: unexpected line "name =x"'],
  ])('%j → %j', (text, error) => {
    expect(parseDhcpdLeases(text)).toEqual({ ok: false, error });
  });

  it('a lease without name, hardware address or a hex lease time has nulls there', () => {
    expect(
      parseDhcpdLeases(
        '{\n  ip_address=192.168.64.9\n  lease=1700000000\n}\n{\nip_address=192.168.64.8\nlease=0X1F\n}\n',
      ),
    ).toEqual({
      ok: true,
      value: [
        { name: null, ipAddress: '192.168.64.9', hwAddress: null, expiresAt: null },
        { name: null, ipAddress: '192.168.64.8', hwAddress: null, expiresAt: 31 },
      ],
    });
  });
});

describe('route get', () => {
  it.each([
    ['', 'empty output'],
    ['\n \n', 'empty output'],
    ['\u0007\n', 'empty output'],
    ['  route: writing to routing socket: not in table  \n', 'route: writing to routing socket: not in table'],
    ['default via 10.0.0.1 dev eth0\n', 'no route destination in output: default via 10.0.0.1 dev eth0'],
    ['bad\tline\n', 'no route destination in output: bad line'],
    ['   destination:    \n', 'no route destination in output: destination:'],
    [`${'y'.repeat(300)}`, `no route destination in output: ${'y'.repeat(200)}`],
  ])('%j → %j', (text, error) => {
    expect(parseRouteGet(text)).toEqual({ ok: false, error });
  });

  it('the first of a repeated key wins; flags are the words inside <…>; a bad interface name is none', () => {
    const text = [
      '   route to: default',
      'destination: default',
      'destination: 10.0.0.0',
      '    gateway: 192.0.2.1 extra',
      '  interface: 0bad',
      '      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING, bad-flag>',
    ].join('\r\n');
    expect(parseRouteGet(text)).toEqual({
      ok: true,
      value: {
        destination: 'default',
        gateway: '192.0.2.1',
        interface: null,
        flags: ['UP', 'GATEWAY', 'DONE', 'STATIC', 'PRCLONING'],
      },
    });
    expect(parseRouteGet('destination: default\nflags: UP,GATEWAY\n')).toEqual({
      ok: true,
      value: { destination: 'default', gateway: null, interface: null, flags: [] },
    });
  });
});

describe('socketfilterfw', () => {
  it('refuses a list whose count does not match, in one line', () => {
    expect(
      parseSocketfilterfw('Total number of apps = 2\n\n1 : /Applications/A.app\n( Allow incoming connections )\n'),
    ).toEqual({
      ok: false,
      error: 'socketfilterfw --listapps: the app count does not match the apps listed',
    });
  });

  it('reads each state and switch alone, the others null; a verdict without an app is not one', () => {
    expect(parseSocketfilterfw('Firewall is blocking all non-essential incoming connections. (State = 2)\n')).toEqual({
      ok: true,
      value: { state: 2, allowBuiltInSigned: null, apps: null },
    });
    expect(parseSocketfilterfw('Automatically allow built-in signed software DISABLED.\n')).toEqual({
      ok: true,
      value: { state: null, allowBuiltInSigned: false, apps: null },
    });
    expect(
      parseSocketfilterfw(
        'ALF: total number of apps = 2\n( Block incoming connections )\n1 : /Applications/A.app\n( Block incoming connections )\nB (state: 1)\nC (state: 2)\n',
      ),
    ).toEqual({
      ok: true,
      value: {
        state: null,
        allowBuiltInSigned: null,
        apps: [
          { app: '/Applications/A.app', allowed: false },
          { app: 'B', allowed: true },
        ],
      },
    });
  });
});

describe('netstat -rn and ifconfig refusals', () => {
  it('netstat: no IPv4 route', () => {
    expect(parseNetstatRn('Routing tables\n\nInternet6:\ndefault fe80::1 UGc en0\n')).toEqual({
      ok: false,
      error: 'no IPv4 route found (expected `netstat -rn` output)',
    });
  });

  it('ifconfig: empty, no header, and an unattached line, quoted and numbered', () => {
    expect(parseIfconfig(' \n')).toEqual({ ok: false, error: 'empty output (ifconfig always lists lo0)' });
    expect(parseIfconfig('\tinet 192.0.2.1 netmask 0xffffff00\n')).toEqual({
      ok: false,
      error: 'no interface header (`name: flags=…<…> mtu …`) found',
    });
    const long = `en1 damaged header ${'z'.repeat(40)}`;
    expect(parseIfconfig(`lo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> mtu 16384\n\n${long}\n`)).toEqual({
      ok: false,
      error: `line 3 is neither an interface header nor indented (${JSON.stringify(long.slice(0, 40))}), so the lines after it belong to no known interface`,
    });
  });
});

describe('ifconfig property lines', () => {
  const only = (text: string) => {
    const result = parseIfconfig(text);
    if (!result.ok) throw new Error(result.error);
    return result.value;
  };

  it('keeps the first valid MAC, a valid peer, dotted masks; skips inet without a mask and bad member names', () => {
    const text = [
      'bridge0: flags=8863<UP,BROADCAST,RUNNING, SIMPLEX,MULTICAST> mtu 1500',
      '\tether 02:00:00:0g:00:01',
      '\tether 2:0:0:a:0:1',
      '\tether 02:00:00:00:00:02',
      '\tinet 192.0.2.1 --> 192.0.2.2 netmask 255.255.255.0 broadcast 192.0.2.x',
      '\tinet 192.0.2.3',
      '\tinet 192.0.2.4 netmask',
      '\tmember: en1 flags=3<LEARNING,DISCOVER>',
      '\tmember: 1bad flags=3<LEARNING>',
      '\tmember:',
      'lo0: flags=8049 mtu 16384',
    ].join('\n');
    expect(only(text)).toEqual([
      {
        name: 'bridge0',
        flags: ['UP', 'BROADCAST', 'RUNNING', 'SIMPLEX', 'MULTICAST'],
        up: true,
        running: true,
        pointToPoint: true,
        ipv4: [{ address: '192.0.2.1', prefixLength: 24, peer: '192.0.2.2' }],
        members: ['en1'],
        mac: '2:0:0:a:0:1',
      },
      { name: 'lo0', flags: [], up: false, running: false, pointToPoint: false, ipv4: [], members: [] },
    ]);
  });

  it('refuses an interface with more IPv4 addresses than any real one holds', () => {
    const inets = Array.from(
      { length: 4097 },
      (_, index) => `\tinet 10.${index >> 8}.${index & 255}.1 netmask 0xff000000`,
    );
    expect(parseIfconfig(['en0: flags=8863<UP> mtu 1500', ...inets].join('\n'))).toEqual({
      ok: false,
      error: 'en0 lists more than 4096 IPv4 addresses (no real interface holds that many), so it is not judged',
    });
    expect(only(['en0: flags=8863<UP> mtu 1500', ...inets.slice(0, 4096)].join('\n'))[0]!.ipv4).toHaveLength(4096);
  });
});
