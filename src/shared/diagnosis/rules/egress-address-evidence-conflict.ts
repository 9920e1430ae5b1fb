import type { Facts } from '../facts';
import { MAX_EVIDENCE_ADDRESSES, shortList } from '../roles';
import type { Rule } from '../rule';

function howToCheck(facts: Facts, iface: string): string {
  return facts.platform === 'darwin'
    ? `\`ipconfig getpacket ${iface}\` or the router's client list`
    : "`ip -4 addr show` (dynamic / valid_lft) or the router's client list";
}

export const rule: Rule = {
  id: 'egress-address-evidence-conflict',
  scope: 'host',
  colours: ['egress', 'nat'],
  evaluate(facts) {
    const egress = facts.egress;
    const conflicted = egress?.addresses.filter((a) => a.conflict) ?? [];
    if (!egress || conflicted.length === 0) return null;
    const names = shortList(conflicted.map((a) => a.address));
    const listed = conflicted.slice(0, MAX_EVIDENCE_ADDRESSES);
    const more = conflicted.length - listed.length;
    return {
      id: 'egress-address-evidence-conflict',
      severity: 'warning',
      title: `The evidence about ${names} on ${egress.name} conflicts.`,
      detail:
        'Some observations say the address is stale, others that it is in use, so bridgelight does not judge it ' +
        `and offers no fix. Check which address the network assigns to this host now (${howToCheck(facts, egress.name)}) ` +
        'and check again in a minute: a lease renewed a moment ago or a probe target that was briefly down causes this.',
      evidence: [
        ...listed.flatMap((a) => [
          ...a.staleEvidence.map((line) => `${a.address} looks stale: ${line}`),
          ...a.inUseEvidence.map((line) => `${a.address} looks in use: ${line}`),
        ]),
        ...(more > 0 ? [`and ${more} more addresses with conflicting evidence, not listed here`] : []),
      ],
      fix: null,
    };
  },
};
