import { diagnose, diagnoseAll, diagnosisOfVm, RULES, worstVerdict } from '@src/shared/diagnosis';
import type { Snapshot } from '@src/shared/model';
import type { VmListing } from '@src/shared/vm';
import { describe, expect, it } from 'vitest';
import {
  healthySnapshot,
  limaUserMode,
  seedSnapshot,
  seedVmFailing,
  vmDnsFailure,
  vmState,
  withVms,
} from './snapshot-builder';

const summary = (snapshot: Snapshot) =>
  diagnoseAll(snapshot).findings.map((finding) => `${finding.id}${finding.vm ? ` @${finding.vm}` : ''}`);

describe('diagnoseAll: one VM', () => {
  it('is diagnose() plus the vms entry, for host findings', () => {
    const snapshot = seedSnapshot();
    const { vms, ...rest } = diagnoseAll(snapshot);
    expect(rest).toEqual(diagnose(snapshot));
    expect(vms).toHaveLength(1);
    expect(vms![0]).toMatchObject({ ref: 'minikube/minikube', bridge: 'bridge100', verdict: 'red', state: 'Running' });
    expect(vms![0]!.hops).toEqual(diagnose(snapshot).hops);
  });

  it('tags a VM finding with its VM and changes nothing else', () => {
    const snapshot = vmDnsFailure();
    const one = diagnose(snapshot);
    const all = diagnoseAll(snapshot);
    expect(all.findings).toEqual(one.findings.map((finding) => ({ ...finding, vm: 'minikube/minikube' })));
    expect(all.verdict).toBe(one.verdict);
  });

  it('has no vms when no VM was observed', () => {
    const snapshot = seedSnapshot({ vm: null });
    expect(diagnoseAll(snapshot)).toEqual(diagnose(snapshot));
  });
});

