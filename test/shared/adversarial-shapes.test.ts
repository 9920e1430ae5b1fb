// The hostile shapes of test/bench/adversarial.mjs (one huge line, 1,000 addresses on en0, many bridge members,
// unbalanced JSON, deep nesting, long directive lines), smaller and at random sizes. Time is the bench's figure
// (`npm run bench -- adversarial`, 2 s per 8 MB file); here the results are asserted, and linearity by counts:
// how many JSON.parse attempts, how many evidence lines, how the output grows with the input.
import { diagnose } from '@src/shared/diagnosis';
import { parseIfconfig } from '@src/shared/parsers/darwin/ifconfig';
import { parseIpconfigGetpacket } from '@src/shared/parsers/darwin/ipconfig-getpacket';
import { parseNetstatRn } from '@src/shared/parsers/darwin/netstat';
import { parseRouteGet } from '@src/shared/parsers/darwin/route-get';
import { jsonValuesIn } from '@src/shared/parsers/json-values';
import { parseIpAddrJson } from '@src/shared/parsers/linux/ip-addr';
import { parseMinikubeStatus } from '@src/shared/parsers/minikube-status';
import { parseVmProbeOutput } from '@src/shared/vm-probe';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inet, seedEn0Addresses, seedInterfaces, seedSnapshot } from './diagnosis/snapshot-builder';

afterEach(() => vi.restoreAllMocks());

/** `count` addresses on en0 in ifconfig's words; with `split`, every other one outside the gateway's 172.2/16. */
function ifconfigAddresses(count: number, split: boolean): string {
  const lines = ['en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500'];
  for (let i = 0; i < count; i++)
    lines.push(
      split && i % 2 === 1
        ? `\tinet 10.9.${(i >> 8) & 255}.${i & 255} netmask 0xffff0000 broadcast 10.9.255.255`
        : `\tinet 172.2.${(i >> 8) & 255}.${i & 255} netmask 0xffff0000 broadcast 172.2.255.255`,
    );
  return `${lines.join('\n')}\n`;
}

function manyAddressesSnapshot(count: number, split: boolean) {
  const extra = Array.from({ length: count }, (_, i) =>
    inet(split && i % 2 === 1 ? `10.9.${i >> 8}.${i & 255}` : `172.2.${100 + (i >> 8)}.${i & 255}`, 16),
  );
  return seedSnapshot({ interfaces: seedInterfaces([...seedEn0Addresses(), ...extra]) });
}

const sizeOf = (value: unknown) => JSON.stringify(value).length;

describe('one huge line', () => {
  it('reaches every line parser as a clear refusal or a result, never a throw, with a short message', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 200_000 }), fc.constantFrom(' ', '\t', 'a', '0', '.'), (n, unit) => {
        const line = unit.repeat(n);
        for (const result of [
          parseNetstatRn(`default${line}x\n`),
          parseRouteGet(`   route to: ${line}x\n`),
          parseIpconfigGetpacket(`yiaddr = ${line}x\n`, 'en0'),
          parseIfconfig(`en0: flags=8863<${line}> mtu 1500\n`),
          parseMinikubeStatus(`${line}\n`),
        ]) {
          // A refusal quotes at most a line's beginning, never the whole hostile line back.
          if (!result.ok) expect(result.error.length).toBeLessThan(400);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('long directive lines in the VM probe', () => {
  it('reads a section header of any length as a result or a refusal, and still finds the sections after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 300_000 }), (n) => {
        const result = parseVmProbeOutput(
          `@@bridgelight-vm-probe v1\n@@section ${' '.repeat(n)}x\n@@section ip-route\ndefault via 192.168.77.1 dev eth0\n@@end\n`,
        );
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value.routes?.[0]?.gateway).toBe('192.168.77.1');
      }),
      { numRuns: 10 },
    );
  });
});

