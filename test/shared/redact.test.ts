import { readFileSync } from 'node:fs';
import { parseIfconfig } from '@src/shared/parsers/darwin/ifconfig';
import { parseIpAddrJson } from '@src/shared/parsers/linux/ip-addr';
import { createRedactor } from '@src/shared/redact';
import { describe, expect, it } from 'vitest';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const PLACEHOLDER = /02:00:00:00:[0-9a-f]{2}:[0-9a-f]{2}/g;

describe('redaction of hardware addresses', () => {
  it('replaces MAC addresses consistently and keeps IP addresses', () => {
    const redactor = createRedactor([]);
    const text = fixture('seed/ifconfig-bridge100.txt');
    const out = redactor.redact(text, 'ifconfig.txt');
    expect(out).not.toContain('16:7d:da:47:fb:64');
    expect(out).toContain('inet 192.168.77.1 netmask 0xffffff00');
    expect(out).toContain('fdc3:c045:483c:7986:c67:998c:8b2c:7afa');
    // the bridge's all-zero ids are no one's hardware address
    expect(out).toContain('id 0:0:0:0:0:0');
    const again = redactor.redact('ether 16:7d:da:47:fb:64 and 16:7D:DA:47:FB:64');
    const [first, second] = again.match(PLACEHOLDER) ?? [];
    expect(first).toBeDefined();
    expect(first).toBe(second);
    expect(out).toContain(first!);
  });

  it('still parses after redaction', () => {
    const out = createRedactor([]).redact(fixture('real/ifconfig/jc-osx-10.14.6-ifconfig.txt'), 'ifconfig.txt');
    const parsed = parseIfconfig(out);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.find((iface) => iface.name === 'en0')?.mac).toMatch(/^02:00:00:00:/);
  });

  it('gives an EUI-64 IPv6 address the interface id of its MAC placeholder, so the MAC cannot be read back', () => {
    const out = createRedactor([]).redact(fixture('real/ifconfig/jc-osx-10.14.6-ifconfig.txt'), 'ifconfig.txt');
    expect(out).not.toMatch(/aede:48ff:fe00:1323|1c06:52ff:feda:9b86/);
    const en5 = out.slice(out.indexOf('en5:'), out.indexOf('\n', out.indexOf('inet6', out.indexOf('en5:'))));
    const mac = en5.match(PLACEHOLDER)![0];
    // 02:00:00:00:XX:YY gives the interface id 0:ff:fe00:XXYY (the universal/local bit flipped back).
    const [, , , , x, y] = mac.split(':').map((pair) => Number.parseInt(pair, 16));
    expect(en5).toContain(`inet6 fe80::ff:fe00:${((x! << 8) | y!).toString(16)}%en5 prefixlen 64`);
  });

  it('leaves non-EUI-64 IPv6 ids, IPv4 addresses, times and the broadcast MAC alone', () => {
    const text =
      'inet6 fdc3:c045:483c:7986:c67:998c:8b2c:7afa inet6 fe80::1:2:3:4:5:6%en0 10:00:05 brd ff:ff:ff:ff:ff:ff\n';
    expect(createRedactor([]).redact(text)).toBe(text);
  });

  it('catches MACs with dashes, dots and as bare hex in enx names, one placeholder per MAC', () => {
    const redactor = createRedactor([]);
    const out = redactor.redact(
      'a 3c:22:fb:00:00:01 b 3c-22-fb-00-00-01 c 3c22.fb00.0001 d enx3c22fb000001 e fe80::3e22:fbff:fe00:1%enx3c22fb000001\n',
    );
    expect(out).not.toMatch(/3c.?22.?fb|3e22:fbff/i);
    expect(out).toBe(
      'a 02:00:00:00:00:01 b 02-00-00-00-00-01 c 0200.0000.0001 d enx020000000001 e fe80::ff:fe00:1%enx020000000001\n',
    );
  });

  it('redacts ip -j output by value: enx names everywhere, keys and other values untouched, and it still parses', () => {
    const real = JSON.parse(fixture('linux/host-ip-j-addr-show.json'));
    const first = real[0];
    const hostile = JSON.stringify([
      { ...first, ifname: 'enx3c22fb000001', address: '3c:22:fb:00:00:01' },
      ...real.slice(1),
    ]);
    const out = createRedactor(['dev', 'default', 'address']).redact(hostile, 'ip-addr.json');
    expect(out).not.toMatch(/3c:?22:?fb/);
    expect(Object.keys(JSON.parse(out)[0])).toEqual(Object.keys({ ...first, ifname: '', address: '' }));
    const parsed = parseIpAddrJson(out);
    expect(parsed.ok && parsed.value[0]?.name).toBe('enx020000000001');
  });
});

describe('redaction of names, by field', () => {
  it("replaces DHCP's host and domain names and the server name, never the DNS servers' addresses", () => {
    const redactor = createRedactor(['Johns-MacBook-Pro']);
    const text = [
      'sname = Yuqis-iPhone',
      'host_name (string): johns-macbook-pro',
      'domain_name (string): corp.example.com',
      'domain_search (domain_search): {corp.example.com, lab.example.com}',
      'domain_name_server (ip_mult): {192.168.1.253}',
      'chaddr = 34:36:3b:cd:fd:ae',
      '',
    ].join('\n');
    expect(redactor.redact(text, 'ipconfig-getpacket-en0.txt')).toBe(
      [
        'sname = redacted-host-2',
        'host_name (string): redacted-host-1',
        'domain_name (string): redacted-host-3',
        'domain_search (domain_search): {redacted-host-3, redacted-host-4}',
        'domain_name_server (ip_mult): {192.168.1.253}',
        'chaddr = 02:00:00:00:00:01',
        '',
      ].join('\n'),
    );
  });

  it('never turns JSON keys or route words into placeholders when the host is called "dev" or "default"', () => {
    const redactor = createRedactor(['dev', 'default', 'vm']);
    const route = fixture('real/vm-ip-route/apple-container-vmnet-ip-route-EXCERPT.txt');
    expect(redactor.redact(route, 'vm-ip-route.txt')).toBe(route);
    const json = '[{"dst":"default","gateway":"192.168.64.1","dev":"en0","flags":[]}]';
    expect(JSON.parse(redactor.redact(json, 'ip-route.json'))).toEqual(JSON.parse(json));
    expect(redactor.redact('member vmenet0 on vm, host VM; bl-vm stays')).toBe(
      'member vmenet0 on vm, host VM; bl-vm stays',
    );
  });

  it('replaces the values of JSON name fields (hostname, ComputerName, LocalHostName)', () => {
    const out = createRedactor(['dev']).redact(
      '{"HostName":"dev","ComputerName":"John’s MacBook","LocalHostName":"Johns-MacBook","Name":"dev"}',
      'x.json',
    );
    expect(JSON.parse(out)).toEqual({
      HostName: 'redacted-host-1',
      ComputerName: 'redacted-host-2 redacted-host-3',
      LocalHostName: 'redacted-host-4',
      Name: 'dev',
    });
  });

  it("redacts Bridgelight's own values by string, keeping keys", () => {
    const redactor = createRedactor([]);
    expect(redactor.redactValue({ interface: 'enx3c22fb000001', evidence: ['ether 3c:22:fb:00:00:01'] })).toEqual({
      interface: 'enx020000000001',
      evidence: ['ether 02:00:00:00:00:01'],
    });
  });
});
