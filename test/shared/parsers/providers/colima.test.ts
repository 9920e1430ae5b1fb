import { readFileSync } from 'node:fs';
import { parseColimaList } from '@src/shared/parsers/providers/colima';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../fixtures/real/colima/${path}`, import.meta.url), 'utf8');

describe('parseColimaList', () => {
  it('reads a real default profile (Colima 0.10.1, QEMU, no network address) as user-mode', () => {
    expect(parseColimaList(fixture('mcp-macos-colima-list-json-default-qemu-no-address.jsonl'))).toEqual({
      ok: true,
      value: [
        {
          provider: 'colima',
          name: 'default',
          state: 'running',
          rawState: 'Running',
          ips: [],
          driver: null,
          network: 'user-mode',
          networkEvidence: ["no network address listed: Colima's default user-mode network (192.168.5.0/24)"],
        },
      ],
    });
  });

  it('with a network address, lists it and leaves the path unknown: the preferred route is not in the listing', () => {
    const text = '{"name":"work","status":"Running","arch":"aarch64","runtime":"docker","address":"192.168.106.2"}\n';
    const result = parseColimaList(text);
    expect(result).toMatchObject({ ok: true, value: [{ name: 'work', ips: ['192.168.106.2'], network: 'unknown' }] });
    expect(result.ok && result.value[0]!.networkEvidence).toEqual([
      'network address 192.168.106.2 (vmnet, col0, route metric 300)',
      'it carries the traffic only with --network-preferred-route, which `colima list` does not show',
    ]);
  });

  it('reads several profiles, a stopped one with an empty address', () => {
    const text =
      '{"name":"default","status":"Stopped","address":""}\n{"name":"k8s","status":"Running","address":"not-an-ip"}\n';
    expect(parseColimaList(text)).toMatchObject({
      ok: true,
      value: [
        { name: 'default', state: 'stopped', ips: [], network: 'user-mode' },
        { name: 'k8s', state: 'running', ips: [], network: 'user-mode' },
      ],
    });
  });

  it('takes no output as no profiles, and rejects a fatal log line in one line', () => {
    expect(parseColimaList('')).toEqual({ ok: true, value: [] });
    expect(parseColimaList('time="2026-03-24T20:40:40+11:00" level=fatal msg="colima is not running"\n')).toEqual({
      ok: false,
      error: 'colima list --json: time="2026-03-24T20:40:40+11:00" level=fatal msg="colima is not running"',
    });
  });
});
