import { readFileSync } from 'node:fs';
import { diagnose } from '@src/shared/diagnosis';
import { deriveFacts } from '@src/shared/diagnosis/facts';
import { rule } from '@src/shared/diagnosis/rules/vm-multiple-default-routes';
import type { Route, Snapshot } from '@src/shared/model';
import { parseIpRouteText } from '@src/shared/parsers/ip-route-text';
import { describe, expect, it } from 'vitest';
import { route, SEED, seedSnapshot, vmProbe, vmRunning } from '../snapshot-builder';

const evaluate = (snapshot: Snapshot) => rule.evaluate(deriveFacts(snapshot));
const hop = (snapshot: Snapshot, id: string) => diagnose(snapshot).hops.find((h) => h.id === id);

// The seed's bridge holds 192.168.77.1; 10.0.2.2 is a user-mode (slirp) gateway no host interface holds.
const vmnet = (metric: number): Route => route('default', SEED.bridge, 'eth1', { metric });
const slirp = (metric: number): Route => route('default', '10.0.2.2', 'eth0', { metric });
const withDefaults = (...routes: Route[]): Snapshot => seedSnapshot({ vm: vmRunning(vmProbe({ routes })) });

describe('vm-multiple-default-routes', () => {
  it('is silent with one default route', () => {
    expect(evaluate(withDefaults(vmnet(100)))).toBeNull();
  });

  it('is info when the lowest metric is the vmnet route, and names the other as the fallback', () => {
    const finding = evaluate(withDefaults(slirp(200), vmnet(100)));
    expect(finding).toMatchObject({
      severity: 'info',
      title: 'The VM has 2 default routes; it uses the one via 192.168.77.1 on eth1 (metric 100).',
      evidence: [
        'VM route: default via 192.168.77.1 dev eth1 metric 100',
        'VM route: default via 10.0.2.2 dev eth0 metric 200',
      ],
      fix: null,
    });
    expect(finding?.detail).toContain('via 10.0.2.2 on eth0 (metric 200) is used only if that one goes away');
  });

  it('warns when the route in use is not the vmnet one, naming the bridge the other route leads to', () => {
    const snapshot = withDefaults(vmnet(200), slirp(100));
    const finding = evaluate(snapshot);
    expect(finding?.severity).toBe('warning');
    expect(finding?.title).toContain('via 10.0.2.2 on eth0 (metric 100)');
    expect(finding?.detail).toContain('bridge100 holds 192.168.77.1');
    const facts = deriveFacts(snapshot);
    expect([facts.vm.gateway, facts.bridge?.iface.name]).toEqual(['10.0.2.2', 'bridge100']);
    expect(hop(snapshot, 'bridge')).toMatchObject({
      light: 'yellow',
      summary: expect.stringContaining("the VM's traffic uses its default via 10.0.2.2 on eth0"),
    });
    expect(diagnose(snapshot).findings.map((f) => f.id)).not.toContain('vm-bridge-missing');
  });

  it('warns on equal metrics that the choice is ambiguous, and the bridge hop is not green', () => {
    const snapshot = withDefaults(slirp(100), vmnet(100));
    const finding = evaluate(snapshot);
    expect(finding?.severity).toBe('warning');
    expect(finding?.title).toBe('The VM has 2 default routes of equal metric.');
    expect(finding?.detail).toContain('ambiguous');
    expect(hop(snapshot, 'bridge')?.light).toBe('yellow');
    expect(hop(snapshot, 'vm')?.summary).toContain('also via 192.168.77.1 on eth1 (metric 100)');
    expect(diagnose(snapshot).verdict).not.toBe('green');
  });

  it("says it can't tell which is vmnet's when the host's interfaces were not collected", () => {
    const snapshot = { ...withDefaults(slirp(100), vmnet(200)), interfaces: null };
    expect(evaluate(snapshot)).toMatchObject({ severity: 'info', detail: expect.stringContaining("can't be told") });
  });
});

describe('vm-multiple-default-routes on a real guest table', () => {
  it('reads the HPK guest (slirp eth1 and vmnet eth0, both metric 100) as a tie, in the order listed', () => {
    const text = readFileSync(
      new URL(
        '../../../fixtures/real/vm-ip-route/hpk-vm-two-default-routes-vmnet-eth0-and-slirp-eth1.txt',
        import.meta.url,
      ),
      'utf8',
    );
    const parsed = parseIpRouteText(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const facts = deriveFacts(seedSnapshot({ vm: vmRunning(vmProbe({ routes: parsed.value })) }));
    expect(facts.vm.defaultTie).toBe(true);
    expect(facts.vm.defaults.map((r) => [r.gateway, r.interface])).toEqual([
      ['10.0.2.2', 'eth1'],
      ['192.168.64.1', 'eth0'],
    ]);
    expect(rule.evaluate(facts)?.severity).toBe('warning');
  });
});
