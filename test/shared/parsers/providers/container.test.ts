import { readFileSync } from 'node:fs';
import { parseContainerList } from '@src/shared/parsers/providers/container';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../fixtures/real/container/${path}`, import.meta.url), 'utf8');

describe('parseContainerList on real container 1.0 listings', () => {
  it('reads a running container with its vmnet address', () => {
    expect(parseContainerList(fixture('crane-container-1.0-ls-all-format-json-running-EDITED.json'))).toEqual({
      ok: true,
      value: [
        {
          provider: 'container',
          name: 'crane-test',
          state: 'running',
          rawState: 'running',
          ips: ['192.168.64.2'],
          driver: null,
          network: 'vmnet-shared',
          networkEvidence: [
            'apple/container runs each container in a VM on a vmnet network (default); its default network is NAT, 192.168.64.0/24',
          ],
        },
      ],
    });
  });

  it('reads the same container stopped, with no attachment', () => {
    expect(parseContainerList(fixture('crane-container-1.0-ls-all-format-json-stopped.json'))).toMatchObject({
      ok: true,
      value: [{ name: 'crane-test', state: 'stopped', ips: [], network: 'vmnet-shared' }],
    });
  });

  it('rejects the how-to’s inspect output, which its author cut short with “...”', () => {
    expect(parseContainerList(fixture('apple-container-howto-inspect-jq-older-shape-ELIDED.json'))).toEqual({
      ok: false,
      error: 'container ls --all --format json: JSON that is not a VM listing',
    });
  });
});

describe('parseContainerList on the shapes container has printed', () => {
  it('reads the earlier shape: a status word and top-level networks with `address`', () => {
    // The field names of docs/how-to.md's `container inspect` example, which prints the same records.
    const text = JSON.stringify([
      {
        status: 'running',
        networks: [{ address: '192.168.64.3/24', gateway: '192.168.64.1', hostname: 'web.test.', network: 'default' }],
        configuration: { id: 'my-web-server', hostname: 'my-web-server' },
      },
    ]);
    expect(parseContainerList(text)).toMatchObject({
      ok: true,
      value: [{ name: 'my-web-server', state: 'running', ips: ['192.168.64.3'] }],
    });
  });

  it('names a custom network from the configuration of a stopped container', () => {
    const text =
      '[{"id":"db","configuration":{"id":"db","networks":[{"network":"backend"}]},"status":{"state":"stopped","networks":[]}}]';
    expect(parseContainerList(text)).toMatchObject({
      ok: true,
      value: [{ networkEvidence: [expect.stringContaining('(backend)')] }],
    });
  });

  it('reads an empty array as no containers and rejects the stopped-service error', () => {
    expect(parseContainerList('[]\n')).toEqual({ ok: true, value: [] });
    expect(parseContainerList('Error: interrupted: "XPC connection error: Connection invalid"\n')).toEqual({
      ok: false,
      error: 'container ls --all --format json: Error: interrupted: "XPC connection error: Connection invalid"',
    });
  });
});
