import { type EgressFact, type Facts, isUserMode } from '../facts';
import { type AddressFact, formatCidr, MAX_EVIDENCE_ADDRESSES, shortList } from '../roles';
import type { Rule } from '../rule';

function describe(egress: EgressFact, address: AddressFact): string {
  const nat = address === egress.natSource ? ` (${egress.natSourceNote})` : '';
  return `${egress.name} inet ${formatCidr(address.address, address.prefixLength)}: ${address.role}${nat}`;
}

/** The first addresses in the interface's order, and the NAT source wherever it is listed; then a count. */
function evidence(egress: EgressFact): string[] {
  const shown = egress.addresses.filter(
    (address, index) => index < MAX_EVIDENCE_ADDRESSES || address === egress.natSource,
  );
  const lines = shown.map((address) => describe(egress, address));
  const more = egress.addresses.length - shown.length;
  if (more > 0) lines.push(`and ${more} more addresses on ${egress.name}, not listed here`);
  return lines;
}

/** A user-mode VM's runtime opens ordinary host sockets: the host's own source-address choice applies to it. */
function userModeConsequence(facts: Facts, egress: EgressFact): string {
  const stale = egress.addresses.filter((a) => a.role === 'stale').map((a) => a.address);
  const which = stale.length > 0 ? ` ${shortList(stale)} ${stale.length === 1 ? 'looks' : 'look'} stale, but` : '';
  return (
    `${which} this VM is not affected: ${facts.vm.networkEvidence.join('; ') || 'its network is user-mode'}, so its ` +
    "traffic leaves with the address the host's own connections use, not with the first one listed."
  ).trim();
}

function consequence(facts: Facts, egress: EgressFact): string {
  if (isUserMode(facts)) return userModeConsequence(facts, egress);
  const source = egress.natSource;
  if (source === null) return `Which one VM traffic leaves with can't be told here (${egress.natSourceNote}).`;
  const uses =
    facts.platform === 'darwin'
      ? `vmnet's NAT uses only the first one, ${source.address}, while the Mac's own connections may use another`
      : `MASQUERADE uses ${source.address}, while the host's own connections may use another`;
  const because = `${uses}: that is how a VM can lose the internet while the host works.`;
  switch (source.role) {
    case 'stale':
      return `${because} Here NAT uses the stale address (see that finding).`;
    case 'dhcp':
    case 'static':
      return (
        `${because} NAT uses the ${source.role === 'dhcp' ? 'DHCP' : 'static'} address now, so the VM is not ` +
        'affected; it would be if an older extra address ended up first (e.g. after the lease changes).'
      );
    default:
      return `${because} Which address is the live one can't be told from the evidence collected.`;
  }
}

export const rule: Rule = {
  id: 'egress-multiple-ipv4',
  scope: 'host',
  colours: ['egress', 'nat'],
  evaluate(facts) {
    const egress = facts.egress;
    if (!egress || egress.addresses.length < 2) return null;
    return {
      id: 'egress-multiple-ipv4',
      severity: isUserMode(facts) ? 'info' : 'warning',
      title: `${egress.name} carries ${egress.addresses.length} IPv4 addresses.`,
      detail: consequence(facts, egress),
      evidence: evidence(egress),
      fix: null,
    };
  },
};
