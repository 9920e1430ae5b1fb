import { type NotificationRequest, Notifier, notificationRequests } from '@src/main/notifications/notifier';
import { applyMutes } from '@src/shared/mute';
import { describe, expect, it } from 'vitest';
import { fixedDiagnosis, secondAddressDiagnosis, seedDiagnosis } from '../fixtures';

function setup(quietMs = 60_000) {
  let now = 0;
  const shown: NotificationRequest[] = [];
  const notifier = new Notifier({ show: (request) => shown.push(request), now: () => now, quietMs });
  return {
    notifier,
    shown,
    at: (ms: number) => {
      now = ms;
    },
  };
}

describe('notificationRequests', () => {
  it('makes one request per notifying finding of the seed case, keyed by the addresses involved', () => {
    const requests = notificationRequests(seedDiagnosis());
    expect(requests.map((r) => r.key)).toEqual([
      'nat-source-stale|172.2.9.61',
      'egress-multiple-ipv4|172.2.3.10,172.2.9.61',
    ]);
    expect(requests[0]).toMatchObject({ subjects: ['172.2.9.61'], fixable: true });
    expect(requests[0]!.body).toContain('sudo ifconfig en0 delete 172.2.9.61');
    // The extra address is the one that is not the DHCP lease.
    expect(requests[1]).toMatchObject({ subjects: ['172.2.9.61'], fixable: false, title: 'en0 has 2 IPv4 addresses' });
  });

  it('has nothing to say about a healthy path', () => {
    expect(notificationRequests(fixedDiagnosis())).toEqual([]);
  });

  it('treats every address after the first as extra when none is known to be DHCP', () => {
    const diagnosis = secondAddressDiagnosis('10.9.9.9', 'unknown');
    diagnosis.egress!.addresses[0]!.role = 'unknown';
    expect(notificationRequests(diagnosis)[0]!.subjects).toEqual(['10.9.9.9']);
  });
});

describe('Notifier', () => {
  it('notifies when en0 gains a second address, once while it persists', () => {
    const { notifier, shown, at } = setup();
    notifier.observe(fixedDiagnosis(), []);
    expect(shown).toHaveLength(0);
    at(1_000);
    notifier.observe(secondAddressDiagnosis('10.9.9.9'), []);
    at(2_000);
    notifier.observe(secondAddressDiagnosis('10.9.9.9'), []);
    at(500_000);
    notifier.observe(secondAddressDiagnosis('10.9.9.9'), []);
    expect(shown.map((r) => r.findingId)).toEqual(['egress-multiple-ipv4']);
  });

  it('gives at most one notification for an address flapping 100 times in a few seconds', () => {
    const { notifier, shown, at } = setup();
    for (let i = 0; i < 100; i++) {
      at(i * 40);
      notifier.observe(secondAddressDiagnosis('10.9.9.9'), []);
      at(i * 40 + 20);
      notifier.observe(fixedDiagnosis(), []);
    }
    expect(shown).toHaveLength(1);
  });

  it('re-arms once the finding has stayed gone for the quiet period', () => {
    const { notifier, shown, at } = setup(60_000);
    notifier.observe(secondAddressDiagnosis('10.9.9.9'), []);
    at(10_000);
    notifier.observe(fixedDiagnosis(), []);
    at(69_999);
    notifier.observe(secondAddressDiagnosis('10.9.9.9'), []);
    expect(shown).toHaveLength(1);
    at(80_000);
    notifier.observe(fixedDiagnosis(), []);
    at(140_000);
    notifier.observe(secondAddressDiagnosis('10.9.9.9'), []);
    expect(shown).toHaveLength(2);
  });

  it('notifies a different address as a new appearance', () => {
    const { notifier, shown, at } = setup();
    notifier.observe(secondAddressDiagnosis('10.9.9.9'), []);
    at(1_000);
    notifier.observe(secondAddressDiagnosis('10.9.9.8'), []);
    expect(shown.map((r) => r.key)).toEqual([
      'egress-multiple-ipv4|10.9.9.9,172.2.3.10',
      'egress-multiple-ipv4|10.9.9.8,172.2.3.10',
    ]);
  });

  it('notifies the stale NAT source and the second address of the seed case, once each', () => {
    const { notifier, shown, at } = setup();
    notifier.observe(seedDiagnosis(), []);
    at(5_000);
    notifier.observe(seedDiagnosis(), []);
    expect(shown.map((r) => r.findingId).sort()).toEqual(['egress-multiple-ipv4', 'nat-source-stale']);
  });

  it('never notifies an ignored address, however often it comes back', () => {
    const { notifier, shown, at } = setup(1_000);
    for (let i = 0; i < 10; i++) {
      at(i * 10_000);
      notifier.observe(seedDiagnosis(), ['172.2.9.61']);
      at(i * 10_000 + 5_000);
      notifier.observe(fixedDiagnosis(), ['172.2.9.61']);
    }
    expect(shown).toEqual([]);
  });

  it('still notifies other addresses while one is ignored', () => {
    const { notifier, shown } = setup();
    notifier.observe(secondAddressDiagnosis('10.9.9.9'), ['172.2.9.61']);
    expect(shown).toHaveLength(1);
  });

  it('does not replay an appearance that was ignored when it happened', () => {
    const { notifier, shown, at } = setup();
    notifier.observe(secondAddressDiagnosis('10.9.9.9'), ['10.9.9.9']);
    at(1_000);
    notifier.observe(secondAddressDiagnosis('10.9.9.9'), []);
    expect(shown).toEqual([]);
  });

  it('never notifies a muted finding, and unmuting does not replay its appearance', () => {
    const { notifier, shown, at } = setup(1_000);
    const mutedStale = () => applyMutes(seedDiagnosis(), [{ id: 'nat-source-stale', vm: null }]);
    notifier.observe(mutedStale(), []);
    expect(shown.map((r) => r.findingId)).toEqual(['egress-multiple-ipv4']);
    at(500);
    notifier.observe(seedDiagnosis(), []);
    expect(shown).toHaveLength(1);
    // Gone for the quiet period and back while muted: still nothing.
    at(2_000);
    notifier.observe(fixedDiagnosis(), []);
    at(4_000);
    notifier.observe(mutedStale(), []);
    expect(shown.filter((r) => r.findingId === 'nat-source-stale')).toEqual([]);
  });

  it('a mute for another VM does not silence it', () => {
    const { notifier, shown } = setup();
    const seed = seedDiagnosis();
    const tagged = { ...seed, findings: seed.findings.map((f) => ({ ...f, vm: 'minikube/minikube' })) };
    notifier.observe(applyMutes(tagged, [{ id: 'nat-source-stale', vm: 'lima/default' }]), []);
    expect(shown.map((r) => r.findingId).sort()).toEqual(['egress-multiple-ipv4', 'nat-source-stale']);
  });

  it('ignores a missing diagnosis', () => {
    const { notifier, shown } = setup();
    notifier.observe(null, []);
    expect(shown).toEqual([]);
  });
});
