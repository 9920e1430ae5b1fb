import { inSubnet, isIpv4 } from '../../ipv4';
import type { Fix } from '../../model';
import { isSafeInterfaceName, removeAddressCommand } from '../commands';
import { type EgressFact, type Facts, isUserMode } from '../facts';
import { type AddressFact, formatCidr } from '../roles';
import type { Rule } from '../rule';

/**
 * Why no removal may be proposed for `target`, or null when it may. Deleting the wrong address takes the host
 * offline, so every condition is checked here again, whatever the roles say.
 */
export function removalBlockedBecause(egress: EgressFact, target: AddressFact): string | null {
  if (target.role !== 'stale') return `${target.address} is not judged stale (role ${target.role})`;
  if (target.dhcp) return `${target.address} is the DHCP address`;
  if (egress.addresses.filter((a) => a.role !== 'link-local').length < 2) {
    return `${target.address} is the only IPv4 address on ${egress.name}`;
  }
  if (egress.addresses.some((a) => a.conflict)) return `the evidence about ${egress.name}'s addresses conflicts`;
  if (!isSafeInterfaceName(egress.name) || !isIpv4(target.address)) {
    return `${egress.name} / ${target.address} cannot be passed to a command safely`;
  }
  return null;
}

function proposedFix(facts: Facts, egress: EgressFact, target: AddressFact): Fix | null {
  if (removalBlockedBecause(egress, target) !== null) return null;
  return {
    action: 'remove-address',
    interface: egress.name,
    address: target.address,
    command: removeAddressCommand(facts.platform, egress.name, target.address, target.prefixLength),
  };
}

// The address NAT will use once the stale one is gone: on macOS the next in the list; on Linux the kernel
// promotes a secondary of the same subnet (if promote_secondaries allows) or uses another primary.
function successor(facts: Facts, egress: EgressFact, target: AddressFact): AddressFact | undefined {
  const rest = egress.addresses.filter((a) => a !== target && a.role !== 'link-local');
  if (facts.platform === 'darwin') return rest[0];
  const sameSubnet = rest.find((a) => a.secondary && inSubnet(a.address, target.address, target.prefixLength));
  return sameSubnet ?? rest.find((a) => !a.secondary);
}

function darwinDetail(egress: EgressFact, target: AddressFact, next: AddressFact | undefined): string {
  const after = next ? ` NAT then follows the next address, ${next.address}, at once.` : '';
  return (
    `vmnet's NAT rule translates VM traffic to the first IPv4 address on ${egress.name} (pf's \`(${egress.name}:0)\`), ` +
    `which is ${target.address}, and the evidence says that address no longer works on this network: replies ` +
    `to the VM never come back, while the Mac's own connections can use another address and work. Remove ` +
    `${target.address} from ${egress.name}.${after} No other address is touched.`
  );
}

function linuxDetail(egress: EgressFact, target: AddressFact, next: AddressFact | undefined): string {
  const promoted = next?.secondary
    ? ` The kernel then promotes ${next.address}, but only if net.ipv4.conf.${egress.name}.promote_secondaries is 1 ` +
      `(systemd's default): with 0, deleting a primary also deletes the secondaries of its subnet. Check with ` +
      `\`sysctl net.ipv4.conf.${egress.name}.promote_secondaries\` first.`
    : '';
  return (
    `The host's MASQUERADE rule translates VM traffic to ${egress.name}'s primary address ${target.address}, and ` +
    'the evidence says that address no longer works on this network: replies to the VM never come back. ' +
    `Remove ${target.address} from ${egress.name}.${promoted}`
  );
}

export const rule: Rule = {
  id: 'nat-source-stale',
  scope: 'host',
  colours: ['nat'],
  explains: ['vm-internet-unreachable'],
  evaluate(facts) {
    const egress = facts.egress;
    const target = egress?.natSource;
    if (!egress || !target || target.role !== 'stale') return null;
    // No NAT on a user-mode VM's path: egress-multiple-ipv4 says the stale address does not affect it.
    if (isUserMode(facts)) return null;
    const next = successor(facts, egress, target);
    const blocked = removalBlockedBecause(egress, target);
    const detail = facts.platform === 'darwin' ? darwinDetail(egress, target, next) : linuxDetail(egress, target, next);
    return {
      id: 'nat-source-stale',
      severity: 'error',
      title: `NAT translates VM traffic to ${target.address}, a stale address.`,
      detail: blocked ? `${detail} No fix is offered: ${blocked}.` : detail,
      evidence: [
        `${egress.name} inet ${formatCidr(target.address, target.prefixLength)} (${egress.natSourceNote})`,
        ...target.evidence,
      ],
      fix: proposedFix(facts, egress, target),
    };
  },
};
