import { readFileSync } from 'node:fs';
import { parseMultipassList } from '@src/shared/parsers/providers/multipass';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../fixtures/real/multipass/${path}`, import.meta.url), 'utf8');

const VMNET = ['multipass on macOS runs instances on QEMU with vmnet shared networking'];

describe('parseMultipassList on multipass’s own test replies', () => {
  it('reads a running and a stopped instance, an empty ipv4 list included', () => {
    expect(parseMultipassList(fixture('multipass-tests-multiple-instances-list-reply.json'))).toEqual({
      ok: true,
      value: [
        {
          provider: 'multipass',
          name: 'bogus-instance',
          state: 'running',
          rawState: 'Running',
          ips: ['10.21.124.56'],
          driver: null,
          network: 'vmnet-shared',
          networkEvidence: VMNET,
        },
        {
          provider: 'multipass',
          name: 'bombastic',
          state: 'stopped',
          rawState: 'Stopped',
          ips: [],
          driver: null,
          network: 'vmnet-shared',
          networkEvidence: VMNET,
        },
      ],
    });
  });

  it('keeps every address in order, the default network first', () => {
    expect(parseMultipassList(fixture('multipass-tests-single-instance-list-reply.json'))).toMatchObject({
      ok: true,
      value: [{ name: 'foo', ips: ['10.168.32.2', '200.3.123.30'] }],
    });
  });

  it('reads an empty list as no instances', () => {
    expect(parseMultipassList(fixture('multipass-tests-empty-list-reply.json'))).toEqual({ ok: true, value: [] });
  });
});

describe('parseMultipassList on other output', () => {
  it.each([
    ['Suspended', 'stopped'],
    ['Delayed Shutdown', 'running'],
    ['Starting', 'unknown'],
    ['Unknown', 'unknown'],
  ])('reads state %s as %s', (word, state) => {
    const text = JSON.stringify({ list: [{ name: 'a', state: word, ipv4: ['N/A', '192.168.64.5'] }] });
    expect(parseMultipassList(text)).toMatchObject({
      ok: true,
      value: [{ state, rawState: word, ips: ['192.168.64.5'] }],
    });
  });

  it.each([
    ['no output', '', 'multipass list --format json: empty output'],
    [
      'the daemon’s error',
      'list failed: cannot connect to the multipass socket\n',
      'multipass list --format json: list failed: cannot connect to the multipass socket',
    ],
    ['JSON without a list', '{"errors":[]}', 'multipass list --format json: JSON that is not a VM listing'],
  ])('rejects %s', (_, text, error) => {
    expect(parseMultipassList(text)).toEqual({ ok: false, error });
  });
});
