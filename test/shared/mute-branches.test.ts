// Mutes, branch by branch, over small hand-built diagnoses: the exact refusals a person or a settings file gets,
// and the light and reason shown when some findings are muted (each diagnosis built so one branch decides).
import { RULES } from '@src/shared/diagnosis/rules';
import { FINDING_IDS } from '@src/shared/finding-ids';
import {
  type Diagnosis,
  type Finding,
  HOP_IDS,
  type Hop,
  type HopId,
  type Light,
  type Severity,
  type VmDiagnosis,
} from '@src/shared/model';
import {
  checkMute,
  checkMuteList,
  describeMute,
  MAX_MUTES,
  shownLight,
  shownReason,
  vmRefProblem,
} from '@src/shared/mute';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const PROVIDERS = 'minikube, lima, colima, multipass, container, tart, utm, podman';
const notARef = (shown: string) => `"${shown}" is not PROVIDER/NAME (PROVIDER one of ${PROVIDERS})`;
const badName = (shown: string) => `"${shown}": the VM name must be 1-128 printable characters`;
const notAnId = (shown: string) => `${shown} is not a finding id (one of: ${FINDING_IDS.join(', ')})`;

/** Six hops on the path, green unless `lights` says otherwise; each hop's summary names it and its light. */
const path = (lights: Partial<Record<HopId, Light>> = {}, offPath: readonly HopId[] = []): Hop[] =>
  HOP_IDS.map((id) => {
    const light = offPath.includes(id) ? 'unknown' : (lights[id] ?? 'green');
    return {
      id,
      light,
      summary: offPath.includes(id) ? 'not on this path' : `${id} ${light}`,
      onPath: !offPath.includes(id),
    };
  });

const finding = (id: string, severity: Severity, extra: Partial<Finding> = {}): Finding => ({
  id: id as Finding['id'],
  severity,
  title: id,
  detail: '',
  evidence: [],
  fix: null,
  ...extra,
});
const mutedFinding = (id: string, severity: Severity, extra: Partial<Finding> = {}): Finding =>
  finding(id, severity, { ...extra, muted: true });

const diagnosis = (verdict: Light, hops: Hop[], findings: Finding[], vms?: VmDiagnosis[]): Diagnosis => ({
  verdict,
  egress: null,
  bridge: null,
  vm: null,
  hops,
  findings,
  ...(vms ? { vms } : {}),
});

const vmEntry = (ref: string, verdict: Light, hops: Hop[]): VmDiagnosis => ({
  ref,
  provider: 'lima',
  name: ref.split('/')[1]!,
  state: 'Running',
  network: 'vmnet-shared',
  driver: 'vz',
  gateway: '192.168.105.1',
  bridge: 'bridge100',
  verdict,
  hops,
});

describe('vmRefProblem: the refusal for a VM that is not PROVIDER/NAME', () => {
  it('a bare provider without a slash is refused for its missing name, not as an unknown provider', () => {
    expect(vmRefProblem('minikube')).toBe(badName('minikube'));
  });

  it('a ref starting with a slash names no provider and lists the providers, comma-separated', () => {
    expect(vmRefProblem('/default')).toBe(notARef('/default'));
    expect(vmRefProblem('vmware/default')).toBe(notARef('vmware/default'));
  });

  it('shows at most 40 characters of a refused ref', () => {
    const longProvider = `${'p'.repeat(50)}/default`;
    expect(vmRefProblem(longProvider)).toBe(notARef('p'.repeat(40)));
    const longName = `lima/${'n'.repeat(129)}`;
    expect(vmRefProblem(longName)).toBe(badName(`lima/${'n'.repeat(35)}`));
  });

  it('accepts a name of exactly 128 characters and refuses 129', () => {
    expect(vmRefProblem(`lima/${'n'.repeat(128)}`)).toBeNull();
    expect(vmRefProblem(`lima/${'n'.repeat(129)}`)).not.toBeNull();
    expect(checkMute('vm-dns-failure', `lima/${'n'.repeat(128)}`)).toEqual({
      ok: true,
      value: { id: 'vm-dns-failure', vm: `lima/${'n'.repeat(128)}` },
    });
  });
});