describe('diagnoseAll: several VMs', () => {
  it('seed state: the vmnet VM is red, the user-mode VM green; the stale NAT source is said once', () => {
    const snapshot = withVms(seedSnapshot(), [seedVmFailing(), limaUserMode()]);
    const diagnosis = diagnoseAll(snapshot);
    expect(diagnosis.verdict).toBe('red');
    expect(diagnosis.vms!.map((vm) => [vm.ref, vm.network, vm.bridge, vm.verdict])).toEqual([
      ['minikube/minikube', 'unknown', 'bridge100', 'red'],
      ['lima/default', 'user-mode', null, 'green'],
    ]);
    expect(diagnosis.vms![1]!.hops.find((hop) => hop.id === 'nat')?.onPath).toBe(false);
    expect(summary(snapshot)).toEqual([
      'nat-source-stale',
      'egress-multiple-ipv4',
      'vm-internet-unreachable @minikube/minikube',
    ]);
  });

  it('keeps the top-level fields those of the first VM', () => {
    const vms = [limaUserMode(), seedVmFailing()];
    const diagnosis = diagnoseAll(withVms(seedSnapshot(), vms));
    const first = diagnose(seedSnapshot({ vm: vms[0]! }));
    expect(diagnosis.hops).toEqual(first.hops);
    expect(diagnosis.vm).toEqual(first.vm);
    expect(diagnosis.bridge).toEqual(first.bridge);
    // …while the verdict is the worst of the two, the second VM's red.
    expect(first.verdict).not.toBe('red');
    expect(diagnosis.verdict).toBe('red');
    // A host finding the first VM's diagnosis lacks (user-mode: no NAT source) still comes, from the second.
    expect(summary(withVms(seedSnapshot(), vms))[0]).toBe('nat-source-stale');
  });

  it('reports the same VM finding once per VM that has it, each naming its VM', () => {
    const base = vmDnsFailure();
    const other = { ...base.vm!, provider: 'colima' as const, profile: 'default' };
    expect(summary(withVms(base, [base.vm!, other]))).toEqual([
      'vm-dns-failure @minikube/minikube',
      'vm-dns-failure @colima/default',
    ]);
  });

  it('fails closed: one VM not known keeps the answer from green', () => {
    const healthy = healthySnapshot();
    expect(diagnoseAll(healthy).verdict).toBe('green');
    // The tool answered nothing about this VM (a bundle without its file): no evidence, so not green.
    const silent = vmState(null, { provider: 'lima', profile: 'dev' });
    const diagnosis = diagnoseAll(withVms(healthy, [healthy.vm!, silent]));
    expect(diagnosis.vms!.map((vm) => vm.verdict)).toEqual(['green', 'unknown']);
    expect(diagnosis.verdict).toBe('unknown');
    // A hung tool is a warning of its own, named for its VM.
    const hung = vmState(null, { provider: 'lima', profile: 'dev', availability: 'timeout' });
    expect(summary(withVms(healthy, [healthy.vm!, hung]))).toEqual(['minikube-unresponsive @lima/dev']);
    expect(diagnoseAll(withVms(healthy, [healthy.vm!, hung])).verdict).not.toBe('green');
  });

  it('attributes a VM its routes did not place to the vmnet bridge whose subnet holds its address', () => {
    const listing: VmListing = {
      provider: 'tart',
      name: 'sonoma',
      state: 'running',
      rawState: 'running',
      ips: ['192.168.77.9'],
      driver: null,
      network: 'vmnet-shared',
      networkEvidence: [],
    };
    const noExec = vmState('running', { provider: 'tart', profile: 'sonoma', listing });
    const diagnosis = diagnoseAll(withVms(seedSnapshot(), [seedVmFailing(), noExec]));
    expect(diagnosis.vms![1]).toMatchObject({ ref: 'tart/sonoma', bridge: 'bridge100', gateway: null });
  });

  it('reads one VM back out as a one-VM diagnosis: its verdict, hops and findings with the host ones', () => {
    const diagnosis = diagnoseAll(withVms(seedSnapshot(), [seedVmFailing(), limaUserMode()]));
    const lima = diagnosisOfVm(diagnosis, diagnosis.vms![1]!);
    expect(lima.verdict).toBe('green');
    expect(lima.vm).toMatchObject({ provider: 'lima', profile: 'default', network: 'user-mode' });
    expect(lima.findings.map((finding) => finding.id)).toEqual(['nat-source-stale', 'egress-multiple-ipv4']);
    expect(lima.bridge).toBeNull();
    expect('vms' in lima).toBe(false);
  });
});

describe('rule scopes and the worst verdict', () => {
  it('every rule says whether it speaks of a VM or of the host', () => {
    for (const rule of RULES) expect(['vm', 'host']).toContain(rule.scope);
    expect(RULES.filter((rule) => rule.scope === 'host').map((rule) => rule.id)).toEqual(
      expect.arrayContaining([
        'no-default-route',
        'vpn-default-route',
        'nat-source-stale',
        'egress-address-evidence-conflict',
        'egress-multiple-ipv4',
        'host-internet-unreachable',
        'input-unparseable',
      ]),
    );
    expect(RULES.filter((rule) => rule.scope === 'vm').map((rule) => rule.id)).toEqual(
      expect.arrayContaining([
        'vm-bridge-missing',
        'vm-multiple-default-routes',
        'vm-internet-unreachable',
        'vm-dns-failure',
        'vm-not-running',
        'minikube-unresponsive',
        'minikube-not-found',
      ]),
    );
  });

  it.each([
    [['green', 'green'], 'green'],
    [['green', 'unknown'], 'unknown'],
    [['unknown', 'yellow'], 'yellow'],
    [['yellow', 'red', 'unknown'], 'red'],
    [[], 'unknown'],
  ] as const)('worst of %j is %s', (verdicts, worst) => {
    expect(worstVerdict(verdicts)).toBe(worst);
  });
});
