import type { Facts } from '../facts';
import type { Rule } from '../rule';

function nameserverLines(facts: Facts): string[] {
  const servers = facts.vm.nameservers;
  if (servers === null) return ['resolv.conf: not reported'];
  if (servers.length === 0) return ['resolv.conf: no nameserver line'];
  return servers.map((server) => `resolv.conf: nameserver ${server}`);
}

function proxyNote(facts: Facts): string {
  const bridgeAddress = facts.bridge?.address;
  if (!bridgeAddress || !facts.vm.nameservers?.includes(bridgeAddress)) return '';
  const proxy = facts.platform === 'darwin' ? "macOS's DNS proxy on the vmnet bridge" : 'the DNS server on the bridge';
  return (
    ` ${bridgeAddress} is ${proxy}, which forwards to the host's own DNS servers: check that the host resolves ` +
    'names, and whether a VPN or DNS filter on the host changed them.'
  );
}

export const rule: Rule = {
  id: 'vm-dns-failure',
  scope: 'vm',
  colours: ['vm'],
  evaluate(facts) {
    const dns = facts.vm.dns;
    if (facts.vm.status !== 'probed' || dns === null || dns.ok) return null;
    const scope = facts.vm.targets.anyOk
      ? 'Connections by address work, so only name resolution is broken; image pulls still fail.'
      : 'Image pulls fail until names resolve.';
    return {
      id: 'vm-dns-failure',
      severity: 'error',
      title: 'DNS lookups fail inside the VM.',
      detail: `The VM could not resolve ${dns.name}. ${scope}${proxyNote(facts)}`,
      evidence: [...nameserverLines(facts), `lookup ${dns.name} failed: ${dns.error ?? 'no reason given'}`],
      fix: null,
    };
  },
};
