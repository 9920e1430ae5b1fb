// Mutes over real diagnoses (each is `check --json --replay` of a bundle, test/fixtures/diagnoses): what is marked,
// and what light the user sees when some findings are muted.
import { readFileSync } from 'node:fs';
import { FINDING_IDS } from '@src/shared/finding-ids';
import type { Diagnosis, Finding, VmDiagnosis } from '@src/shared/model';
import {
  applyMutes,
  checkMute,
  checkMuteList,
  FINDING_HOPS,
  isMutedBy,
  MAX_MUTES,
  type Mute,
  shownLight,
  vmRefProblem,
  withMute,
  withoutMute,
} from '@src/shared/mute';
import { describe, expect, it } from 'vitest';

const generated = (name: string): Diagnosis =>
  JSON.parse(readFileSync(new URL(`../fixtures/diagnoses/${name}.json`, import.meta.url), 'utf8')) as Diagnosis;

const all = (id: Mute['id']): Mute => ({ id, vm: null });
const muted = (diagnosis: Diagnosis) => diagnosis.findings.filter((f) => f.muted).map((f) => f.id);

describe('checkMute / checkMuteList', () => {
  it('accepts a known id for every VM or for one PROVIDER/NAME, names with spaces included (UTM)', () => {
    expect(checkMute('nat-source-stale', null)).toEqual({ ok: true, value: all('nat-source-stale') });
    expect(checkMute('vm-dns-failure', 'lima/default')).toEqual({
      ok: true,
      value: { id: 'vm-dns-failure', vm: 'lima/default' },
    });
    expect(checkMute('vm-dns-failure', 'utm/Ubuntu 22.04').ok).toBe(true);
  });

  it('refuses an unknown id, naming the ids it knows', () => {
    const checked = checkMute('nat-source-stail', null);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.message).toContain('"nat-source-stail" is not a finding id');
      expect(checked.message).toContain('nat-source-stale');
      expect(checked.message).not.toContain('\n');
    }
    expect(checkMute(42, null).ok).toBe(false);
    expect(checkMute('__proto__', null).ok).toBe(false);
  });

  it('refuses a VM that is not PROVIDER/NAME', () => {
    for (const bad of [
      'default',
      'vmware/default',
      'lima/',
      '/default',
      'lima/ padded',
      'lima/a\nb',
      `lima/${'x'.repeat(129)}`,
    ])
      expect(vmRefProblem(bad), bad).not.toBeNull();
    expect(checkMute('vm-dns-failure', 7).ok).toBe(false);
    expect(checkMute('vm-dns-failure', undefined).ok).toBe(false);
  });

  it('a stored list: entries of exactly { id, vm }, none twice, capped', () => {
    expect(checkMuteList([all('nat-source-stale'), { id: 'nat-source-stale', vm: 'minikube/minikube' }])).toEqual({
      ok: true,
      value: [all('nat-source-stale'), { id: 'nat-source-stale', vm: 'minikube/minikube' }],
    });
    expect(checkMuteList('nat-source-stale').ok).toBe(false);
    expect(checkMuteList([{ id: 'nat-source-stale' }]).ok).toBe(false);
    expect(checkMuteList([{ id: 'nat-source-stale', vm: null, extra: 1 }]).ok).toBe(false);
    expect(checkMuteList([all('nat-source-stale'), all('nat-source-stale')])).toMatchObject({
      ok: false,
      message: expect.stringContaining('listed twice'),
    });
    expect(checkMuteList([{ id: 'nope', vm: null }]).ok).toBe(false);
    const many = Array.from({ length: MAX_MUTES + 1 }, (_, i) => ({ id: 'vm-dns-failure', vm: `lima/vm${i}` }));
    expect(checkMuteList(many).ok).toBe(false);
    expect(checkMuteList(many.slice(0, MAX_MUTES)).ok).toBe(true);
  });

  it('adding and removing keep the list a set', () => {
    const one = withMute([], all('nat-source-stale'));
    expect(withMute(one, all('nat-source-stale'))).toBe(one);
    expect(withoutMute(one, { id: 'nat-source-stale', vm: 'lima/default' })).toBe(one);
    expect(withoutMute(one, all('nat-source-stale'))).toEqual([]);
  });
});