describe('checkMute / checkMuteList: exact refusals', () => {
  it('shows at most 60 characters of an unknown id', () => {
    expect(checkMute('z'.repeat(70), null)).toEqual({ ok: false, message: notAnId(`"${'z'.repeat(60)}"`) });
  });

  it('an id that is not a string is named as "a finding id", not echoed', () => {
    expect(checkMute(42, null)).toEqual({ ok: false, message: notAnId('a finding id') });
  });

  it('refuses a list longer than MAX_MUTES, naming the field and the cap', () => {
    const many = Array.from({ length: MAX_MUTES + 1 }, (_, i) => ({ id: 'vm-dns-failure', vm: `lima/vm${i}` }));
    expect(checkMuteList(many)).toEqual({ ok: false, message: 'mutedFindings holds at most 128 entries' });
    expect(checkMuteList(many, 'mutes')).toEqual({ ok: false, message: 'mutes holds at most 128 entries' });
  });

  it('refuses an entry that is a number, null or an array as not an { id, vm } entry', () => {
    for (const entry of [5, 'id', null, ['nat-source-stale', null]])
      expect(checkMuteList([entry]), JSON.stringify(entry)).toEqual({
        ok: false,
        message: 'mutedFindings must hold { id, vm } entries',
      });
  });

  it('an object with other keys is refused for its keys, not its shape', () => {
    expect(checkMuteList([{ vm: null, name: 'nat-source-stale' }])).toEqual({
      ok: false,
      message: 'mutedFindings entries have exactly the keys id and vm',
    });
  });

  it('a duplicate is named as describeMute words it: for one VM, or for every VM', () => {
    const one = { id: 'vm-dns-failure', vm: 'lima/default' };
    expect(checkMuteList([one, one])).toEqual({
      ok: false,
      message: 'mutedFindings: vm-dns-failure for lima/default is listed twice',
    });
    const all = { id: 'nat-source-stale', vm: null };
    expect(checkMuteList([all, all])).toEqual({
      ok: false,
      message: 'mutedFindings: nat-source-stale (every VM) is listed twice',
    });
  });

  it('describeMute words a mute for one VM and one for every VM', () => {
    expect(describeMute({ id: 'vm-dns-failure', vm: 'utm/Ubuntu 22.04' })).toBe('vm-dns-failure for utm/Ubuntu 22.04');
    expect(describeMute({ id: 'vm-dns-failure', vm: null })).toBe('vm-dns-failure (every VM)');
  });
});

describe('shownLight / shownReason over hand-built diagnoses', () => {
  it('muting the only finding on a red hop turns the light green, and no reason is shown', () => {
    const d = diagnosis('red', path({ vm: 'red' }), [mutedFinding('vm-dns-failure', 'error')]);
    expect(shownLight(d)).toBe('green');
    expect(shownReason(d)).toBeNull();
  });

  it('an unread input keeps an otherwise green result unknown; without it the result is green', () => {
    const hops = path({ vm: 'red' });
    const unread = finding('input-unparseable', 'info');
    expect(shownLight(diagnosis('red', hops, [mutedFinding('vm-dns-failure', 'error')]))).toBe('green');
    expect(shownLight(diagnosis('red', hops, [mutedFinding('vm-dns-failure', 'error'), unread]))).toBe('unknown');
  });

  it('a hop nobody could see stays unknown even when a muted finding colours it', () => {
    // egress-multiple-ipv4 colours egress and NAT; NAT is unknown here, so muting it must not make NAT green.
    const d = diagnosis('red', path({ egress: 'red', nat: 'unknown' }), [
      mutedFinding('egress-multiple-ipv4', 'error'),
    ]);
    expect(shownLight(d)).toBe('unknown');
    expect(shownReason(d)).toBe('NAT (nat unknown)');
  });

  it('a hop off the VM’s path does not keep the light from green once the red is muted', () => {
    const d = diagnosis('red', path({ vm: 'red' }, ['bridge', 'nat']), [mutedFinding('vm-dns-failure', 'error')]);
    expect(shownLight(d)).toBe('green');
  });

  it('with no hop on the path left to read, a muted red reads unknown, never green', () => {
    expect(shownLight(diagnosis('red', [], [mutedFinding('vm-dns-failure', 'error')]))).toBe('unknown');
    const allOff = path({}, HOP_IDS);
    expect(shownLight(diagnosis('red', allOff, [mutedFinding('vm-dns-failure', 'error')]))).toBe('unknown');
  });

  it('a muted finding of an id this version has no rule for takes no colour back', () => {
    const d = diagnosis('red', path({ vm: 'red' }), [mutedFinding('from-a-newer-version', 'error')]);
    expect(shownLight(d)).toBe('red');
  });

  it('a mute never makes the light worse than the verdict', () => {
    // The unknown id still speaks through its severity (error) once NAT's warning is muted: red would be worse
    // than the yellow verdict, so the verdict stands.
    const d = diagnosis('yellow', path({ nat: 'yellow' }), [
      mutedFinding('nat-source-stale', 'warning'),
      finding('from-a-newer-version', 'error'),
    ]);
    expect(shownLight(d)).toBe('yellow');
  });

  it('a mute never reads a hop worse than the evidence gave it', () => {
    // NAT reads yellow; a finding still heard would colour it red, but only the muted warning accounts for the
    // yellow, so NAT stays yellow (the bridge's muted red is gone).
    const d = diagnosis('red', path({ bridge: 'red', nat: 'yellow' }), [
      mutedFinding('vm-bridge-missing', 'error'),
      mutedFinding('nat-source-stale', 'warning'),
      finding('vpn-default-route', 'error'),
    ]);
    expect(shownLight(d)).toBe('yellow');
    expect(shownReason(d)).toBe('nat yellow');
  });

  it('a consequence of a muted finding goes quiet with it', () => {
    const d = diagnosis('red', path({ vm: 'red', nat: 'yellow' }), [
      mutedFinding('nat-source-stale', 'warning', { causes: ['vm-internet-unreachable'] }),
      finding('vm-internet-unreachable', 'error'),
    ]);
    expect(shownLight(d)).toBe('green');
  });

  it('a muted finding leaves yellow when a finding still heard colours another hop yellow', () => {
    const d = diagnosis('red', path({ vm: 'red', nat: 'yellow' }), [
      mutedFinding('vm-dns-failure', 'error'),
      finding('nat-source-stale', 'warning'),
    ]);
    expect(shownLight(d)).toBe('yellow');
    expect(shownReason(d)).toBe('nat yellow');
  });

  it('the reason skips a yellow hop a mute lowered and names the one still yellow', () => {
    // VM (yellow) and bridge (red) are muted away, NAT stays yellow: the reason is NAT's, not the VM's.
    const d = diagnosis('red', path({ vm: 'yellow', bridge: 'red', nat: 'yellow' }), [
      mutedFinding('vm-dns-failure', 'warning'),
      mutedFinding('vm-bridge-missing', 'error'),
      finding('nat-source-stale', 'warning'),
    ]);
    expect(shownLight(d)).toBe('yellow');
    expect(shownReason(d)).toBe('nat yellow');
  });

  it('a mute never turns an unknown verdict green, even when every hop reads green', () => {
    const d = diagnosis('unknown', path(), [mutedFinding('vm-dns-failure', 'warning')]);
    expect(shownLight(d)).toBe('unknown');
  });
});

