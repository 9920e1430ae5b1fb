import { rule } from '@src/shared/diagnosis/rules/no-default-route';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, linuxSnapshot, noDefaultRoute, route, seedSnapshot, splitVpn } from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('no-default-route', () => {
  it('fires when only a scoped default is left, showing it', () => {
    expect(evaluate(noDefaultRoute())).toMatchObject({
      id: 'no-default-route',
      severity: 'error',
      title: 'The host has no default route.',
      evidence: ['default 172.2.2.2 UGScIg en0 (scoped: only sockets bound to that interface may use it)'],
      fix: null,
    });
  });

  it('fires when there is no default of any kind', () => {
    expect(evaluate(seedSnapshot({ routes: [route('172.2/16', null, 'en0')] }))?.evidence).toEqual([
      'no default route in the routing table',
    ]);
  });

  it("says how to get a lease back in each OS's own words", () => {
    expect(evaluate(noDefaultRoute())?.detail).toContain('System Settings > Network > Details > TCP/IP');
    const linux = evaluate(linuxSnapshot({ routes: [route('198.51.100.0/24', null, 'en0')] }))?.detail ?? '';
    expect(linux).toContain('`nmcli device reapply <iface>`');
    expect(linux).not.toContain('System Settings');
  });

  it('stays silent when routes are unknown, a default exists, or a split VPN covers everything', () => {
    expect(evaluate(seedSnapshot({ routes: null }))).toBeNull();
    expect(evaluate(seedSnapshot())).toBeNull();
    expect(evaluate(splitVpn())).toBeNull();
  });
});
