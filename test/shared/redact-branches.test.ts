import { createRedactor } from '@src/shared/redact';
import { describe, expect, it } from 'vitest';

// Small synthetic inputs, each hitting one branch of the redaction a support bundle relies on.

describe('MAC placeholders: spellings, padding and what stays', () => {
  it('reads one-digit colon groups as the same MAC as their padded spelling', () => {
    const redactor = createRedactor();
    expect(redactor.redact('ether 0:1c:42:a:b:c\nether 00:1c:42:0a:0b:0c\n')).toBe(
      'ether 02:00:00:00:00:01\nether 02:00:00:00:00:01\n',
    );
  });

  it('redacts MACs that start or end with zero bytes and upper-case ones; keeps the upper-case broadcast', () => {
    const redactor = createRedactor();
    expect(redactor.redact('a 3c:22:fb:00:00:00 b 00:00:00:3c:22:fb c AA:BB:CC:DD:EE:FF d FF:FF:FF:FF:FF:FF')).toBe(
      'a 02:00:00:00:00:01 b 02:00:00:00:00:02 c 02:00:00:00:00:03 d FF:FF:FF:FF:FF:FF',
    );
  });

  it('numbers placeholders past 256 into the fifth byte, in every spelling and in the EUI-64 id', () => {
    const redactor = createRedactor();
    const macs = Array.from(
      { length: 257 },
      (_, n) => `3c:22:fb:00:${(n >> 8).toString(16)}:${(n % 256).toString(16)}`,
    );
    const out = redactor.redact(macs.join('\n')).split('\n');
    expect(out[0]).toBe('02:00:00:00:00:01');
    expect(out[255]).toBe('02:00:00:00:01:00');
    expect(out[256]).toBe('02:00:00:00:01:01');
    // The 257th MAC again, as its EUI-64 link-local address and dashed: the same placeholder.
    expect(redactor.redact('fe80::3e22:fbff:fe00:100%en0 3c-22-fb-00-01-00')).toBe(
      'fe80::ff:fe00:101%en0 02-00-00-00-01-01',
    );
  });
});

describe('EUI-64 IPv6 addresses', () => {
  it('maps the interface id back to the MAC it was built from, so both get one placeholder', () => {
    const redactor = createRedactor();
    const text = [
      'ether 3c:22:fb:45:67:89',
      'inet6 fe80::3e22:fbff:fe45:6789%en0',
      'ether 3c:22:fb:01:02:03',
      'inet6 fe80::3e22:fbff:fe01:203%en1',
      '',
    ].join('\n');
    expect(redactor.redact(text)).toBe(
      [
        'ether 02:00:00:00:00:01',
        'inet6 fe80::ff:fe00:1%en0',
        'ether 02:00:00:00:00:02',
        'inet6 fe80::ff:fe00:2%en1',
        '',
      ].join('\n'),
    );
  });

  it('writes the result as RFC 5952 text: lower case, the longest zero run compressed, the first on a tie', () => {
    const redactor = createRedactor();
    // One MAC throughout, so every line gets the interface id 0:ff:fe00:1.
    const lines = [
      'FE80::AEDE:48FF:FE00:1323',
      '2001:db8:1:2:aede:48ff:fe00:1323',
      '2001:db8::aede:48ff:fe00:1323',
      '2001:db8:1::aede:48ff:fe00:1323',
      '::aede:48ff:fe00:1323',
      '0:0:1:0:aede:48ff:fe00:1323',
    ];
    expect(redactor.redact(lines.join('\n')).split('\n')).toEqual([
      'fe80::ff:fe00:1',
      // a single zero group is not written `::`
      '2001:db8:1:2:0:ff:fe00:1',
      '2001:db8::ff:fe00:1',
      '2001:db8:1::ff:fe00:1',
      '::ff:fe00:1',
      '::1:0:0:ff:fe00:1',
    ]);
  });

  it('leaves ids without ff:fe in the middle, and strings that are not IPv6 addresses, alone', () => {
    const text = [
      'fe80::aede:48ff:fd00:1323',
      'fe80::aede:48fe:fe00:1323',
      'fe80::1::aede:48ff:fe00:1323',
      'fe80:0:0:0:aede:48ff:fe00',
      'fe80:0:0:0:aede:48ff:fe00:1323:1',
      'fe80:::aede:48ff:fe00:1323',
      '',
    ].join('\n');
    expect(createRedactor().redact(text)).toBe(text);
  });

  it('takes an address with 8 groups and no `::` as written', () => {
    expect(createRedactor().redact('fe80:0:0:0:aede:48ff:fe00:1323')).toBe('fe80::ff:fe00:1');
  });
});

