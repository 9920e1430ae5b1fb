// What the host-side rules say of the observed VM's network, read one way for all of them: whether it is stuck
// without an address, and the commands that make its tool re-create its network.
import type { Facts } from '../facts';
import { providerOf } from '../rule';

/** The running VM has no IPv4 address: its listing gives none, or the probe inside it found no default route. */
export function vmWithoutAddress(facts: Facts): string | null {
  const vm = facts.vm.observation;
  if (vm === null || facts.vm.status === 'not-running' || facts.vm.status === 'not-installed') return null;
  if (facts.vm.status === 'probed' && facts.vm.routes !== null && facts.vm.defaults.length === 0) {
    return `the VM ${vm.profile} has no default route (no DHCP answer)`;
  }
  const listing = vm.listing;
  if (listing?.state === 'running' && listing.ips.length === 0 && listing.network !== 'user-mode') {
    return `the VM ${vm.profile} is running and its listing gives it no IPv4 address`;
  }
  return null;
}

/** The restart as a person types it, each command in backticks; null when no safe command exists. */
export function restartVmCommands(facts: Facts, joiner: string): string | null {
  const vm = facts.vm.observation;
  if (vm === null) return null;
  const commands = providerOf(facts).restartCommands({ name: vm.profile, id: vm.listing?.id });
  return commands ? `\`${commands.map((argv) => argv.join(' ')).join(`\`${joiner}\``)}\`` : null;
}
