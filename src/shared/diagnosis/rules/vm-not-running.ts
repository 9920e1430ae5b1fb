import { minikubeCommand, type Rule } from '../rule';

function nextStep(state: string, profile: string): string {
  switch (state.toLowerCase()) {
    case 'paused':
      return `Resume it with \`${minikubeCommand(profile, 'unpause')}\``;
    case 'nonexistent':
      return `Create it with \`${minikubeCommand(profile, 'start')}\``;
    default:
      return `Start it with \`${minikubeCommand(profile, 'start')}\``;
  }
}

export const rule: Rule = {
  id: 'vm-not-running',
  evaluate(facts) {
    const vm = facts.vm.observation;
    if (facts.vm.status !== 'not-running' || vm === null || vm.state === null) return null;
    return {
      id: 'vm-not-running',
      severity: 'warning',
      title: `The minikube VM is not running (${vm.state}).`,
      detail:
        `minikube reports profile "${vm.profile}" as ${vm.state}, so nothing inside the VM could be checked and ` +
        `the VM and bridge hops are unknown. ${nextStep(vm.state, vm.profile)} and check again.`,
      evidence: [`minikube status (profile ${vm.profile}): ${vm.state}`],
      fix: null,
    };
  },
};