describe('applyMutes', () => {
  it('marks exactly the muted ids, keeps every finding, and leaves the verdict and hops as the evidence says', () => {
    const seed = generated('seed');
    const result = applyMutes(seed, [all('nat-source-stale')]);
    expect(muted(result)).toEqual(['nat-source-stale']);
    expect(result.findings.map((f) => f.id)).toEqual(seed.findings.map((f) => f.id));
    expect(result.verdict).toBe('red');
    expect(result.hops).toEqual(seed.hops);
    expect(seed.findings.some((f) => f.muted)).toBe(false);
  });

  it('drops a mark whose mute is gone', () => {
    const once = applyMutes(generated('seed'), [all('nat-source-stale')]);
    expect(muted(applyMutes(once, []))).toEqual([]);
    expect('muted' in (applyMutes(once, []).findings[0] as Finding)).toBe(false);
  });

  it('a mute for one VM matches only findings tagged with that VM; a host-wide finding needs a mute for all', () => {
    const seed = generated('seed');
    const tagged: Diagnosis = {
      ...seed,
      findings: seed.findings.map((f) => (f.id === 'nat-source-stale' ? { ...f, vm: 'minikube/minikube' } : f)),
    };
    expect(muted(applyMutes(tagged, [{ id: 'nat-source-stale', vm: 'minikube/minikube' }]))).toEqual([
      'nat-source-stale',
    ]);
    expect(muted(applyMutes(tagged, [{ id: 'nat-source-stale', vm: 'lima/default' }]))).toEqual([]);
    expect(muted(applyMutes(tagged, [{ id: 'egress-multiple-ipv4', vm: 'minikube/minikube' }]))).toEqual([]);
    expect(isMutedBy([all('egress-multiple-ipv4')], { id: 'egress-multiple-ipv4' })).toBe(true);
  });
});

