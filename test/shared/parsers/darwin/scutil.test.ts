import { readFileSync } from 'node:fs';
import { environmentProxies, interfaceMtus, resolvConfResolver, withoutCredentials } from '@src/shared/host-context';
import { parseScutilDns } from '@src/shared/parsers/darwin/scutil-dns';
import { parseScutilProxy } from '@src/shared/parsers/darwin/scutil-proxy';
import { describe, expect, it } from 'vitest';

const real = (path: string): string => readFileSync(new URL(`../../../fixtures/real/${path}`, import.meta.url), 'utf8');

describe('scutil --dns', () => {
  it('reads per-domain VPN resolvers beside the default one', () => {
    const result = parseScutilDns(real('scutil-dns/dnspython1267-per-domain-vpn-resolvers-REDACTED-TRUNCATED.txt'));
    expect(result).toEqual({
      ok: true,
      value: [
        { domain: null, nameservers: ['192.0.2.1'], interface: 'en0' },
        { domain: 'dev.example.com', nameservers: ['10.8.0.1', '10.8.0.2'], interface: null },
        { domain: 'sandbox.example.com', nameservers: ['10.8.0.1', '10.8.0.2'], interface: null },
        { domain: 'services.example.com', nameservers: ['10.8.0.1', '10.8.0.2'], interface: null },
      ],
    });
  });

  it('keeps the tunnel a resolver is reached through and drops mDNS ones', () => {
    const result = parseScutilDns(real('scutil-dns/firezone6220-utun8-supplemental-search-domain-TRUNCATED.txt'));
    expect(result.ok && result.value).toEqual([
      { domain: null, nameservers: ['100.100.111.1', 'fd00:2021:1111:8000:100:100:111:0'], interface: 'utun8' },
      { domain: null, nameservers: ['2600:1700:3ecb:2410::1', '192.168.1.254'], interface: 'en0' },
    ]);
  });

  it('refuses text that is not scutil --dns output', () => {
    expect(parseScutilDns('scutil: command not found').ok).toBe(false);
  });
});

describe('scutil --proxy', () => {
  it('reads the enabled HTTPS and HTTP proxies', () => {
    expect(parseScutilProxy(real('scutil-proxy/surge-kb-https-http-proxy-127.0.0.1-6152.txt'))).toEqual({
      ok: true,
      value: [
        { source: 'scutil --proxy HTTPSProxy (https)', url: 'http://127.0.0.1:6152' },
        { source: 'scutil --proxy HTTPProxy (http)', url: 'http://127.0.0.1:6152' },
      ],
    });
  });

  it('says none when only exceptions are listed, and names a PAC file', () => {
    expect(parseScutilProxy(real('scutil-proxy/yakit2164-no-proxy-exceptions-only.txt'))).toEqual({
      ok: true,
      value: [],
    });
    const pac = parseScutilProxy(real('scutil-proxy/httptoolkit151-pac-only.txt'));
    expect(pac.ok && pac.value).toEqual([
      { source: 'scutil --proxy ProxyAutoConfigURLString', url: 'http://wpad.company.com/wpad.dat' },
    ]);
    expect(parseScutilProxy('').ok).toBe(false);
  });
});

describe('host context', () => {
  it("reads each interface's MTU from ifconfig and ip -j addr", () => {
    const ifconfig = real('ifconfig/xhyve84-utun0-cisco-vpn-point-to-point.txt');
    expect(interfaceMtus(ifconfig)).toEqual({ utun0: 1500 });
    expect(interfaceMtus('[{"ifname":"en0","mtu":1400},{"ifname":"lo","mtu":65536}]')).toEqual({
      en0: 1400,
      lo: 65536,
    });
    expect(interfaceMtus('[{"ifname":')).toBeNull();
  });

  it('takes proxies from the environment without their credentials', () => {
    expect(
      environmentProxies({ HTTPS_PROXY: 'http://me:secret@proxy.corp:3128', PATH: '/bin', http_proxy: '' }),
    ).toEqual([{ source: 'environment HTTPS_PROXY', url: 'http://proxy.corp:3128' }]);
    expect(withoutCredentials('http://proxy:8080')).toBe('http://proxy:8080');
  });

  it('reads a resolv.conf as one default resolver', () => {
    expect(resolvConfResolver('nameserver 203.0.113.54\noptions timeout:1\n')).toEqual({
      domain: null,
      nameservers: ['203.0.113.54'],
      interface: null,
    });
  });
});
