// How diagnoseAllWith merges per-VM answers, with the one-VM diagnosis it is given standing in for diagnose():
// which VMs are checked, the order and tagging of findings, and each VM's entry when its diagnosis says little.
import { diagnoseAll, diagnosisOfVm } from '@src/shared/diagnosis';
import { diagnoseAllWith } from '@src/shared/diagnosis/multi';
import type { Rule } from '@src/shared/diagnosis/rule';
import type { FindingId } from '@src/shared/finding-ids';
import type { Diagnosis, Finding, Light, Snapshot, VmObservation } from '@src/shared/model';
import type { VmListing } from '@src/shared/vm';
import { describe, expect, it } from 'vitest';
import { limaUserMode, seedSnapshot, vmState, withVms } from './snapshot-builder';

const rule = (id: FindingId, scope: Rule['scope']): Rule => ({ id, scope, colours: [], evaluate: () => null });

const finding = (id: FindingId, title: string = id): Finding => ({
  id,
  severity: 'warning',
  title,
  detail: '',
  evidence: [],
  fix: null,
});

function answer(verdict: Light, findings: Finding[]): Diagnosis {
  return { verdict, egress: null, bridge: null, vm: null, hops: [], findings };
}

/** A one-VM diagnosis that answers per VM profile, and records which snapshots it was asked about. */
function perProfile(answers: Record<string, Diagnosis>) {
  const asked: (string | null)[] = [];
  const diagnoseOne = (_rules: readonly Rule[], snapshot: Snapshot): Diagnosis => {
    const profile = snapshot.vm?.profile ?? null;
    asked.push(profile);
    return answers[profile ?? '(none)'] ?? answer('unknown', []);
  };
  return { diagnoseOne, asked };
}

const vm = (profile: string, extra: Partial<VmObservation> = {}) => vmState('Running', { profile, ...extra });

const RULES_USED = [
  rule('vm-dns-failure', 'vm'),
  rule('nat-source-stale', 'host'),
  rule('egress-multiple-ipv4', 'host'),
];

describe('diagnoseAllWith: which VMs', () => {
  it('diagnoses the snapshot once, as it is, when no VM was observed', () => {
    const { diagnoseOne, asked } = perProfile({ '(none)': answer('green', [finding('nat-source-stale')]) });
    const snapshot = seedSnapshot({ vm: null, vms: [] });
    expect(diagnoseAllWith(diagnoseOne, RULES_USED, snapshot)).toEqual(answer('green', [finding('nat-source-stale')]));
    expect(asked).toEqual([null]);
  });

  it('checks the one vm when the vms list is empty', () => {
    const { diagnoseOne, asked } = perProfile({ a: answer('green', []) });
    const result = diagnoseAllWith(diagnoseOne, RULES_USED, seedSnapshot({ vm: vm('a'), vms: [] }));
    expect(asked).toEqual(['a']);
    expect(result.vms?.map((entry) => entry.ref)).toEqual(['minikube/a']);
  });

  it('checks every VM of the list, not the vm field, when there is a list', () => {
    const { diagnoseOne, asked } = perProfile({});
    diagnoseAllWith(diagnoseOne, RULES_USED, { ...seedSnapshot({ vm: vm('top') }), vms: [vm('a'), vm('b')] });
    expect(asked).toEqual(['a', 'b']);
  });
});

describe('diagnoseAllWith: merging findings', () => {
  it('orders findings by rule, then by VM; host findings once, from the first VM that has one', () => {
    const { diagnoseOne } = perProfile({
      a: answer('yellow', [finding('egress-multiple-ipv4', 'from a'), finding('vm-dns-failure', 'a dns')]),
      b: answer('red', [
        finding('egress-multiple-ipv4', 'from b'),
        finding('nat-source-stale', 'from b'),
        finding('vm-dns-failure', 'b dns'),
      ]),
    });
    const result = diagnoseAllWith(diagnoseOne, RULES_USED, withVms(seedSnapshot(), [vm('a'), vm('b')]));
    expect(result.findings.map((f) => [f.id, f.title, f.vm])).toEqual([
      ['vm-dns-failure', 'a dns', 'minikube/a'],
      ['vm-dns-failure', 'b dns', 'minikube/b'],
      ['nat-source-stale', 'from b', undefined],
      ['egress-multiple-ipv4', 'from a', undefined],
    ]);
    expect(result.verdict).toBe('red');
  });

  it("shows a finding no rule claims for each VM, tagged, after every rule's findings", () => {
    const { diagnoseOne } = perProfile({
      a: answer('yellow', [finding('input-unparseable', 'a'), finding('nat-source-stale', 'a')]),
      b: answer('yellow', [finding('input-unparseable', 'b')]),
    });
    const result = diagnoseAllWith(diagnoseOne, RULES_USED, withVms(seedSnapshot(), [vm('a'), vm('b')]));
    expect(result.findings.map((f) => [f.id, f.title, f.vm])).toEqual([
      ['nat-source-stale', 'a', undefined],
      ['input-unparseable', 'a', 'minikube/a'],
      ['input-unparseable', 'b', 'minikube/b'],
    ]);
  });

  it("keeps the first VM's top-level fields and the worst verdict", () => {
    const first = { ...answer('green', []), hops: [{ id: 'vm', light: 'green', summary: 'a', onPath: true }] } as const;
    const { diagnoseOne } = perProfile({ a: { ...first, hops: [...first.hops] }, b: answer('yellow', []) });
    const result = diagnoseAllWith(diagnoseOne, RULES_USED, withVms(seedSnapshot(), [vm('a'), vm('b')]));
    expect(result.hops).toEqual(first.hops);
    expect(result.verdict).toBe('yellow');
  });
});

