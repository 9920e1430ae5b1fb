import type { NetInterface } from '@src/shared/model';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Words, name patterns and lists that src/shared builds when a module loads. Each test imports its module afresh
// so that a mutation run (Stryker) sees these tests build them, instead of charging a changed table to whichever
// test happened to load the module first.
beforeEach(() => {
  vi.resetModules();
});

describe('the words and glyphs every face uses', () => {
  it('names each light by a glyph of its own shape and a word', async () => {
    const { LIGHT_GLYPH, VERDICT_WORD } = await import('@src/shared/presentation');
    expect(LIGHT_GLYPH).toEqual({ green: '✓', yellow: '▲', red: '✕', unknown: '?' });
    expect(VERDICT_WORD).toEqual({ green: 'All clear', yellow: 'Degraded', red: 'Broken', unknown: 'Unknown' });
  });

  it('labels each hop, and says how a hop off the path reads', async () => {
    const { HOP_LABEL, NOT_ON_PATH } = await import('@src/shared/presentation');
    expect(HOP_LABEL).toEqual({
      vm: 'VM',
      bridge: 'Bridge',
      nat: 'NAT',
      egress: 'Egress',
      gateway: 'Gateway',
      internet: 'Internet',
    });
    expect(NOT_ON_PATH).toBe('not on this path');
  });

  it('links each finding to its page in the repository', async () => {
    const { findingDocUrl } = await import('@src/shared/finding-docs');
    expect(findingDocUrl('nat-source-stale')).toBe(
      'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/nat-source-stale.md',
    );
  });
});

describe('proxy variables the host’s tools follow', () => {
  it('reads HTTPS, HTTP and ALL proxies in either case, HTTPS first, and ignores blank ones', async () => {
    const { environmentProxies } = await import('@src/shared/host-context');
    const env = {
      all_proxy: 'socks5://192.0.2.9:1080',
      ALL_PROXY: 'socks5://192.0.2.8:1080',
      http_proxy: 'http://192.0.2.7:3128',
      HTTP_PROXY: 'http://192.0.2.6:3128',
      https_proxy: 'http://192.0.2.5:3128',
      HTTPS_PROXY: ' http://user:secret@192.0.2.4:3128 ',
      NO_PROXY: 'localhost',
      FTP_PROXY: 'http://192.0.2.3:21',
    };
    expect(environmentProxies(env)).toEqual([
      { source: 'environment HTTPS_PROXY', url: 'http://192.0.2.4:3128' },
      { source: 'environment https_proxy', url: 'http://192.0.2.5:3128' },
      { source: 'environment HTTP_PROXY', url: 'http://192.0.2.6:3128' },
      { source: 'environment http_proxy', url: 'http://192.0.2.7:3128' },
      { source: 'environment ALL_PROXY', url: 'socks5://192.0.2.8:1080' },
      { source: 'environment all_proxy', url: 'socks5://192.0.2.9:1080' },
    ]);
    expect(environmentProxies({ HTTPS_PROXY: '  ', http_proxy: '' })).toEqual([]);
  });
});

describe('interface MTUs from text the collectors already hold', () => {
  it('reads every interface of a listing, LF or CRLF, ip addr’s index of any width included', async () => {
    const { interfaceMtus } = await import('@src/shared/host-context');
    expect(
      interfaceMtus(
        'lo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> mtu 16384\n\toptions=1203<RXCSUM>\nen0: flags=8863<UP> mtu 1500\n',
      ),
    ).toEqual({ lo0: 16384, en0: 1500 });
    expect(interfaceMtus('2: eth0: <UP> mtu 1500 qdisc\r\n12: veth7@if11: <UP> mtu 1400 qdisc\r\n')).toEqual({
      eth0: 1500,
      veth7: 1400,
    });
    expect(interfaceMtus('3:  wg0: <POINTOPOINT>  mtu   1420 qdisc')).toEqual({ wg0: 1420 });
  });

  it('takes an MTU only from a line that starts with an interface, never from the lines under it', async () => {
    const { interfaceMtus } = await import('@src/shared/host-context');
    expect(interfaceMtus('\tnote: mtu 9000\n    link/ether x: mtu 9000\n')).toBeNull();
    expect(interfaceMtus('[{"ifname":"eth0","mtu":1500},{"ifname":7,"mtu":1}]')).toEqual({ eth0: 1500 });
    expect(interfaceMtus('[not json')).toBeNull();
  });
});