describe('several VMs: each VM weighed with its own findings and the host-wide ones', () => {
  const vmHops = (ref: string, light: Light, others: Partial<Record<HopId, Light>> = {}): Hop[] =>
    path({ vm: light, ...others }).map((hop) => ({ ...hop, summary: `${ref} ${hop.summary}` }));

  it('a muted finding of one VM does not quiet another VM, and the reason is the VM still yellow', () => {
    const a = vmEntry('lima/a', 'red', vmHops('lima/a', 'red'));
    const b = vmEntry('lima/b', 'yellow', vmHops('lima/b', 'yellow'));
    const d = diagnosis(
      'red',
      a.hops,
      [
        mutedFinding('vm-dns-failure', 'error', { vm: 'lima/a' }),
        finding('vm-dns-failure', 'warning', { vm: 'lima/b' }),
      ],
      [a, b],
    );
    expect(shownLight(d)).toBe('yellow');
    expect(shownReason(d)).toBe('lima/b vm yellow');
  });

  it('the reason skips a hop a mute lowered even when that VM’s light stays as its verdict', () => {
    // VM a stays yellow (NAT still heard) while its muted VM hop drops; VM b's red is muted away entirely.
    const a = vmEntry('lima/a', 'yellow', vmHops('lima/a', 'yellow', { nat: 'yellow' }));
    const b = vmEntry('lima/b', 'red', vmHops('lima/b', 'red'));
    const d = diagnosis(
      'red',
      a.hops,
      [
        mutedFinding('vm-dns-failure', 'warning', { vm: 'lima/a' }),
        finding('nat-source-stale', 'warning', { vm: 'lima/a' }),
        mutedFinding('vm-dns-failure', 'error', { vm: 'lima/b' }),
      ],
      [a, b],
    );
    expect(shownLight(d)).toBe('yellow');
    expect(shownReason(d)).toBe('lima/a nat yellow');
  });
});

describe('FINDING_HOPS, as each rule declares the hops it colours', () => {
  // FINDING_HOPS is built from RULES when the module loads: each test imports it afresh so a mutation run sees
  // these tests build it.
  beforeEach(() => {
    vi.resetModules();
  });

  it('muting a rule’s finding takes back the red it put on exactly the hops it colours', async () => {
    const fresh = await import('@src/shared/mute');
    for (const rule of RULES) {
      if (rule.colours.length === 0) continue;
      const lights = Object.fromEntries(rule.colours.map((id) => [id, 'red'])) as Partial<Record<HopId, Light>>;
      expect(fresh.shownLight(diagnosis('red', path(lights), [mutedFinding(rule.id, 'error')])), rule.id).toBe('green');
    }
  });

  it('a muted finding does not take colour from a hop its rule does not colour', async () => {
    const fresh = await import('@src/shared/mute');
    // nat-source-stale colours NAT only: the red egress stays.
    const d = diagnosis('red', path({ nat: 'red', egress: 'red' }), [mutedFinding('nat-source-stale', 'error')]);
    expect(fresh.shownLight(d)).toBe('red');
  });
});
