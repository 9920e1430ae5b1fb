// macOS 15+ Local Network privacy: an app (and its children, such as the VM tool's own ssh client) that the user
// has not allowed gets same-subnet connections refused at once, with EHOSTUNREACH or EPERM and no prompt. The VM
// is fine; only this Mac's view of it is blocked, so saying "unreachable" would send the user the wrong way.
import { inSubnet, isIpv4 } from '../../ipv4';
import type { NetInterface, TargetProbe } from '../../model';
import type { Facts } from '../facts';
import { providerOf, type Rule } from '../rule';

/** What a denied connect fails with (Node's `err.code`), as opposed to a timeout or a refusal by the VM. */
export const DENIED_CODES: ReadonlySet<string> = new Set(['EHOSTUNREACH', 'EPERM']);

export const LOCAL_NETWORK_SETTINGS = 'System Settings → Privacy & Security → Local Network';

/** The host interface whose subnet holds `address`: proof a route to the VM exists on this Mac. */
function holdingInterface(interfaces: readonly NetInterface[], address: string): string | null {
  for (const iface of interfaces)
    for (const entry of iface.ipv4)
      if (inSubnet(address, entry.address, entry.prefixLength))
        return `${iface.name} holds ${entry.address}/${entry.prefixLength}`;
  return null;
}

function deniedReach(facts: Facts): TargetProbe | null {
  const reach = facts.vm.observation?.reach;
  if (!reach || reach.ok || reach.error === null || !DENIED_CODES.has(reach.error)) return null;
  return reach;
}

export const rule: Rule = {
  id: 'local-network-denied',
  scope: 'vm',
  // Its consequences (the tool's failed probe) colour the VM hop.
  colours: ['vm'],
  // The tool's own client is denied the same way: its failure and the VM's unknown hops follow from this one.
  explains: ['minikube-unresponsive', 'vm-internet-unreachable', 'vm-dns-failure'],
  evaluate(facts) {
    if (facts.platform !== 'darwin') return null;
    const vm = facts.vm.observation;
    const reach = deniedReach(facts);
    // A VM its tool calls stopped (or a missing tool) explains a failed connect by itself.
    if (vm === null || reach === null || facts.vm.status === 'not-running' || facts.vm.status === 'not-installed')
      return null;
    const { tool, vmNoun } = providerOf(facts);
    const address = reach.target.replace(/:\d+$/, '');
    const route = isIpv4(address) ? holdingInterface(facts.interfaces, address) : null;
    return {
      id: 'local-network-denied',
      severity: 'error',
      title: `macOS Local Network privacy blocks connections to the ${tool} VM.`,
      detail:
        `This Mac refused a connection to ${vmNoun} "${vm.profile}" at ${reach.target} at once (${reach.error}), ` +
        `although ${route ? 'a route to it exists' : `${tool} runs it`}: on macOS 15 and later that is Local Network ` +
        `privacy, which blocks same-network connections from apps not allowed to make them, and ${tool}'s own ` +
        `client with them, so the VM only looks unreachable. Open ${LOCAL_NETWORK_SETTINGS} and turn on ` +
        `Bridgelight and the terminal app you run \`bridgelight\` or \`${tool}\` from, then check again.`,
      evidence: [
        `connect from this Mac to ${reach.target}: ${reach.error}`,
        `${tool} state (${vmNoun} ${vm.profile}): ${vm.state ?? 'unknown'}`,
        ...(route ? [`${route}, the VM's network`] : []),
        ...(vm.probeError === null ? [] : [`probe error: ${vm.probeError}`]),
      ],
      fix: null,
    };
  },
};
