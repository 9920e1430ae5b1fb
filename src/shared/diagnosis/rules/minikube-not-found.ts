import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'minikube-not-found',
  evaluate(facts) {
    if (facts.vm.status !== 'not-installed') return null;
    return {
      id: 'minikube-not-found',
      severity: 'info',
      title: 'minikube was not found on PATH.',
      detail:
        'Without minikube the VM side of the path cannot be checked, so the VM and bridge hops are unknown; the ' +
        "host's side is still checked. If minikube is installed, put its folder on PATH: apps started from the " +
        "Dock or at login don't see the PATH set in shell profiles (Homebrew's /opt/homebrew/bin, for instance).",
      evidence: ['`minikube` not found on PATH'],
      fix: null,
    };
  },
};
