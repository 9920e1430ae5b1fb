import { providerOf, type Rule } from '../rule';

export const rule: Rule = {
  id: 'minikube-not-found',
  scope: 'vm',
  colours: ['vm'],
  evaluate(facts) {
    if (facts.vm.status !== 'not-installed') return null;
    const { tool } = providerOf(facts);
    return {
      id: 'minikube-not-found',
      severity: 'info',
      title: `${tool} was not found on PATH.`,
      detail:
        `Without ${tool} the VM side of the path cannot be checked, so the VM and bridge hops are unknown; the ` +
        `host's side is still checked. If ${tool} is installed, put its folder on PATH: apps started from the ` +
        "Dock or at login don't see the PATH set in shell profiles (Homebrew's /opt/homebrew/bin, for instance).",
      evidence: [`\`${tool}\` not found on PATH`],
      fix: null,
    };
  },
};
