import { readFileSync } from 'node:fs';
import { parseIfconfig } from '@src/shared/parsers/darwin/ifconfig';
import { createRedactor } from '@src/shared/redact';
import { describe, expect, it } from 'vitest';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

describe('redaction', () => {
  it('replaces MAC addresses consistently and keeps IP addresses', () => {
    const redactor = createRedactor([]);
    const text = fixture('seed/ifconfig-bridge100.txt');
    const out = redactor.redact(text);
    expect(out).not.toContain('16:7d:da:47:fb:64');
    expect(out).toContain('inet 192.168.77.1 netmask 0xffffff00');
    expect(out).toContain('fdc3:c045:483c:7986:c67:998c:8b2c:7afa');
    // the bridge's all-zero ids are no one's hardware address
    expect(out).toContain('id 0:0:0:0:0:0');
    const again = redactor.redact('ether 16:7d:da:47:fb:64 and 16:7D:DA:47:FB:64');
    const [first, second] = again.match(/02:00:00:00:[0-9a-f]{2}:[0-9a-f]{2}/g) ?? [];
    expect(first).toBeDefined();
    expect(first).toBe(second);
    expect(out).toContain(first!);
  });

  it('still parses after redaction', () => {
    const out = createRedactor([]).redact(fixture('real/ifconfig/jc-osx-10.14.6-ifconfig.txt'));
    const parsed = parseIfconfig(out);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.find((iface) => iface.name === 'en0')?.mac).toMatch(/^02:00:00:00:/);
  });

  it('replaces host names wherever they appear, longest first', () => {
    const redactor = createRedactor(['Johns-MacBook-Pro.local', 'Johns-MacBook-Pro']);
    expect(redactor.redact('sname = Johns-MacBook-Pro.local\nhost johns-macbook-pro\n')).toBe(
      'sname = redacted-host-1\nhost redacted-host-2\n',
    );
  });

  it('replaces whole names only, so a short host name cannot mangle interface names', () => {
    const redactor = createRedactor(['vm']);
    expect(redactor.redact('member vmenet0 on vm, host VM; bl-vm stays')).toBe(
      'member vmenet0 on redacted-host-1, host redacted-host-1; bl-vm stays',
    );
  });

  it('leaves a MAC-looking run inside an IPv6 address alone', () => {
    expect(createRedactor([]).redact('inet6 fe80::1:2:3:4:5:6%en0')).toBe('inet6 fe80::1:2:3:4:5:6%en0');
  });
});
