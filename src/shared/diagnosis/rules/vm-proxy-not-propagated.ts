import { vmSideFixes } from '../../providers/vm-side-fixes';
import { providerOf, type Rule } from '../rule';
import { describeTls } from '../vm-side';
import { describeVmTarget } from './vm-internet-unreachable';

export const rule: Rule = {
  id: 'vm-proxy-not-propagated',
  scope: 'vm',
  colours: ['vm'],
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
        `connections fail, so it cannot pull images. ${vmSideFixes(wording).addProxy(wording, facts.vm.observation!.profile, proxy.url)} ` +
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
