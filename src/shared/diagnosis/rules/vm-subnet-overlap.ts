// A host route that overlaps a vmnet bridge's subnet (an office or hotel LAN, a VPN's pushed routes; macOS 26 moved
// vmnet to 192.168.2.0/24, where many home routers live). The kernel picks the longest prefix, so which side wins
// depends on the two prefix lengths, and the answer says which addresses are lost to whom.
import { ipv4ToNumber, prefixToMaskNumber } from '../../ipv4';
import type { Route, Severity } from '../../model';
import type { VmnetBridge } from '../../vmnet-bridges';
import { isDefaultDestination, normaliseCidr } from '../facts';
import type { Rule } from '../rule';
import { formatRoute } from '../text';

// Shorter prefixes are catch-alls (a VPN's 0/1 and 128.0/1, multicast 224/4) rather than a network that claims
// the bridge's addresses: the bridge's own route beats them and nothing else is lost.
const SHORTEST_CLAIM = 8;
// macOS lists the host's own addresses (the bridge's too) as host routes on lo0: the host itself, not a network.
const LOOPBACK = /^lo\d*$/;

type Relation = 'inside' | 'same' | 'covers';

interface Overlap {
  bridge: VmnetBridge;
  route: Route;
  network: string;
  prefixLength: number;
  relation: Relation;
}

function cidrOf(destination: string): { network: number; prefixLength: number } | null {
  const [address, prefix] = normaliseCidr(destination).split('/');
  const network = address === undefined ? null : ipv4ToNumber(address);
  const prefixLength = prefix === undefined ? 32 : Number(prefix);
  if (network === null || !Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) return null;
  return { network: (network & prefixToMaskNumber(prefixLength)) >>> 0, prefixLength };
}

function contains(outer: { network: number; prefixLength: number }, inner: number): boolean {
  return (inner & prefixToMaskNumber(outer.prefixLength)) >>> 0 === outer.network;
}

function overlapOf(bridge: VmnetBridge, route: Route): Overlap | null {
  if (route.interface === bridge.name || isDefaultDestination(route.destination)) return null;
  if (route.interface !== null && LOOPBACK.test(route.interface)) return null;
  const claim = cidrOf(route.destination);
  const own = cidrOf(bridge.subnet);
  if (claim === null || own === null || claim.prefixLength < SHORTEST_CLAIM) return null;
  const network = normaliseCidr(route.destination);
  if (claim.prefixLength > own.prefixLength && contains(own, claim.network)) {
    return { bridge, route, network, prefixLength: claim.prefixLength, relation: 'inside' };
  }
  if (claim.prefixLength === own.prefixLength && claim.network === own.network) {
    return { bridge, route, network, prefixLength: claim.prefixLength, relation: 'same' };
  }
  if (claim.prefixLength < own.prefixLength && contains(claim, own.network)) {
    return { bridge, route, network, prefixLength: claim.prefixLength, relation: 'covers' };
  }
  return null;
}

const RANK: Record<Relation, number> = { inside: 0, same: 1, covers: 2 };

function via(route: Route): string {
  return route.interface ?? route.gateway ?? 'another interface';
}

/** Which side the kernel picks for which addresses: the one-line answer the issue asks for. */
function winner(overlap: Overlap): string {
  const { bridge, route, network } = overlap;
  switch (overlap.relation) {
    case 'inside':
      return `for ${network} the host route wins (longer prefix): traffic to those VM addresses, and the replies NAT sends back to them, leave through ${via(route)} instead of ${bridge.name}`;
    case 'same':
      return `both claim ${network} with the same prefix: which one the kernel uses depends on the order they were installed, so VMs and the other network each lose some traffic`;
    case 'covers':
      return `for ${bridge.subnet} ${bridge.name} wins (longer prefix): hosts of ${network} in that range are unreachable from the Mac and its VMs; the rest of ${network} still goes through ${via(route)}`;
  }
}

function removeCommand(platform: string, overlap: Overlap): string {
  const { route, network, prefixLength } = overlap;
  if (platform === 'linux') {
    return `sudo ip route del ${network}${route.interface ? ` dev ${route.interface}` : ''}`;
  }
  const host = prefixLength === 32 ? `-host ${network.replace(/\/32$/, '')}` : `-net ${network}`;
  return `sudo route -n delete ${host}`;
}

function severityOf(relation: Relation): Severity {
  return relation === 'covers' ? 'warning' : 'error';
}

export const rule: Rule = {
  id: 'vm-subnet-overlap',
  scope: 'host',
  colours: ['vm'],
  explains: ['vm-internet-unreachable'],
  evaluate(facts) {
    if (!facts.routesKnown || !facts.interfacesKnown) return null;
    const overlaps = facts.vmnetBridges
      .flatMap((bridge) => facts.routes.map((route) => overlapOf(bridge, route)))
      .filter((overlap): overlap is Overlap => overlap !== null)
      .sort((a, b) => RANK[a.relation] - RANK[b.relation]);
    const worst = overlaps[0];
    if (worst === undefined) return null;
    const { bridge } = worst;
    const other = via(worst.route);
    const vmnetMove =
      facts.platform === 'darwin'
        ? ' If the other network is your LAN, give vmnet a free subnet instead: stop the VMs, run ' +
          '`sudo defaults write /Library/Preferences/SystemConfiguration/com.apple.vmnet Shared_Net_Address -string ' +
          '192.168.105.1` (and `Shared_Net_Mask -string 255.255.255.0`), then start them again.'
        : ' If the other network is your LAN, move the VM network to a free subnet in its runtime instead.';
    return {
      id: 'vm-subnet-overlap',
      severity: severityOf(worst.relation),
      title: `The VM subnet ${bridge.subnet} on ${bridge.name} overlaps the host route ${worst.network} via ${other}.`,
      detail:
        `${bridge.name} carries the VMs' subnet ${bridge.subnet}, and the host also routes ${worst.network} ` +
        `through ${other}. The kernel sends each packet by the longest matching prefix, so the two networks take ` +
        `addresses from each other. If the route is a VPN's or one you added, remove it: ` +
        `\`${removeCommand(facts.platform, worst)}\`.${vmnetMove} Then check again.`,
      evidence: [
        `${bridge.name} holds ${bridge.address}/${bridge.prefixLength} (VM subnet ${bridge.subnet})`,
        ...overlaps.map((overlap) => `host route ${formatRoute(facts.platform, overlap.route)}`),
        ...overlaps.map(winner),
      ],
      fix: null,
    };
  },
};
