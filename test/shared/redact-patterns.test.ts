import { beforeEach, describe, expect, it, vi } from 'vitest';

// The patterns redaction finds values by, each spelling and field once. The patterns are built when the module
// loads; each test imports it afresh so that a mutation run (Stryker) sees these tests build them and can tell a
// changed pattern from an untested one, instead of leaving them out as static or charging them to a test that
// never reads them.
const freshRedactor = async (hostNames: string[] = []) => {
  const { createRedactor } = await import('@src/shared/redact');
  return createRedactor(hostNames);
};

beforeEach(() => {
  vi.resetModules();
});

describe('the patterns redaction finds values by', () => {
  it('replaces every MAC in each spelling (colons, dashes, dots, enx names), not only the first', async () => {
    const redactor = await freshRedactor();
    const text =
      'a 3c:22:fb:00:00:01 b 3c:22:fb:00:00:02 c 3c-22-fb-00-00-03 d 3c-22-fb-00-00-04 ' +
      'e 3c22.fb00.0005 f 3c22.fb00.0006 g enx3c22fb000007 h enx3c22fb000008\n';
    expect(redactor.redact(text)).toBe(
      'a 02:00:00:00:00:01 b 02:00:00:00:00:02 c 02-00-00-00-00-03 d 02-00-00-00-00-04 ' +
        'e 0200.0000.0005 f 0200.0000.0006 g enx020000000007 h enx020000000008\n',
    );
  });

  it('finds every EUI-64 address after a word, with a scope or a space after it', async () => {
    const redactor = await freshRedactor();
    expect(
      redactor.redact('inet6 fe80::aede:48ff:fe00:1323%en5 prefixlen 64\ninet6 2001:db8::1c06:52ff:feda:9b86 x\n'),
    ).toBe('inet6 fe80::ff:fe00:1%en5 prefixlen 64\ninet6 2001:db8::ff:fe00:2 x\n');
  });

  it('reads DHCP name fields at the start of a line, indented or not, spaced or not', async () => {
    const redactor = await freshRedactor();
    const text = [
      'host_name (string): a1',
      '  domain_name (string): b1',
      'domain_search(domain_search): {c1, d1}',
      'sname=e1',
      '  sname = f1',
      'not_host_name (string): keep1',
      '',
    ].join('\n');
    expect(redactor.redact(text, 'ipconfig-getpacket-en0.txt')).toBe(
      [
        'host_name (string): redacted-host-1',
        '  domain_name (string): redacted-host-2',
        'domain_search(domain_search): {redacted-host-3, redacted-host-4}',
        'sname=redacted-host-5',
        '  sname = redacted-host-6',
        'not_host_name (string): keep1',
        '',
      ].join('\n'),
    );
  });

  it('reads each JSON name key, with or without underscores and in any case, and only whole keys', async () => {
    const redactor = await freshRedactor();
    const json = {
      hostname: 'v1',
      host_name: 'v2',
      ComputerName: 'v3',
      computer_name: 'v4',
      LocalHostName: 'v5',
      local_host_name: 'v6',
      domainname: 'v7',
      domain_name: 'v8',
      DomainSearch: 'v9',
      domain_search: 'v10',
      search: 'v11',
      sname: 'v12',
      myhostname: 'k1',
      hostnames: 'k2',
      name: 'k3',
    };
    const out = JSON.parse(redactor.redact(JSON.stringify(json), 'names.json'));
    expect(Object.values(out)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `redacted-host-${i + 1}`),
      'k1',
      'k2',
      'k3',
    ]);
  });
});
