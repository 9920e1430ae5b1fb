import { environmentProxies, interfaceMtus, resolvConfResolver, withoutCredentials } from '@src/shared/host-context';
import { describe, expect, it } from 'vitest';

// Small synthetic inputs for the branches test/shared/parsers/darwin/scutil.test.ts does not reach.

describe('interfaceMtus', () => {
  it('reads ip -j addr output with surrounding blank lines, skipping links without a name or a numeric MTU', () => {
    const json = '\n  [{"ifname":"en0","mtu":"1400"},{"mtu":9000},{"ifname":"en1","mtu":1500},{"ifname":"en2"}]\n';
    expect(interfaceMtus(json)).toEqual({ en1: 1500 });
  });

  it('is null for a JSON list with no MTU in it', () => {
    expect(interfaceMtus('[]')).toBeNull();
    expect(interfaceMtus('[{"ifname":"en0"}]')).toBeNull();
  });

  it('reads ip addr and ifconfig text lines, CRLF too, and only MTUs of 2 to 5 digits', () => {
    const text = [
      '3: en0@if2: <BROADCAST,MULTICAST,UP> mtu 1400 qdisc noqueue state UP',
      'lo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> mtu 16384',
      'vmenet0: flags=8863<UP> mtu 9',
      'bridge100: flags=8863<UP> mtu 123456',
      '\tinet 192.168.64.1 netmask 0xffffff00 mtu 1500',
      'br-1.2_x: flags=8863<UP> mtu 68',
    ].join('\r\n');
    expect(interfaceMtus(text)).toEqual({ en0: 1400, lo0: 16384, 'br-1.2_x': 68 });
  });

  it('is null for text with no MTU line', () => {
    expect(interfaceMtus('nothing here\n')).toBeNull();
  });
});

describe('withoutCredentials', () => {
  it('drops a user (with or without a password) after any scheme, in any case', () => {
    expect(withoutCredentials('HTTP://me:secret@proxy.corp:3128/')).toBe('HTTP://proxy.corp:3128/');
    expect(withoutCredentials('socks5h://me@proxy.corp:1080')).toBe('socks5h://proxy.corp:1080');
  });

  it('leaves an @ in the path, and text that does not start with a URL, alone', () => {
    expect(withoutCredentials('http://proxy.corp/a@b')).toBe('http://proxy.corp/a@b');
    expect(withoutCredentials('see http://me:secret@proxy.corp')).toBe('see http://me:secret@proxy.corp');
  });
});

describe('environmentProxies', () => {
  it('lists every set proxy variable in curl’s order, trimmed; blank ones are not set', () => {
    expect(
      environmentProxies({
        all_proxy: ' socks5://me:pw@192.0.2.9:1080 ',
        http_proxy: 'http://192.0.2.8:3128',
        HTTPS_PROXY: '   ',
        https_proxy: 'http://192.0.2.7:8080',
      }),
    ).toEqual([
      { source: 'environment https_proxy', url: 'http://192.0.2.7:8080' },
      { source: 'environment http_proxy', url: 'http://192.0.2.8:3128' },
      { source: 'environment all_proxy', url: 'socks5://192.0.2.9:1080' },
    ]);
    expect(environmentProxies({})).toEqual([]);
  });
});

describe('resolvConfResolver', () => {
  it('takes every indented or CRLF nameserver line that holds an IP address, nothing else', () => {
    const text = [
      '# nameserver 192.0.2.99',
      '  nameserver   192.0.2.1 # the VPN',
      'nameserver 2001:db8::53',
      'nameserver not-an-address',
      'search corp.example',
      'nameserver\t198.51.100.53',
    ].join('\r\n');
    expect(resolvConfResolver(text)).toEqual({
      domain: null,
      nameservers: ['192.0.2.1', '2001:db8::53', '198.51.100.53'],
      interface: null,
    });
  });
});
