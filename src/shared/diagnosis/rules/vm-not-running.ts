import type { ProviderWording } from '../../providers';
import { providerOf, type Rule } from '../rule';

function nextStep(state: string, profile: string, wording: ProviderWording): string {
  switch (state.toLowerCase()) {
    case 'paused':
      return `Resume it with \`${wording.command(profile, 'unpause')}\``;
    case 'nonexistent':
      return `Create it with \`${wording.command(profile, 'start')}\``;
    default:
      return `Start it with \`${wording.command(profile, 'start')}\``;
  }
}

export const rule: Rule = {
  id: 'vm-not-running',
  scope: 'vm',
  colours: ['vm'],
  evaluate(facts) {
    const vm = facts.vm.observation;
    if (facts.vm.status !== 'not-running' || vm === null || vm.state === null) return null;
    const wording = providerOf(facts);
    const { tool, vmNoun } = wording;
    return {
      id: 'vm-not-running',
      severity: 'warning',
      title: `The ${tool} VM is not running (${vm.state}).`,
      detail:
        `${tool} reports ${vmNoun} "${vm.profile}" as ${vm.state}, so nothing inside the VM could be checked and ` +
        `the VM and bridge hops are unknown. ${nextStep(vm.state, vm.profile, wording)} and check again.`,
      evidence: [`${tool} status (${vmNoun} ${vm.profile}): ${vm.state}`],
      fix: null,
    };
  },
};