describe('shownLight: the light with the muted findings left out', () => {
  const seed = generated('seed');
  const light = (diagnosis: Diagnosis, list: Mute[]) => shownLight(applyMutes(diagnosis, list));

  it('is the verdict when nothing is muted', () => {
    for (const name of ['seed', 'healthy', 'garbage', 'second-after-dhcp'])
      expect(light(generated(name), [])).toBe(generated(name).verdict);
  });

  it('seed: muting the stale NAT source leaves the warning (yellow); muting both leaves green', () => {
    expect(light(seed, [all('nat-source-stale')])).toBe('yellow');
    expect(light(seed, [all('egress-multiple-ipv4')])).toBe('red');
    expect(light(seed, [all('nat-source-stale'), all('egress-multiple-ipv4')])).toBe('green');
  });

  it('fails closed: a muted finding never turns a hop nobody could see green', () => {
    // second-after-dhcp: egress yellow (two addresses), the internet hop unknown (nothing probed).
    expect(light(generated('second-after-dhcp'), [all('egress-multiple-ipv4')])).toBe('unknown');
    expect(light(generated('garbage'), [all('input-unparseable')])).toBe('unknown');
  });

  it('fails closed: an unread input keeps an all clear unknown, muted or not', () => {
    const withUnread: Diagnosis = { ...seed, findings: [...seed.findings, { ...generated('garbage').findings[0]! }] };
    const list = [all('nat-source-stale'), all('egress-multiple-ipv4')];
    expect(light(withUnread, list)).toBe('unknown');
    expect(light(withUnread, [...list, all('input-unparseable')])).toBe('unknown');
  });

  it('a hop stays coloured when a finding still heard colours it too', () => {
    // Both findings colour NAT (egress-multiple-ipv4 through "which address is live"): muting the warning alone
    // leaves the error's red.
    const yellowNat = (hops: Diagnosis['hops']) =>
      hops.map((h) => (h.id === 'nat' ? { ...h, light: 'yellow' as const } : h));
    const natYellow: Diagnosis = {
      ...seed,
      hops: yellowNat(seed.hops),
      verdict: 'yellow',
      // Each VM's own path says the same (one VM here).
      ...(seed.vms
        ? { vms: seed.vms.map((vm) => ({ ...vm, hops: yellowNat(vm.hops), verdict: 'yellow' as const })) }
        : {}),
      findings: seed.findings.map((f) => (f.id === 'nat-source-stale' ? { ...f, severity: 'warning' } : f)),
    };
    expect(light(natYellow, [all('egress-multiple-ipv4')])).toBe('yellow');
  });

  it('a muted finding whose severity is lower than its hop’s light does not account for it', () => {
    const info: Diagnosis = {
      ...seed,
      findings: seed.findings.map((f) => (f.id === 'nat-source-stale' ? { ...f, severity: 'info' } : f)),
    };
    expect(light(info, [all('nat-source-stale'), all('egress-multiple-ipv4')])).toBe('red');
  });

  it('a consequence of a muted finding is part of it: it does not keep the light red', () => {
    const consequence: Finding = {
      id: 'vm-internet-unreachable',
      severity: 'error',
      title: 'The VM reaches none of its targets',
      detail: '',
      evidence: [],
      fix: null,
    };
    const cut: Diagnosis = {
      ...seed,
      hops: seed.hops.map((h) => (h.id === 'vm' ? { ...h, light: 'red' } : h)),
      findings: [
        ...seed.findings.map((f) => (f.id === 'nat-source-stale' ? { ...f, causes: [consequence.id] } : f)),
        consequence,
      ],
    };
    expect(light(cut, [all('nat-source-stale')])).toBe('yellow');
    expect(light(cut, [all('vm-internet-unreachable')])).toBe('red');
  });

  it('an id FINDING_HOPS does not know still colours the light by its severity while heard', () => {
    const unknownId = { ...seed.findings[0]!, id: 'not-yet-mapped' as Finding['id'], severity: 'warning' as const };
    const withNew: Diagnosis = { ...seed, findings: [...seed.findings, unknownId] };
    expect(light(withNew, [all('nat-source-stale'), all('egress-multiple-ipv4')])).toBe('yellow');
  });

  it('several VMs: a mute for one VM quiets that VM only; the light is the worst VM’s', () => {
    const vmEntry = (ref: string): VmDiagnosis => ({
      ref,
      provider: 'minikube',
      name: ref.split('/')[1]!,
      state: 'Running',
      network: 'vmnet-shared',
      driver: 'vfkit',
      gateway: '192.168.77.1',
      bridge: 'bridge100',
      verdict: 'red',
      hops: seed.hops.map((h) => (h.id === 'egress' ? { ...h, light: 'green' } : h)),
    });
    const two: Diagnosis = {
      ...seed,
      findings: [
        { ...seed.findings[0]!, vm: 'minikube/a' },
        { ...seed.findings[0]!, vm: 'minikube/b' },
      ],
      vms: [vmEntry('minikube/a'), vmEntry('minikube/b')],
    };
    expect(light(two, [{ id: 'nat-source-stale', vm: 'minikube/a' }])).toBe('red');
    expect(light(two, [{ id: 'nat-source-stale', vm: 'minikube/b' }])).toBe('red');
    expect(light(two, [all('nat-source-stale')])).toBe('green');
  });

  it('every finding id says which hops it colours', () => {
    for (const id of FINDING_IDS)
      expect(FINDING_HOPS[id], `${id}: add it to FINDING_HOPS (src/shared/mute.ts)`).toBeDefined();
  });
});
