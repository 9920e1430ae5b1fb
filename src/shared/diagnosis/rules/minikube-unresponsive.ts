import type { VmObservation } from '../../model';
import type { Facts } from '../facts';
import type { Rule } from '../rule';

function title(facts: Facts, vm: VmObservation): string {
  if (facts.vm.status === 'probe-failed') return 'The probe inside the running minikube VM failed.';
  return vm.availability === 'timeout' ? 'minikube did not answer in time.' : 'minikube failed.';
}

function detail(facts: Facts, vm: VmObservation): string {
  const unknown = 'so the VM and bridge hops are unknown';
  if (facts.vm.status === 'probe-failed') {
    return (
      `minikube says the VM is ${vm.state ?? 'running'}, but \`minikube ssh\` could not run the probe, ${unknown}. ` +
      'A VM that has lost its network also fails this way: try `minikube ssh` yourself.'
    );
  }
  if (vm.availability === 'timeout') {
    return (
      `minikube (profile "${vm.profile}") was stopped after it did not answer in time, ${unknown}. A VM hung ` +
      'or unreachable over its bridge makes minikube wait: try `minikube status` yourself.'
    );
  }
  return `minikube (profile "${vm.profile}") ran and failed, ${unknown}. Run \`minikube status\` to see why.`;
}

function evidence(vm: VmObservation): string[] {
  const lines = [`minikube availability: ${vm.availability}`];
  if (vm.state !== null) lines.push(`minikube state: ${vm.state}`);
  if (vm.probeError !== null) lines.push(`probe error: ${vm.probeError}`);
  return lines;
}

export const rule: Rule = {
  id: 'minikube-unresponsive',
  evaluate(facts) {
    const vm = facts.vm.observation;
    if (vm === null || (facts.vm.status !== 'unresponsive' && facts.vm.status !== 'probe-failed')) return null;
    return {
      id: 'minikube-unresponsive',
      severity: 'warning',
      title: title(facts, vm),
      detail: detail(facts, vm),
      evidence: evidence(vm),
      fix: null,
    };
  },
};
