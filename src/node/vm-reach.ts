// The host's own connection to a VM on a vmnet network. On macOS 15+ Local Network privacy judges exactly this
// kind of connection (same-subnet, from an app or its children such as `minikube ssh`): denied, it fails at once
// with EHOSTUNREACH or EPERM and no prompt, and a healthy VM would read as unreachable. Made from this process, the
// first one is also what brings up the prompt, so the user can allow it.
import { inSubnet, isIpv4 } from '../shared/ipv4';
import type { Platform, TargetProbe } from '../shared/model';
import type { VmListing } from '../shared/vm';
import type { HostProber } from './probes';

/** The port the tools' own clients dial (`minikube ssh`, `limactl shell`, `multipass exec`…). */
export const VM_REACH_PORT = 22;

const VMNET_NETWORKS: ReadonlySet<VmListing['network']> = new Set(['vmnet-shared', 'vmnet-bridged']);

/** `ip:22` of the VM's first usable IPv4 when the privacy rule can apply to it; null otherwise. */
export function reachTarget(platform: Platform, listing: VmListing | null | undefined): string | null {
  if (platform !== 'darwin' || !listing || !VMNET_NETWORKS.has(listing.network)) return null;
  const address = listing.ips.find((ip) => isIpv4(ip) && !inSubnet(ip, '127.0.0.0', 8) && !inSubnet(ip, '0.0.0.0', 8));
  return address === undefined ? null : `${address}:${VM_REACH_PORT}`;
}

/** The reach attempt for one VM; undefined when none applies (not macOS, not vmnet, no address). */
export async function reachVm(
  prober: HostProber,
  platform: Platform,
  listing: VmListing | null | undefined,
  timeoutMs: number,
): Promise<TargetProbe | null | undefined> {
  const target = reachTarget(platform, listing);
  if (target === null || prober.reach === undefined) return undefined;
  return prober.reach(target, timeoutMs);
}
