import type { ProviderWording } from '../../providers';
import { providerOf, type Rule } from '../rule';
import { describeTls } from '../vm-side';
import { describeVmTarget } from './vm-internet-unreachable';

function propagate(wording: ProviderWording, name: string, url: string): string {
  if (wording.id === 'minikube') {
    return (
      `Start the VM with the proxy: \`export HTTPS_PROXY=${url} HTTP_PROXY=${url} NO_PROXY=localhost,127.0.0.1,` +
      `192.168.0.0/16,10.96.0.0/12\` then \`${wording.command(name, 'start')}\` (minikube hands these to the VM's ` +
      'container runtime; `--docker-env HTTPS_PROXY=…` does the same).'
    );
  }
  return `Give the VM's container runtime HTTPS_PROXY=${url} and HTTP_PROXY=${url} (its environment or provisioning) and restart it.`;
}

export const rule: Rule = {
  id: 'vm-proxy-not-propagated',
  explains: ['vm-internet-unreachable'],
  evaluate(facts) {
    if (facts.vm.status !== 'probed' || facts.vm.proxies === null || facts.vm.proxies.length > 0) return null;
    const proxies = facts.hostContext?.proxies ?? [];
    const proxy = proxies[0];
    if (proxy === undefined) return null;
    // The VM going direct is only a problem when direct does not work.
    const tlsFailed = facts.vm.tls.length > 0 && facts.vm.tls.every((probe) => probe.tried && !probe.connected);
    if (!tlsFailed && !facts.vm.targets.allFailed) return null;
    const wording = providerOf(facts);
    return {
      id: 'vm-proxy-not-propagated',
      severity: 'error',
      title: `The host goes out through a proxy (${proxy.url}) the VM does not know.`,
      detail:
        `This Mac reaches the internet through the proxy ${proxy.url}, while the VM has no proxy set and its direct ` +
        `connections fail, so it cannot pull images. ${propagate(wording, facts.vm.observation!.profile, proxy.url)} ` +
        'Then check again.',
      evidence: [
        ...proxies.map((entry) => `host proxy: ${entry.url} (${entry.source})`),
        'VM proxy variables: none (shell, /etc/environment, the docker service)',
        ...facts.vm.tls.map(describeTls),
        ...facts.vm.targetProbes.filter((probe) => !probe.ok).map(describeVmTarget),
      ],
      fix: null,
    };
  },
};