const iface = (name: string, members: string[], address = '192.168.64.1'): NetInterface => ({
  name,
  flags: ['UP', 'RUNNING'],
  up: true,
  running: true,
  pointToPoint: false,
  ipv4: [{ address, prefixLength: 24 }],
  members,
});

describe('vmnet bridges by name', () => {
  it('takes bridgeN with vmenetN or enN members, any number of digits', async () => {
    const { vmnetBridges } = await import('@src/shared/vmnet-bridges');
    const found = vmnetBridges([
      iface('bridge100', ['vmenet0', 'vmenet12']),
      iface('bridge1', ['en5'], '192.168.65.1'),
      iface('bridge101', ['en12'], '192.168.66.1'),
    ]);
    expect(found.map((bridge) => [bridge.name, bridge.members])).toEqual([
      ['bridge100', ['vmenet0', 'vmenet12']],
      ['bridge1', ['en5']],
      ['bridge101', ['en12']],
    ]);
  });

  it('refuses names that only contain a bridge or member name, or carry no number', async () => {
    const { vmnetBridges } = await import('@src/shared/vmnet-bridges');
    for (const name of ['xbridge100', 'bridge100x', 'bridge', 'bridgeX', 'mybridge0'])
      expect(vmnetBridges([iface(name, ['vmenet0'])]), name).toEqual([]);
    for (const member of ['xvmenet0', 'vmenet0x', 'vmenet', 'en', 'enX', 'veth0', 'xen0'])
      expect(vmnetBridges([iface('bridge100', [member])]), member).toEqual([]);
  });
});

describe('ifconfig’s hex netmasks and subnets', () => {
  it('reads 0x and up to 8 hex digits, and nothing before or after them', async () => {
    const { hexMaskToPrefix } = await import('@src/shared/ipv4');
    expect(hexMaskToPrefix('0xffffff00')).toBe(24);
    expect(hexMaskToPrefix('0xFFFF0000')).toBe(16);
    expect(hexMaskToPrefix('0x0')).toBe(0);
    expect(hexMaskToPrefix('0xffffffff')).toBe(32);
    for (const text of ['ab0xffffff00', '0xffffff00zz', '0xffffff00 ', 'ffffff00', '0x', '0x1ffffff00', '0xff00ff00'])
      expect(hexMaskToPrefix(text), text).toBeNull();
  });

  it('holds no address in a prefix outside 0 to 32, or with a malformed address', async () => {
    const { inSubnet } = await import('@src/shared/ipv4');
    expect(inSubnet('192.0.2.4', '192.0.2.0', 24)).toBe(true);
    expect(inSubnet('192.0.2.4', '192.0.2.0', 33)).toBe(false);
    expect(inSubnet('192.0.2.4', '192.0.2.0', -1)).toBe(false);
    expect(inSubnet('192.0.2', '192.0.2.0', 24)).toBe(false);
    expect(inSubnet('192.0.2.4', 'x', 24)).toBe(false);
  });
});

describe('VM selectors as typed', () => {
  it('reads back as the provider alone or PROVIDER/NAME', async () => {
    const { selectorRef } = await import('@src/shared/vm-select');
    expect(selectorRef({ provider: 'lima', name: null })).toBe('lima');
    expect(selectorRef({ provider: 'lima', name: 'default' })).toBe('lima/default');
  });
});

describe('which finding a consequence is shown under', () => {
  it('is the one naming it among several causes', async () => {
    const { causeOf } = await import('@src/shared/presentation');
    const finding = (id: string, causes?: string[]) =>
      ({
        id,
        severity: 'error',
        title: id,
        detail: '',
        evidence: [],
        fix: null,
        ...(causes ? { causes } : {}),
      }) as never;
    const consequence = finding('vm-internet-unreachable');
    const cause = finding('nat-source-stale', ['vm-dns-failing', 'vm-internet-unreachable']);
    expect(causeOf([cause, consequence], consequence)).toBe(cause);
    expect(causeOf([cause, consequence], cause)).toBeUndefined();
  });
});
