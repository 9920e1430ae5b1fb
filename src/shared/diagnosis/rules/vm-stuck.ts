// "A VM stuck without an IP", read the same way by every rule that needs it.
import type { Facts } from '../facts';

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
