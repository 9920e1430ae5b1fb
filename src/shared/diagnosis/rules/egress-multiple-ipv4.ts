import { type EgressFact, type Facts, isUserMode } from '../facts';
import { type AddressFact, formatCidr } from '../roles';
import type { Rule } from '../rule';

function describe(egress: EgressFact, address: AddressFact): string {
  const nat = address === egress.natSource ? ` (${egress.natSourceNote})` : '';
  return `${egress.name} inet ${formatCidr(address.address, address.prefixLength)}: ${address.role}${nat}`;
}

/** A user-mode VM's runtime opens ordinary host sockets: the host's own source-address choice applies to it. */
function userModeConsequence(facts: Facts, egress: EgressFact): string {
  const stale = egress.addresses.filter((a) => a.role === 'stale').map((a) => a.address);
  const which = stale.length > 0 ? ` ${stale.join(', ')} looks stale, but` : '';
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
  evaluate(facts) {
    const egress = facts.egress;
    if (!egress || egress.addresses.length < 2) return null;
    return {
      id: 'egress-multiple-ipv4',
      severity: isUserMode(facts) ? 'info' : 'warning',
      title: `${egress.name} carries ${egress.addresses.length} IPv4 addresses.`,
      detail: consequence(facts, egress),
      evidence: egress.addresses.map((a) => describe(egress, a)),
      fix: null,
    };
  },
};
