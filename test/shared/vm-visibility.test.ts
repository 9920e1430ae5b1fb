import {
  hiddenVmsOf,
  isVmRef,
  shownVms,
  visibleDiagnosis,
  vmPhrase,
  vmRuntime,
  vmsBehindNat,
} from '@src/shared/vm-visibility';
import { describe, expect, it } from 'vitest';
import { LIMA_REF, MINIKUBE_REF, PODMAN_REF, threeVmDiagnosis } from '../support/multi-vm';

describe('isVmRef', () => {
  it.each(['lima/default', 'minikube/dev-2.cluster_a', 'utm/Ubuntu 24.04', `tart/${'a'.repeat(128)}`])(
    'accepts %s',
    (ref) => expect(isVmRef(ref)).toBe(true),
  );
  it.each([
    'lima',
    'lima/',
    '/default',
    'vmware/fusion',
    'Lima/default',
    'lima/ default',
    'lima/default\n',
    'lima/de\u0000fault',
    `tart/${'a'.repeat(129)}`,
    42,
    null,
    ['lima/default'],
  ])('refuses %j', (ref) => expect(isVmRef(ref)).toBe(false));
});

describe('visibleDiagnosis', () => {
  it('returns the diagnosis itself when nothing of it is hidden', () => {
    const diagnosis = threeVmDiagnosis();
    expect(visibleDiagnosis(diagnosis, [])).toBe(diagnosis);
    expect(visibleDiagnosis(diagnosis, ['colima/default'])).toBe(diagnosis);
  });

  it('drops a hidden VM and its own findings, keeping the host-wide ones and the worst of the rest', () => {
    const view = visibleDiagnosis(threeVmDiagnosis(), [LIMA_REF]);
    expect(view.vms?.map((vm) => vm.ref)).toEqual([MINIKUBE_REF, PODMAN_REF]);
    expect(view.findings.map((finding) => finding.id)).toEqual(['nat-source-stale', 'egress-multiple-ipv4']);
    expect(view.verdict).toBe('red');
  });

  it('is green once the only red VMs are hidden, and the top-level VM is then the first one shown', () => {
    const full = threeVmDiagnosis();
    const view = visibleDiagnosis(full, [MINIKUBE_REF, LIMA_REF]);
    expect(view.verdict).toBe('green');
    expect(view.vm).toMatchObject({ provider: 'podman', profile: 'podman-machine-default', network: 'user-mode' });
    expect(view.hops).toEqual(full.vms![2]!.hops);
    // Podman crosses no bridge: the seed's bridge100 is not its bridge.
    expect(view.bridge).toBeNull();
    // The diagnosis main holds is untouched.
    expect(full.verdict).toBe('red');
    expect(full.vms).toHaveLength(3);
  });

  it('keeps the bridge details when the first shown VM crosses the same bridge', () => {
    const full = threeVmDiagnosis();
    full.vms!.unshift({ ...full.vms![0]!, ref: 'colima/default', provider: 'colima', name: 'default' });
    expect(visibleDiagnosis(full, ['colima/default']).bridge).toEqual(full.bridge);
  });

  it('fails closed when every VM is hidden: nothing left to judge is unknown, never green', () => {
    const healthy = threeVmDiagnosis();
    for (const vm of healthy.vms!) vm.verdict = 'green';
    const view = visibleDiagnosis(healthy, [MINIKUBE_REF, LIMA_REF, PODMAN_REF]);
    expect(view.verdict).toBe('unknown');
    expect(view.vms).toEqual([]);
    expect(view.hops).toEqual([]);
    expect(view.vm).toBeNull();
  });

  it('tells shown from hidden VMs in the diagnosis order', () => {
    const diagnosis = threeVmDiagnosis();
    expect(shownVms(diagnosis, [LIMA_REF]).map((vm) => vm.name)).toEqual(['minikube', 'podman-machine-default']);
    expect(hiddenVmsOf(diagnosis, [PODMAN_REF, LIMA_REF]).map((vm) => vm.name)).toEqual([
      'default',
      'podman-machine-default',
    ]);
    expect(shownVms({ ...diagnosis, vms: undefined }, [LIMA_REF])).toEqual([]);
  });
});

describe('how VMs are named', () => {
  it("speaks of each VM in its provider's own words", () => {
    const [minikube, lima, podman] = threeVmDiagnosis().vms!;
    expect(vmRuntime(lima!)).toBe('Lima');
    expect(vmRuntime(podman!)).toBe('Podman machine');
    expect(vmPhrase(lima!)).toBe('Lima instance default');
    expect(vmPhrase(minikube!)).toBe('minikube profile minikube');
    expect(vmPhrase(podman!)).toBe('Podman machine podman-machine-default');
  });

  it('finds the VMs behind vmnet NAT, not the user-mode one', () => {
    expect(vmsBehindNat(threeVmDiagnosis().vms!).map((vm) => vm.ref)).toEqual([MINIKUBE_REF, LIMA_REF]);
  });
});
