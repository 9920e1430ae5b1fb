import { readFileSync } from 'node:fs';
import { parseAddressLines } from '@src/shared/parsers/providers/address-lines';
import { parseTartList } from '@src/shared/parsers/providers/tart';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../fixtures/real/tart/${path}`, import.meta.url), 'utf8');

describe('parseTartList', () => {
  it('reads local and OCI VMs from a real listing, vmnet shared by default', () => {
    const result = parseTartList(fixture('rspec-tart-list-format-json-local-and-oci.json'));
    expect(result).toMatchObject({
      ok: true,
      value: [
        { provider: 'tart', name: 'ubuntu', state: 'stopped', rawState: 'stopped', ips: [], network: 'vmnet-shared' },
        { name: 'ghcr.io/cirruslabs/ubuntu:latest', state: 'stopped' },
        { name: expect.stringMatching(/^ghcr\.io\/cirruslabs\/ubuntu@sha256:c502647d/) },
      ],
    });
    expect(result.ok && result.value[0]!.networkEvidence).toEqual([
      "Tart's default network is Virtualization.framework NAT (vmnet shared); `tart list` does not record --net-bridged or --net-softnet",
    ]);
  });

  it('reads State, and falls back to the Running flag of releases without it', () => {
    const text = JSON.stringify([
      { Name: 'a', State: 'running', Running: true },
      { Name: 'b', State: 'suspended', Running: false },
      { Name: 'c', Running: true },
      { Name: 'd' },
    ]);
    expect(parseTartList(text)).toMatchObject({
      ok: true,
      value: [
        { name: 'a', state: 'running' },
        { name: 'b', state: 'stopped', rawState: 'suspended' },
        { name: 'c', state: 'running', rawState: 'running' },
        { name: 'd', state: 'unknown', rawState: null },
      ],
    });
  });

  it('rejects an error line', () => {
    expect(parseTartList("Error: 'xml' is not a valid <format>\n")).toEqual({
      ok: false,
      error: "tart list --format json: Error: 'xml' is not a valid <format>",
    });
  });
});

describe('parseAddressLines on `tart ip`', () => {
  it.each([
    ['tart172-tart-ip-base.txt', ['192.168.64.34']],
    // --net-bridged, yet the DHCP lease file still gives the NAT address: the host's bridges must confirm it.
    ['tart460-tart-ip-net-bridged-still-nat-address.txt', ['192.168.64.6']],
  ])('%s', (file, addresses) => {
    expect(parseAddressLines(fixture(file), 'tart ip')).toEqual({ ok: true, value: addresses });
  });

  it('says why when there is no address', () => {
    expect(parseAddressLines(fixture('tart460-tart-ip-resolver-arp-no-ip-found.txt'), 'tart ip')).toEqual({
      ok: false,
      error: 'tart ip: no IP address found, is your VM running?',
    });
  });

  it('keeps IPv4 addresses in order and skips IPv6 and prefixed lines, as utmctl ip-address prints them', () => {
    expect(parseAddressLines('192.168.64.7\n10.0.0.2\nfe80::1\n192.168.64.9/24\n', 'utmctl ip-address')).toEqual({
      ok: true,
      value: ['192.168.64.7', '10.0.0.2'],
    });
  });
});
