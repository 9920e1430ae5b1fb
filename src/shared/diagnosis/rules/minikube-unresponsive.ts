import type { VmObservation } from '../../model';
import type { ProviderWording } from '../../providers';
import type { Facts } from '../facts';
import { providerOf, type Rule } from '../rule';

function title(facts: Facts, vm: VmObservation, { tool }: ProviderWording): string {
  if (facts.vm.status === 'probe-failed') return `The probe inside the running ${tool} VM failed.`;
  return vm.availability === 'timeout' ? `${tool} did not answer in time.` : `${tool} failed.`;
}

function detail(facts: Facts, vm: VmObservation, wording: ProviderWording): string {
  const unknown = 'so the VM and bridge hops are unknown';
  const { tool, vmNoun } = wording;
  const exec = wording.command(vm.profile, 'ssh');
  const status = wording.command(vm.profile, 'status');
  if (facts.vm.status === 'probe-failed') {
    return (
      `${tool} says the VM is ${vm.state ?? 'running'}, but \`${exec}\` could not run the probe, ${unknown}. ` +
      `A VM that has lost its network also fails this way: try \`${exec}\` yourself.`
    );
  }
  if (vm.availability === 'timeout') {
    return (
      `${tool} (${vmNoun} "${vm.profile}") was stopped after it did not answer in time, ${unknown}. A VM hung ` +
      `or unreachable over its bridge makes ${tool} wait: try \`${status}\` yourself.`
    );
  }
  return `${tool} (${vmNoun} "${vm.profile}") ran and failed, ${unknown}. Run \`${status}\` to see why.`;
}

function evidence(vm: VmObservation, { tool }: ProviderWording): string[] {
  const lines = [`${tool} availability: ${vm.availability}`];
  if (vm.state !== null) lines.push(`${tool} state: ${vm.state}`);
  if (vm.probeError !== null) lines.push(`probe error: ${vm.probeError}`);
  return lines;
}

export const rule: Rule = {
  id: 'minikube-unresponsive',
  scope: 'vm',
  colours: ['vm'],
  evaluate(facts) {
    const vm = facts.vm.observation;
    if (vm === null || (facts.vm.status !== 'unresponsive' && facts.vm.status !== 'probe-failed')) return null;
    const wording = providerOf(facts);
    return {
      id: 'minikube-unresponsive',
      severity: 'warning',
      title: title(facts, vm, wording),
      detail: detail(facts, vm, wording),
      evidence: evidence(vm, wording),
      fix: null,
    };
  },
};