describe('diagnoseAllWith: each VM entry', () => {
  const listing: VmListing = {
    provider: 'minikube',
    name: 'a',
    state: 'running',
    rawState: 'Running',
    ips: ['192.168.77.9'],
    driver: 'vfkit',
    network: 'vmnet-shared',
    networkEvidence: [],
  };

  it("falls back to the listing's network when the diagnosis has no VM, else to unknown", () => {
    const { diagnoseOne } = perProfile({});
    const result = diagnoseAllWith(
      diagnoseOne,
      RULES_USED,
      withVms(seedSnapshot(), [vm('a', { listing }), vm('b', { state: null })]),
    );
    expect(result.vms).toEqual([
      {
        ref: 'minikube/a',
        provider: 'minikube',
        name: 'a',
        state: 'Running',
        network: 'vmnet-shared',
        driver: null,
        gateway: null,
        bridge: 'bridge100',
        verdict: 'unknown',
        hops: [],
      },
      {
        ref: 'minikube/b',
        provider: 'minikube',
        name: 'b',
        state: null,
        network: 'unknown',
        driver: null,
        gateway: null,
        bridge: null,
        verdict: 'unknown',
        hops: [],
      },
    ]);
  });

  it("takes network, driver, gateway and bridge from the VM's own diagnosis", () => {
    const own: Diagnosis = {
      ...answer('green', []),
      bridge: { interface: 'bridge101', address: '192.168.64.1', members: ['vmenet3'] },
      vm: {
        provider: 'minikube',
        profile: 'a',
        state: 'Running',
        gateway: '192.168.64.1',
        driver: 'qemu2',
        network: 'vmnet-bridged',
      },
    };
    const { diagnoseOne } = perProfile({ a: own });
    const [entry] = diagnoseAllWith(diagnoseOne, RULES_USED, withVms(seedSnapshot(), [vm('a', { listing })])).vms!;
    expect(entry).toMatchObject({
      network: 'vmnet-bridged',
      driver: 'qemu2',
      gateway: '192.168.64.1',
      bridge: 'bridge101',
    });
  });

  it('names no bridge for a user-mode VM even when its address sits in a vmnet subnet', () => {
    const lima = limaUserMode();
    const inSubnet = { ...lima, listing: { ...lima.listing!, ips: ['192.168.77.9'] } };
    const diagnosis = diagnoseAll(withVms(seedSnapshot(), [inSubnet]));
    expect(diagnosis.vms![0]).toMatchObject({ network: 'user-mode', bridge: null });
  });
});

describe('diagnosisOfVm', () => {
  it("keeps the top-level bridge only for the VM that crosses it, and the VM's own findings with the host's", () => {
    const { diagnoseOne } = perProfile({
      a: {
        ...answer('red', [finding('vm-dns-failure', 'a dns'), finding('nat-source-stale')]),
        bridge: { interface: 'bridge100', address: '192.168.77.1', members: [] },
      },
      b: answer('green', [finding('vm-dns-failure', 'b dns')]),
    });
    const all = diagnoseAllWith(diagnoseOne, RULES_USED, withVms(seedSnapshot(), [vm('a'), vm('b')]));
    const a = diagnosisOfVm(all, all.vms![0]!);
    const b = diagnosisOfVm(all, all.vms![1]!);
    expect(a.bridge).toEqual({ interface: 'bridge100', address: '192.168.77.1', members: [] });
    expect(b.bridge).toBeNull();
    expect(a.findings.map((f) => f.title)).toEqual(['a dns', 'nat-source-stale']);
    expect(b.findings.map((f) => f.title)).toEqual(['b dns', 'nat-source-stale']);
    expect(b.verdict).toBe('green');
    expect(b.vm).toEqual({
      provider: 'minikube',
      profile: 'b',
      state: 'Running',
      gateway: null,
      driver: null,
      network: 'unknown',
    });
  });
});
