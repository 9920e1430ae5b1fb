// The probe's parser and input checks, in process: the branches of each section's reading (lookups, probes, link,
// proxy variables, HTTPS) on small transcripts built here, and the exact refusals a caller sees. The script itself
// is run for real in vm-probe.test.ts and vm-probe-sections.test.ts.
import type { VmProbe } from '@src/shared/model';
import {
  buildVmProbeScript,
  extractIpRouteSection,
  parseVmProbeOutput,
  tlsTargets,
  VM_PROBE_MARKER,
} from '@src/shared/vm-probe';
import { describe, expect, it } from 'vitest';

function probeOf(text: string): VmProbe {
  const result = parseVmProbeOutput(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

/** One transcript: the marker, the given sections (`header`, then body lines), the end. */
const transcript = (...sections: [string, ...string[]][]): string =>
  `${VM_PROBE_MARKER}\n${sections.map(([header, ...body]) => [`@@section ${header}`, ...body].join('\n')).join('\n')}\n@@end\n`;

const dnsOf = (...body: string[]) => probeOf(transcript(['dns a.example', ...body])).dns;
const targetOf = (...body: string[]) => probeOf(transcript(['probe 192.0.2.1:80', ...body])).targets[0];
const tlsOf = (...body: string[]) => probeOf(transcript(['tls a.example:443', ...body])).tls?.[0];

describe('which targets get an HTTPS request', () => {
  it('takes DNS names on port 443 only, whatever their digits', () => {
    expect(
      tlsTargets(['host9:443', 'a.example:4431', 'a.example:1443', '10.0.0.1:443', 'x-1.example:443', '9.9.9.9:80']),
    ).toEqual(['host9:443', 'x-1.example:443']);
  });

  it('uses the given HTTPS targets instead, and none when given none', () => {
    const own = buildVmProbeScript({
      targets: ['a.example:443'],
      tlsTargets: ['b.example:8443'],
      dnsName: 'a.example',
      timeoutSeconds: 2,
    });
    expect(own).toContain(`bl_tls 'b.example' '8443'`);
    expect(own).not.toContain(`bl_tls 'a.example'`);
    const none = buildVmProbeScript({
      targets: ['a.example:443'],
      tlsTargets: [],
      dnsName: 'a.example',
      timeoutSeconds: 2,
    });
    expect(none).not.toMatch(/^ *bl_tls '/m);
    const derived = buildVmProbeScript({ targets: ['a.example:443'], dnsName: 'a.example', timeoutSeconds: 2 });
    expect(derived).toContain(`bl_tls 'a.example' '443'`);
  });
});

describe('buildVmProbeScript refusals and limits', () => {
  const build = (extra: Partial<Parameters<typeof buildVmProbeScript>[0]>) => () =>
    buildVmProbeScript({ targets: [], dnsName: 'a.example', timeoutSeconds: 3, ...extra });

  it('says exactly what is wrong with a target, a name and a timeout', () => {
    expect(build({ targets: ['a.example'] })).toThrow(
      'vm probe: invalid target "a.example" (want host:port, host a dotted quad or DNS name)',
    );
    expect(build({ tlsTargets: ['a.example:99999'] })).toThrow('vm probe: invalid target "a.example:99999"');
    expect(build({ dnsName: 'a b' })).toThrow('vm probe: invalid DNS name "a b"');
    expect(build({ internalName: 'bad name' })).toThrow('vm probe: invalid DNS name "bad name"');
    expect(build({ timeoutSeconds: 0 })).toThrow(
      'vm probe: timeoutSeconds must be a whole number from 1 to 300, got 0',
    );
  });

  it('accepts the bounds: 1 and 300 seconds, port 1', () => {
    expect(build({ timeoutSeconds: 1 })().startsWith('{\nbl_t=1\n')).toBe(true);
    expect(build({ timeoutSeconds: 300 })().startsWith('{\nbl_t=300\n')).toBe(true);
    expect(build({ targets: ['192.0.2.1:1'] })()).toContain(`bl_probe '192.0.2.1' '1'`);
  });

  it('looks the internal name up only when one is given', () => {
    expect(build({ internalName: 'corp.example' })()).toContain(`bl_dns 'corp.example' dns-internal`);
    expect(build({ internalName: '' })()).not.toContain('dns-internal');
    expect(build({ internalName: null })()).not.toContain('dns-internal');
  });

  it('runs every step both in parallel (into numbered files) and, without mktemp, in turn', () => {
    const script = build({ targets: ['192.0.2.1:80'], internalName: 'corp.example' })();
    const lines = script.split('\n');
    expect(lines).toContain(`  bl_probe '192.0.2.1' '80' >"$bl_dir/2" 2>&1 &`);
    expect(lines).toContain(`  bl_dns 'corp.example' dns-internal >"$bl_dir/3" 2>&1 &`);
    expect(lines).toContain(`  cat "$bl_dir/0" "$bl_dir/1" "$bl_dir/2" "$bl_dir/3"`);
    expect(lines).toContain(`  bl_probe '192.0.2.1' '80'`);
    expect(lines).toContain('  bl_link');
  });
});

describe('reading the transcript structure', () => {
  it('ignores lines before the first section and everything after @@end', () => {
    const text = `  ${VM_PROBE_MARKER}  \nnameserver 192.0.2.9\n@@section resolv-conf\nnameserver 192.0.2.53\n@@end\n@@section dns a.example\n@@tool getent\n192.0.2.1 a.example\n@@status 0\n`;
    expect(probeOf(text)).toEqual({ routes: null, nameservers: ['192.0.2.53'], dns: null, targets: [] });
  });

  it('takes a directive only as a whole word, and a status only as 1 to 3 digits', () => {
    const lookup = dnsOf('@@toolbox', '@@tool', '@@tool getent', '192.0.2.1 a.example', '@@status', '@@status 1234');
    // No valid status arrived: the lookup never finished, whatever it printed.
    expect(lookup).toEqual({
      name: 'a.example',
      ok: false,
      addresses: ['192.0.2.1'],
      error: 'no result: the probe stopped before the lookup finished',
    });
  });

  it("reads a section's name past extra spaces", () => {
    expect(probeOf(transcript(['dns    a.example', '@@tool getent', '192.0.2.1 a', '@@status 0'])).dns?.name).toBe(
      'a.example',
    );
  });

  it('names the first non-blank line, trimmed and cut to 200 characters, when the marker is missing', () => {
    expect(parseVmProbeOutput('\r\n   \n  Permission denied (publickey).  \r\nmore\n')).toEqual({
      ok: false,
      error: 'Permission denied (publickey).',
    });
    expect(parseVmProbeOutput(`${'x'.repeat(300)}\n`)).toEqual({ ok: false, error: 'x'.repeat(200) });
  });

  it('gives an ip-route section with no output as an empty text, and its lines with a final newline', () => {
    expect(extractIpRouteSection(transcript(['ip-route']))).toBe('');
    expect(extractIpRouteSection(transcript(['ip-route', 'default via 192.0.2.1 dev eth0', '@@status 0']))).toBe(
      'default via 192.0.2.1 dev eth0\n',
    );
  });
});

describe('reading a lookup', () => {
  it('keeps the answer addresses of busybox and bind nslookup, once each, never the server', () => {
    expect(
      dnsOf(
        '@@tool nslookup',
        'Server:    192.0.2.53',
        'Address 1: 192.0.2.53 dns.example',
        '',
        'Name:      a.example',
        'Address 1: 192.0.2.10 a.example',
        'Address: 192.0.2.11',
        'Address:192.0.2.10',
        'Address: not-an-ip',
        '@@status 0',
      ),
    ).toEqual({ name: 'a.example', ok: true, addresses: ['192.0.2.10', '192.0.2.11'], error: null });
  });

  it('reads nslookup-style output by its lines even without a tool line', () => {
    expect(dnsOf('Server: 192.0.2.53', 'Name: a.example', 'Address: 192.0.2.10', '@@status 0')?.addresses).toEqual([
      '192.0.2.10',
    ]);
  });

  it('keeps the first word of each getent line when it is an address', () => {
    expect(
      dnsOf(
        '@@tool getent',
        '  192.0.2.10   a.example alias',
        '2001:db8::1 a.example',
        '192.0.2.10 a.example',
        'junk line',
        '@@status 0',
      ),
    ).toEqual({ name: 'a.example', ok: true, addresses: ['192.0.2.10', '2001:db8::1'], error: null });
  });

  it('is not ok with addresses but a failing status, and says the status', () => {
    expect(dnsOf('@@tool getent', '192.0.2.10 a.example', '@@status 5')).toEqual({
      name: 'a.example',
      ok: false,
      addresses: ['192.0.2.10'],
      error: 'exit status 5',
    });
  });

  it.each([
    ['coreutils timeout', ['@@tool getent', '@@status 124'], 'timed out'],
    ['nslookup exit 2 (not getent)', ['@@tool nslookup', '@@status 2'], 'exit status 2'],
    [
      'a line saying why, trimmed',
      ['@@tool nslookup', '   ;; connection timed out; no servers could be reached  ', '@@status 1'],
      ';; connection timed out; no servers could be reached',
    ],
    ['a resolver failure word in any case', ['@@tool nslookup', 'Lookup FAILED', '@@status 1'], 'Lookup FAILED'],
  ])('reads a failed lookup: %s', (_, body, error) => {
    expect(dnsOf(...body)).toEqual({ name: 'a.example', ok: false, addresses: [], error });
  });

  it('reads the internal name as its own lookup', () => {
    expect(probeOf(transcript(['dns-internal corp.example', '@@tool getent', '@@status 2'])).internalDns).toEqual({
      name: 'corp.example',
      ok: false,
      addresses: [],
      error: 'not found',
    });
  });
});

describe('reading a TCP probe', () => {
  it('counts curl as connected only with a time_connect above zero', () => {
    expect(targetOf('@@tool curl', 'time_connect=0.000000', '@@status 52')).toEqual({
      target: '192.0.2.1:80',
      ok: false,
      ms: null,
      error: 'exit status 52',
    });
    expect(targetOf('@@tool curl', 'time_connect=0.004', '@@status 52')?.ok).toBe(true);
    expect(targetOf('@@tool curl', '@@status 0')?.ok).toBe(false);
  });

  it("takes curl's own words first, then a timeout, then the first other line", () => {
    expect(
      targetOf(
        '@@tool curl',
        'curl: (7)   Failed to connect to 192.0.2.1 port 80: Connection refused  ',
        '@@status 124',
      )?.error,
    ).toBe('Failed to connect to 192.0.2.1 port 80: Connection refused');
    expect(targetOf('@@tool curl', 'time_connect=0.000000', '@@status 143')?.error).toBe('timed out');
    expect(targetOf('@@tool nc', '', 'time_connect=0', '  nc: bad address  ', '@@status 1')?.error).toBe(
      'nc: bad address',
    );
  });

  it('is not ok from a tool it does not know, even with status 0', () => {
    expect(targetOf('@@tool telnet', '@@status 0')).toEqual({
      target: '192.0.2.1:80',
      ok: false,
      ms: null,
      error: 'exit status 0',
    });
    expect(targetOf('@@tool nc', '@@status 1')?.ok).toBe(false);
  });
});

describe('reading resolv.conf, routes and the link', () => {
  it('takes each nameserver line, indented or not, and nothing else', () => {
    expect(
      probeOf(
        transcript([
          'resolv-conf',
          '# nameserver 192.0.2.99',
          '  nameserver   192.0.2.53',
          'nameserver',
          'search example',
          'nameserver 2001:db8::53',
        ]),
      ).nameservers,
    ).toEqual(['192.0.2.53', '2001:db8::53']);
  });

  it('keeps routes printed before the output was cut off (no status yet)', () => {
    expect(probeOf(transcript(['ip-route', 'default via 192.0.2.1 dev eth0'])).routes).toEqual([
      { destination: 'default', gateway: '192.0.2.1', interface: 'eth0', flags: [], scoped: false },
    ]);
  });

  it("reads each interface's MTU, a veth's by its own name", () => {
    expect(
      probeOf(
        transcript([
          'link',
          '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT',
          '7: eth0@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP',
          '    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff',
          '9: tun0: <POINTOPOINT> mtu 1 qdisc none',
          '@@status 0',
        ]),
      ).mtus,
    ).toEqual({ lo: 65536, eth0: 1450 });
  });

  it('has no MTUs when `ip -o link` failed, or printed none, and reads them before any status', () => {
    const mtus = (...body: string[]) => probeOf(transcript(['link', ...body])).mtus;
    expect(mtus('2: eth0: <UP> mtu 1500 qdisc x', '@@status 1')).toBeNull();
    expect(mtus('sh: ip: not found', '@@status 0')).toBeNull();
    expect(mtus('2: eth0: <UP> mtu 1500 qdisc x')).toEqual({ eth0: 1500 });
  });
});

describe('reading the proxy variables', () => {
  const proxies = (...body: string[]) => probeOf(transcript(['proxy-env', ...body])).proxies;

  it('takes proxy names of any case, unquotes their values, and skips empty and other variables', () => {
    expect(
      proxies(
        'env https_proxy=http://192.0.2.8:3128',
        'env PATH=/usr/bin',
        'env ftp_proxy=http://192.0.2.8:21',
        'env No_Proxy=',
        `etc-environment  All_Proxy='socks5://192.0.2.8:1080'`,
        'etc-environment http_proxy=""',
        `etc-environment HTTP_PROXY="http://192.0.2.8:3128'`,
        'docker HTTPS_PROXY=http://192.0.2.9:3128 FOO=1',
      ),
    ).toEqual([
      { source: 'env', name: 'https_proxy', value: 'http://192.0.2.8:3128' },
      { source: 'etc-environment', name: 'All_Proxy', value: 'socks5://192.0.2.8:1080' },
      // Quotes that do not match stay as they are.
      { source: 'etc-environment', name: 'HTTP_PROXY', value: `"http://192.0.2.8:3128'` },
      { source: 'docker', name: 'HTTPS_PROXY', value: 'http://192.0.2.9:3128' },
    ]);
  });

  it('is an empty list when the VM has none', () => {
    expect(proxies()).toEqual([]);
  });
});

describe('reading an HTTPS request', () => {
  it('a trusted certificate: connected, handshake, verified, with issuer and subject', () => {
    expect(
      tlsOf(
        '@@tool curl',
        '* Connected to a.example (192.0.2.1) port 443',
        '*  subject: CN=a.example ',
        "*  issuer: C=US; O=Let's Encrypt; CN=R11",
        'time_connect=0.010',
        'time_appconnect=0.050',
        'ssl_verify_result=0',
        '@@status 0',
      ),
    ).toEqual({
      target: 'a.example:443',
      tried: true,
      connected: true,
      handshake: true,
      verified: true,
      verifyError: null,
      issuer: "C=US; O=Let's Encrypt; CN=R11",
      subject: 'CN=a.example',
      timedOut: false,
      error: null,
    });
  });

  it('a refused certificate: the handshake got that far, and OpenSSL says why', () => {
    expect(
      tlsOf(
        '@@tool curl',
        'curl: (60) SSL certificate problem: self-signed certificate in certificate chain',
        'time_connect=0.000000',
        'time_appconnect=0.000000',
        '@@status 60',
      ),
    ).toMatchObject({
      tried: true,
      connected: true,
      handshake: true,
      verified: false,
      verifyError: 'self-signed certificate in certificate chain',
      timedOut: false,
      error: 'SSL certificate problem: self-signed certificate in certificate chain',
    });
    expect(tlsOf('@@tool curl', '@@status 60')).toMatchObject({ verifyError: 'certificate refused', error: null });
  });

  it('a handshake that ended in an error is not verified; none at all leaves verified unknown', () => {
    expect(
      tlsOf(
        '@@tool curl',
        'time_connect=0.010',
        'time_appconnect=0.020',
        'curl: (35) TLS connect error',
        '@@status 35',
      ),
    ).toMatchObject({ connected: true, handshake: true, verified: false, error: 'TLS connect error', timedOut: false });
    expect(tlsOf('@@tool curl', 'time_connect=0.010', 'time_appconnect=junk', '@@status 35')).toMatchObject({
      connected: true,
      handshake: false,
      verified: null,
      error: null,
    });
  });

  it('a stalled handshake: connected by the Connected line, stopped by the limit', () => {
    expect(
      tlsOf('@@tool curl', '* Connected to a.example (192.0.2.1) port 443', 'time_connect=0.000000', '@@status 28'),
    ).toMatchObject({ connected: true, handshake: false, verified: null, timedOut: true, error: 'timed out' });
    expect(tlsOf('@@tool curl', '@@status 124')).toMatchObject({
      connected: false,
      timedOut: true,
      error: 'timed out',
    });
    expect(tlsOf('@@tool curl', '@@status 143')).toMatchObject({ timedOut: true });
  });

  it('no curl, or no status: nothing was tried', () => {
    expect(tlsOf('@@tool none', '@@status 127')).toEqual({
      target: 'a.example:443',
      tried: false,
      connected: false,
      handshake: false,
      verified: null,
      verifyError: null,
      issuer: null,
      subject: null,
      timedOut: false,
      error: 'no curl in the VM',
    });
    expect(tlsOf('@@tool curl', '* Connected to a.example (192.0.2.1) port 443', 'time_connect=0.01')).toMatchObject({
      tried: false,
      connected: false,
      handshake: false,
      timedOut: false,
      error: null,
    });
  });

  it('keeps every HTTPS section in order', () => {
    const probe = probeOf(
      transcript(
        ['tls a.example:443', '@@tool none', '@@status 127'],
        ['tls b.example:443', '@@tool none', '@@status 127'],
      ),
    );
    expect(probe.tls?.map((tls) => tls.target)).toEqual(['a.example:443', 'b.example:443']);
  });
});