describe('1,000 addresses on en0', () => {
  it('parses every address, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.boolean(), (n, split) => {
        const result = parseIfconfig(ifconfigAddresses(n, split));
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const en0 = result.value.find((entry) => entry.name === 'en0');
        expect(en0?.ipv4).toHaveLength(n);
        expect(en0?.ipv4.at(-1)?.address).toMatch(split && (n - 1) % 2 === 1 ? /^10\.9\./ : /^172\.2\./);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps each address’s evidence and each finding’s evidence bounded, so the diagnosis grows linearly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1_000 }), fc.boolean(), (n, split) => {
        const one = diagnose(manyAddressesSnapshot(n, split));
        const two = diagnose(manyAddressesSnapshot(2 * n, split));
        expect(two.egress?.addresses).toHaveLength(2 * n + 2);
        for (const diagnosis of [one, two]) {
          for (const address of diagnosis.egress?.addresses ?? []) {
            expect(address.evidence.length).toBeLessThanOrEqual(6);
            for (const line of address.evidence) expect(line.length).toBeLessThan(300);
          }
          for (const finding of diagnosis.findings) {
            // At most 20 addresses described (the NAT source may be one more), each in a few lines, then a count.
            expect(finding.evidence.length).toBeLessThanOrEqual(21 * 6 + 1);
            expect(finding.title.length + finding.detail.length).toBeLessThan(2_000);
          }
        }
        // Past the caps, twice the addresses add no evidence lines to any finding.
        const evidenceCounts = (d: typeof one) => d.findings.map((finding) => [finding.id, finding.evidence.length]);
        expect(evidenceCounts(two)).toEqual(evidenceCounts(one));
        // Twice the addresses, at most about twice the output: no part of it is per address × per address.
        expect(sizeOf(two)).toBeLessThan(2.2 * sizeOf(one));
      }),
      { numRuns: 8 },
    );
  });
});

describe('many bridge members', () => {
  it('gives the bridge every member, in order, however many', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), (n) => {
        const links = [`{"ifindex":2,"ifname":"br0","flags":["UP"],"addr_info":[]}`];
        for (let i = 0; i < n; i++)
          links.push(`{"ifindex":${i + 10},"ifname":"veth${i}","master":"br0","flags":["UP"],"addr_info":[]}`);
        const result = parseIpAddrJson(`[${links.join(',')}]`);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const members = result.value.find((entry) => entry.name === 'br0')?.members ?? [];
        expect(members).toHaveLength(n);
        expect(members[0]).toBe('veth0');
        expect(members.at(-1)).toBe(`veth${n - 1}`);
      }),
      { numRuns: 15 },
    );
  });
});

describe('unbalanced JSON and deep nesting', () => {
  it('tries a bounded number of candidates on unbalanced lines, however many lines there are', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 3_000 }),
        fc.constantFrom('[{"Name": "x"', '{"Name": [', '['),
        (n, unit) => {
          const parse = vi.spyOn(JSON, 'parse');
          const text = `${unit}\n`.repeat(n);
          expect(jsonValuesIn(text)).toEqual([]);
          // Each failed candidate costs a scan to the end of the text: their number must not grow with the text.
          expect(parse.mock.calls.length).toBeLessThanOrEqual(20);
          const status = parseMinikubeStatus(text);
          expect(status.ok).toBe(false);
          parse.mockRestore();
        },
      ),
      { numRuns: 20 },
    );
  });

  it('refuses deep nesting as unparseable instead of throwing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 500_000 }), fc.constantFrom('[', '{"a":', '[{"b":'), (n, unit) => {
        const result = parseMinikubeStatus(unit.repeat(n));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.length).toBeLessThan(400);
      }),
      { numRuns: 10 },
    );
  });

  it('still finds a real status after the hostile lines it gave up on', () => {
    const status = '{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Running"}';
    expect(parseMinikubeStatus(`${'[{"Name": "x"\n'.repeat(5)}${status}\n`)).toEqual({
      ok: true,
      value: { name: 'minikube', state: 'Running' },
    });
  });
});
