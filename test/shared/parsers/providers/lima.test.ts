import { readFileSync } from 'node:fs';
import type { ParseResult } from '@src/shared/parse-result';
import { parseLimaList } from '@src/shared/parsers/providers/lima';
import type { VmListing } from '@src/shared/vm';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../fixtures/real/lima/${path}`, import.meta.url), 'utf8');

function listingsOf(result: ParseResult<VmListing[]>): VmListing[] {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

const line = (fields: Record<string, unknown>) => JSON.stringify({ name: 'vm', status: 'Running', ...fields });
const networkOf = (fields: Record<string, unknown>) => listingsOf(parseLimaList(line(fields)))[0]!;

describe('parseLimaList on real listings', () => {
  it('reads a pretty-printed stream of two instances (PR #308): user-mode, no IP, no vmType', () => {
    const [alpine, running] = listingsOf(
      parseLimaList(fixture('pr308-limactl-list-json-stream-two-instances-qemu.json')),
    );
    expect(alpine).toMatchObject({ provider: 'lima', name: 'alpine', state: 'stopped', rawState: 'Stopped', ips: [] });
    expect(running).toEqual({
      provider: 'lima',
      name: 'default',
      state: 'running',
      rawState: 'Running',
      ips: [],
      driver: null,
      network: 'user-mode',
      networkEvidence: [
        "no extra network listed: Lima's user-mode network (slirp, 192.168.5.0/24) carries the guest's traffic",
      ],
    });
  });

  it('reads one instance piped through jq', () => {
    expect(listingsOf(parseLimaList(fixture('xbar4-limactl-list-json-jq-one-running.json')))).toMatchObject([
      { name: 'default', state: 'running', network: 'user-mode' },
    ]);
  });

  it('reads vz instances with a vzNAT network as vmnet-shared, preferred over the user-mode network', () => {
    const listings = listingsOf(
      parseLimaList(fixture('trellis-cli-limactl-ls-json-vz-vznat-two-running-EDITED.jsonl')),
    );
    expect(listings.map((vm) => vm.name)).toEqual(['test', 'test2']);
    expect(listings[0]).toMatchObject({ driver: 'vz', network: 'vmnet-shared', state: 'running' });
    expect(listings[0]!.networkEvidence).toEqual([
      'lima0: vzNAT (Virtualization.framework NAT), metric 100',
      'lima0 is preferred over the user-mode network (metric 200)',
    ]);
  });
});

describe('parseLimaList decides the path from the extra networks', () => {
  it.each([
    [[{ lima: 'shared' }], 'vmnet-shared'],
    [[{ lima: 'bridged', interface: 'lima0' }], 'vmnet-bridged'],
    [[{ lima: 'user-v2' }], 'user-mode'],
    [[{ lima: 'host' }], 'user-mode'],
    [[{ lima: 'rd1' }], 'unknown'],
    [[{ socket: '/var/run/socket_vmnet' }], 'unknown'],
    [[{ vzNAT: true, metric: 300 }], 'user-mode'],
    [
      [
        { lima: 'bridged', metric: 150 },
        { vzNAT: true, metric: 120 },
      ],
      'vmnet-shared',
    ],
    [[{ lima: 'bridged' }, { vzNAT: true }], 'unknown'],
    [[{ vzNAT: true }, { lima: 'shared' }], 'vmnet-shared'],
    [[], 'user-mode'],
    ['lima0', 'unknown'],
  ])('network %j → %s', (network, expected) => {
    expect(networkOf({ network }).network).toBe(expected);
  });

  it('falls back to config.networks when the instance has no top-level network', () => {
    expect(networkOf({ vmType: 'qemu', config: { vmType: 'qemu', networks: [{ lima: 'shared' }] } })).toMatchObject({
      driver: 'qemu',
      network: 'vmnet-shared',
    });
  });

  it('names the two tied interfaces', () => {
    expect(
      networkOf({ network: [{ lima: 'bridged' }, { vzNAT: true, interface: 'lima1' }] }).networkEvidence,
    ).toContain('lima0 and lima1 tie at metric 100');
  });
});

describe('parseLimaList on other output', () => {
  it('takes no output as no instances (limactl warns on stderr then)', () => {
    expect(parseLimaList('')).toEqual({ ok: true, value: [] });
  });

  it('reads Broken and unknown states as unknown, keeping the word', () => {
    const text = [line({ name: 'broken', status: 'Broken' }), line({ name: 'weird', status: 'constructor' })].join(
      '\n',
    );
    expect(listingsOf(parseLimaList(text)).map((vm) => [vm.state, vm.rawState])).toEqual([
      ['unknown', 'Broken'],
      ['unknown', 'constructor'],
    ]);
  });

  it('skips an instance without a name but keeps the others', () => {
    expect(listingsOf(parseLimaList(`{"status":"Running"}\n${line({})}`)).map((vm) => vm.name)).toEqual(['vm']);
  });

  it.each([
    [
      'an error message',
      'time="2026-11-26T10:00:00Z" level=fatal msg="unknown flag: --json"',
      'limactl list --json: time="2026-11-26T10:00:00Z" level=fatal msg="unknown flag: --json"',
    ],
    ['JSON that names no instance', '{"status":"Running"}', 'limactl list --json: entries without a VM name'],
    ['JSON that is no object', '[1, 2]', 'limactl list --json: JSON that is not a VM listing'],
  ])('rejects %s', (_, text, error) => {
    expect(parseLimaList(text)).toEqual({ ok: false, error });
  });
});
