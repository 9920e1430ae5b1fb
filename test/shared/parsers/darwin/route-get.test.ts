import { readdirSync, readFileSync } from 'node:fs';
import { parseRouteGet } from '@src/shared/parsers/darwin/route-get';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');

const FLAGS = ['UP', 'GATEWAY', 'DONE', 'STATIC', 'PRCLONING', 'GLOBAL'];

describe('parseRouteGet on real captures', () => {
  it('reads `route get default` via en0', () => {
    expect(parseRouteGet(fixture('real/route-get/egress-guard-route-get-default-en0.txt'))).toEqual({
      ok: true,
      value: { destination: 'default', gateway: '192.168.1.1', interface: 'en0', flags: FLAGS },
    });
  });

  it('reads the split-tunnel `route get 1` via utun3 with gateway 192.168.12.1', () => {
    expect(parseRouteGet(fixture('real/route-get/neofetch-pr2361-route-get-1-via-utun3-split-vpn.txt'))).toEqual({
      ok: true,
      value: { destination: 'default', gateway: '192.168.12.1', interface: 'utun3', flags: FLAGS },
    });
  });

  it('parses every real route-get capture', () => {
    const directory = new URL('../../../fixtures/real/route-get/', import.meta.url);
    for (const file of readdirSync(directory)) {
      expect(parseRouteGet(readFileSync(new URL(file, directory), 'utf8')).ok, file).toBe(true);
    }
  });
});

describe('parseRouteGet on edge cases', () => {
  it('has a null gateway for a utun route that prints none', () => {
    const text =
      '   route to: 0.0.0.1\ndestination: default\n       mask: 128.0.0.0\n  interface: utun4\n      flags: <UP,DONE,STATIC,PRCLONING>\n';
    expect(parseRouteGet(text)).toEqual({
      ok: true,
      value: {
        destination: 'default',
        gateway: null,
        interface: 'utun4',
        flags: ['UP', 'DONE', 'STATIC', 'PRCLONING'],
      },
    });
  });

  it('has a null gateway when the gateway is not an address', () => {
    const text = 'destination: 192.168.64.0\n    gateway: bridge100\n  interface: bridge100\n';
    expect(parseRouteGet(text)).toMatchObject({
      ok: true,
      value: { gateway: null, interface: 'bridge100', flags: [] },
    });
  });

  it('is still ok with a null interface when only the destination is there', () => {
    expect(parseRouteGet('   route to: default\r\ndestination: default\r\n')).toEqual({
      ok: true,
      value: { destination: 'default', gateway: null, interface: null, flags: [] },
    });
  });

  it("is unparseable with route's own message when the route is not in the table", () => {
    expect(parseRouteGet('route: writing to routing socket: not in table\n')).toEqual({
      ok: false,
      error: 'route: writing to routing socket: not in table',
    });
  });

  it('is unparseable for empty or unrelated text', () => {
    expect(parseRouteGet('')).toEqual({ ok: false, error: 'empty output' });
    expect(parseRouteGet('default via 10.0.0.1 dev eth0\n')).toMatchObject({
      ok: false,
      error: expect.stringContaining('default via 10.0.0.1 dev eth0'),
    });
  });
});
