// The host-only view: every vmnet bridge on the host is a NAT path of its own, visible without any VM tool. A
// vmnet bridge is a `bridgeN` holding the vmnet gateway address, with `vmenetN` members (macOS 12 and later) or
// `enN` members (earlier macOS). The Thunderbolt bridge (`bridge0` with `en1`… members) holds no address, and a
// bridged-mode vmnet bridge has none either: neither is a NAT path. VMs are attributed to the bridge whose subnet
// holds one of their addresses.
import { inSubnet, ipv4ToNumber, isLinkLocal, numberToIpv4, prefixToMaskNumber } from './ipv4';
import type { NetInterface } from './model';
import type { ProviderId, VmListing } from './vm';

const BRIDGE = /^bridge\d+$/;
const VMNET_MEMBER = /^(vmenet|en)\d+$/;

export interface VmnetBridge {
  name: string;
  /** The bridge's own address: the gateway its VMs use. */
  address: string;
  prefixLength: number;
  /** The subnet, as `192.168.64.0/24`. */
  subnet: string;
  members: string[];
}

export interface VmnetPath {
  bridge: VmnetBridge;
  /** The VMs with an address in the bridge's subnet. */
  vms: { provider: ProviderId; name: string }[];
}

function subnetOf(address: string, prefixLength: number): string {
  const network = (ipv4ToNumber(address)! & prefixToMaskNumber(prefixLength)) >>> 0;
  return `${numberToIpv4(network)}/${prefixLength}`;
}

/** An interface's own (non-link-local) subnet as a bridge, whatever its name; null when it holds none. */
export function asBridge(candidate: NetInterface, members: string[] = candidate.members): VmnetBridge | null {
  const own = candidate.ipv4.find((entry) => !isLinkLocal(entry.address) && entry.prefixLength < 32);
  if (own === undefined) return null;
  return {
    name: candidate.name,
    address: own.address,
    prefixLength: own.prefixLength,
    subnet: subnetOf(own.address, own.prefixLength),
    members,
  };
}

/** Every vmnet bridge among the host's interfaces, in the order the OS lists them. */
export function vmnetBridges(interfaces: readonly NetInterface[]): VmnetBridge[] {
  return interfaces.flatMap((candidate) => {
    if (!BRIDGE.test(candidate.name)) return [];
    const members = candidate.members.filter((member) => VMNET_MEMBER.test(member));
    const bridge = members.length > 0 ? asBridge(candidate, members) : null;
    return bridge ? [bridge] : [];
  });
}

/** The bridge whose subnet holds one of the VM's addresses, or null. */
export function bridgeOfVm(vm: VmListing, bridges: readonly VmnetBridge[]): VmnetBridge | null {
  return (
    bridges.find((bridge) =>
      vm.ips.some((ip) => ip !== bridge.address && inSubnet(ip, bridge.address, bridge.prefixLength)),
    ) ?? null
  );
}

/** Each vmnet bridge as a NAT path, with the VMs that sit in its subnet. */
export function vmnetPaths(interfaces: readonly NetInterface[], vms: readonly VmListing[]): VmnetPath[] {
  const bridges = vmnetBridges(interfaces);
  return bridges.map((bridge) => ({
    bridge,
    vms: vms.filter((vm) => bridgeOfVm(vm, bridges) === bridge).map((vm) => ({ provider: vm.provider, name: vm.name })),
  }));
}
