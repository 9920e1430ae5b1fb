import type { DnsLookup, HostResolver } from '../../model';
import type { Facts } from '../facts';
import { providerOf, type Rule } from '../rule';
import { inVm } from '../vm-side';

function inDomain(name: string, domain: string): boolean {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return lower === domain || lower.endsWith(`.${domain}`);
}

interface HostAnswer {
  /** The resolvers the VM should ask (not loopback: a VM cannot reach the host's 127.0.0.1). */
  servers: string[];
  evidence: string[];
}

function resolverLine(resolver: HostResolver): string {
  const via = resolver.interface ? ` via ${resolver.interface}` : '';
  return `host resolver for ${resolver.domain ?? 'all names'}: ${resolver.nameservers.join(', ')}${via}`;
}

/** How the host knows the name: a resolver for its domain (scutil --dns), or its own lookup that succeeded. */
function hostAnswer(facts: Facts, lookup: DnsLookup): HostAnswer | null {
  const vmServers = new Set(facts.vm.nameservers ?? []);
  const usable = (server: string) => !vmServers.has(server) && !/^127\.|^::1$/.test(server);
  const context = facts.hostContext;
  const scoped = (context?.resolvers ?? []).filter(
    (resolver) => resolver.domain !== null && inDomain(lookup.name, resolver.domain),
  );
  const domainServers = scoped.flatMap((resolver) => resolver.nameservers).filter(usable);
  if (domainServers.length > 0) return { servers: domainServers, evidence: scoped.map(resolverLine) };
  const hostLookup = context?.internalLookup;
  if (hostLookup?.ok && hostLookup.name === lookup.name) {
    const defaults = (context?.resolvers ?? []).filter((resolver) => resolver.domain === null);
    const servers = defaults.flatMap((resolver) => resolver.nameservers).filter(usable);
    if (servers.length === 0) return null;
    return {
      servers,
      evidence: [`host lookup ${lookup.name}: ${hostLookup.addresses.join(', ')}`, ...defaults.map(resolverLine)],
    };
  }
  return null;
}

export const rule: Rule = {
  id: 'vm-dns-split-vpn',
  scope: 'vm',
  colours: ['vm'],
  explains: ['vm-dns-failure'],
  evaluate(facts) {
    if (facts.vm.status !== 'probed') return null;
    const failed = [facts.vm.internalDns, facts.vm.dns].filter((lookup): lookup is DnsLookup => lookup?.ok === false);
    for (const lookup of failed) {
      const host = hostAnswer(facts, lookup);
      if (host === null) continue;
      const server = host.servers[0]!;
      const wording = providerOf(facts);
      const command = inVm(
        wording,
        facts.vm.observation!.profile,
        `"sudo sed -i '1i nameserver ${server}' /etc/resolv.conf"`,
      );
      return {
        id: 'vm-dns-split-vpn',
        severity: 'error',
        title: `${lookup.name} resolves on the host through ${server}, not in the VM.`,
        detail:
          `The host resolves ${lookup.name} through a resolver (a VPN's split DNS) that the VM does not ask: the VM's ` +
          `resolv.conf lists ${(facts.vm.nameservers ?? []).join(', ') || 'no nameserver'}. Point the VM at ${server} ` +
          `for it: \`${command}\` (until the VM restarts; for pods, add a CoreDNS \`forward\` block for the domain ` +
          `to ${server}), then check again.`,
        evidence: [
          ...host.evidence,
          ...(facts.vm.nameservers ?? []).map((ns) => `VM resolv.conf: nameserver ${ns}`),
          `VM lookup ${lookup.name} failed: ${lookup.error ?? 'no reason given'}`,
        ],
        fix: null,
      };
    }
    return null;
  },
};