describe('host names given to the redactor', () => {
  it('trims them, ignores one-letter ones and matches them in any case, in the order given', () => {
    const redactor = createRedactor(['x', 'ab', ' Mac ', '  ']);
    const text = 'host_name (string): MAC\ndomain_name (string): AB\nsname = x\n';
    expect(redactor.redact(text, 'ipconfig-getpacket-en0.txt')).toBe(
      'host_name (string): redacted-host-2\ndomain_name (string): redacted-host-1\nsname = redacted-host-3\n',
    );
  });

  it('gives names that differ only by case one placeholder, and names that differ in letters two', () => {
    const text = 'host_name (string): Straße\ndomain_name (string): STRASSE\nsname = strasse\n';
    expect(createRedactor().redact(text, 'ipconfig-getpacket-en0.txt')).toBe(
      'host_name (string): redacted-host-1\ndomain_name (string): redacted-host-2\nsname = redacted-host-2\n',
    );
  });

  it("reads DHCP name fields only in ipconfig getpacket files, with the field's indentation kept", () => {
    const text = '  host_name (string): mybox\nsname = mybox\n';
    expect(createRedactor().redact(text, 'ipconfig-getpacket-en1.txt')).toBe(
      '  host_name (string): redacted-host-1\nsname = redacted-host-1\n',
    );
    expect(createRedactor().redact(text, 'x-ipconfig-getpacket-en1.txt')).toBe(text);
    expect(createRedactor().redact(text)).toBe(text);
  });
});

describe('JSON files and values', () => {
  it('writes a JSON file back as one compact line ending in a newline', () => {
    expect(createRedactor().redact('{\n  "a": "x",\n  "n": 1\n}', 'a.json')).toBe('{"a":"x","n":1}\n');
  });

  it('reads a file as JSON only when its name ends in .json', () => {
    const text = '{"HostName":"mybox"}';
    expect(createRedactor(['mybox']).redact(text, 'hostname.txt')).toBe(text);
    expect(createRedactor(['mybox']).redact(text)).toBe(text);
  });

  it('falls back to text redaction when a .json file is not one JSON value: addresses go, names stay', () => {
    const stream = '{"HostName":"mybox","mac":"3c:22:fb:00:00:01"}\n{"HostName":"mybox"}\n';
    expect(createRedactor(['mybox']).redact(stream, 'log.json')).toBe(
      '{"HostName":"mybox","mac":"02:00:00:00:00:01"}\n{"HostName":"mybox"}\n',
    );
  });

  it('replaces each name in a name field, lists and separators kept, and in arrays under a name key', () => {
    const json = JSON.stringify({
      search: 'corp.example.com; lab.example.com,x.example.com',
      domain_search: ['corp.example.com', 'y.example.com'],
      host_name: '{a, b}',
      sname: 'c',
      myhostname: 'kept',
      hostnames: 'kept',
    });
    expect(JSON.parse(createRedactor().redact(json, 'dhcp.json'))).toEqual({
      search: 'redacted-host-1; redacted-host-2,redacted-host-3',
      domain_search: ['redacted-host-1', 'redacted-host-4'],
      host_name: '{redacted-host-5, redacted-host-6}',
      sname: 'redacted-host-7',
      myhostname: 'kept',
      hostnames: 'kept',
    });
  });

  it('redacts a top-level string as text and keeps numbers, booleans and null', () => {
    const redactor = createRedactor(['dev']);
    expect(redactor.redact('"dev 3c:22:fb:00:00:01"', 'one.json')).toBe('"dev 02:00:00:00:00:01"\n');
    expect(
      redactor.redactValue({ n: 1, b: true, z: null, list: ['3c:22:fb:00:00:01', 2], nested: { hostname: 'dev' } }),
    ).toEqual({ n: 1, b: true, z: null, list: ['02:00:00:00:00:01', 2], nested: { hostname: 'redacted-host-1' } });
  });
});
