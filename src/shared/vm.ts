// The VM side of the contract, shared by every provider (minikube, Lima, Colima, multipass, apple/container,
// Tart, UTM, Podman): what a provider's listing says about one VM and which path its traffic takes. Pure data;
// each provider's parser (src/shared/parsers/providers/) produces VmListing, its node side (src/node/providers/)
// runs the tool.

export const PROVIDER_IDS = ['minikube', 'lima', 'colima', 'multipass', 'container', 'tart', 'utm', 'podman'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/**
 * The path model of one VM's traffic to the internet:
 * - `vmnet-shared`: a host bridge (bridge100…) and vmnet's pf NAT onto the egress interface (the seed's path);
 * - `vmnet-bridged`: bridged onto a physical interface, no NAT on the host;
 * - `user-mode`: the runtime's own user-space stack (Docker Desktop's, gvproxy, slirp) opens ordinary host sockets,
 *   so the host's own source-address choice applies and a stale first address cannot hurt it;
 * - `unknown`: the evidence does not say.
 */
export const VM_NETWORKS = ['vmnet-shared', 'vmnet-bridged', 'user-mode', 'unknown'] as const;
export type VmNetwork = (typeof VM_NETWORKS)[number];

/** Bridgelight's own reading of a VM's state; `rawState` keeps the tool's word. */
export type VmRunState = 'running' | 'stopped' | 'unknown';

/** One VM as its provider's listing describes it. */
export interface VmListing {
  provider: ProviderId;
  /** The name the tool addresses it by (minikube profile, Lima instance, multipass instance, container id…). */
  name: string;
  /** A stable identifier the tool also accepts, when it has one besides the name (UTM's VM UUID). */
  id?: string;
  state: VmRunState;
  /** The tool's own word (`Running`, `Stopped`, `running`, `Suspended`…), or null when it gave none. */
  rawState: string | null;
  /** IPv4 addresses the listing gives for the VM, in the tool's order (empty when the tool lists none). */
  ips: string[];
  /** The driver / VM type as the tool names it (`docker`, `vfkit`, `qemu2`, `vz`, `qemu`…), or null. */
  driver: string | null;
  network: VmNetwork;
  /** Why `network` was decided: one line per piece of evidence, in the user's terms. */
  networkEvidence: string[];
}

/** How a VM is named across Bridgelight (`--vm`, `check --json`, settings): `PROVIDER/NAME`, e.g. `lima/default`. */
export type VmRef = string;

export function vmRef(provider: ProviderId, name: string): VmRef {
  return `${provider}/${name}`;
}
