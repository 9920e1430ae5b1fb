// Everything the rules and hops need, computed once from a Snapshot. Rules only read Facts: they never look
// at raw collector output again, so two rules can't disagree about which interface or address they mean.
import { inSubnet, isIpv4 } from '../ipv4';
import type {
  AppFirewall,
  BootpdLease,
  DnsLookup,
  EgressHistory,
  HostProbe,
  InputNote,
  NetInterface,
  Platform,
  Route,
  Snapshot,
  TargetProbe,
  VmObservation,
} from '../model';
import { isTunnelName } from '../names';
import type { VmNetwork } from '../vm';
import { asBridge, type VmnetBridge, vmnetBridges } from '../vmnet-bridges';
import { type AddressFact, assignRoles } from './roles';
import { formatLookup, formatRoute } from './text';

// Interfaces that only ever lead to other local machines, never to the internet.
const VIRTUAL_NAME = /^(bridge|virbr|br-|docker|vmenet|vmnet|veth|vboxnet|lo\d*$)/;

export interface DefaultRouteFact {
  interface: string | null;
  gateway: string | null;
  /** The route as the OS showed it (for evidence). */
  seen: string;
  viaTunnel: boolean;
}

export interface VpnFact {
  /** `full`: the default route itself; `split`: 0.0.0.0/1 (+ 128.0.0.0/1), which win over any default. */
  kind: 'full' | 'split';
  tunnel: string;
  /** The routes showing it, as the OS printed them. */
  routes: string[];
}

export interface EgressFact {
  /** The interface VM traffic is NATed on: the physical one, even when a VPN holds the default route. */
  name: string;
  /** null when interfaces were not collected or do not list it. */
  iface: NetInterface | null;
  gateway: string | null;
  /** The route that made it the egress interface (for evidence). */
  chosenBecause: string;
  addresses: AddressFact[];
  /** The address NAT rewrites VM traffic to; null when it can't be told. */
  natSource: AddressFact | null;
  /** Why NAT uses natSource, or why it can't be told. */
  natSourceNote: string;
}

export interface ProbeSummary {
  count: number;
  anyOk: boolean;
  /** Probes ran and none got an answer. */
  allFailed: boolean;
}

export type VmStatus =
  /** snapshot.vm is null. */
  | 'no-data'
  | 'not-installed'
  /** The VM's tool timed out or failed. */
  | 'unresponsive'
  /** The VM's tool answered with a state other than running. */
  | 'not-running'
  /** Running, but the probe inside it failed. */
  | 'probe-failed'
  /** Running, and no probe and no error: nothing to go on. */
  | 'no-probe'
  | 'probed';

export interface VmFact {
  status: VmStatus;
  observation: VmObservation | null;
  /** The VM's routes when probed (null: not reported). */
  routes: Route[] | null;
  /** The default route the guest kernel uses: the lowest metric; table order among equals. */
  defaultRoute: Route | null;
  /** Every default route in the VM, the one in use first, then by metric. */
  defaults: Route[];
  /** Two or more defaults share the lowest metric, so which one the kernel uses is ambiguous. */
  defaultTie: boolean;
  gateway: string | null;
  targetProbes: TargetProbe[];
  targets: ProbeSummary;
  dns: DnsLookup | null;
  nameservers: string[] | null;
  /** The path model from the provider's listing; `unknown` without one. */
  network: VmNetwork;
  /** Why: the listing's driver and network, in the user's terms (empty without a listing). */
  networkEvidence: string[];
}

export interface BridgeFact {
  iface: NetInterface;
  /** The gateway of one of the VM's default routes (the one in use when it can be), which this interface holds. */
  address: string;
}

export interface Facts {
  platform: Platform;
  routesKnown: boolean;
  interfacesKnown: boolean;
  /** The host's interfaces ([] when not collected: see interfacesKnown). */
  interfaces: NetInterface[];
  defaultRoute: DefaultRouteFact | null;
  /** Defaults bound to one interface (macOS `I` flag): only sockets bound to it may use them. */
  scopedDefaults: string[];
  vpn: VpnFact | null;
  egress: EgressFact | null;
  vm: VmFact;
  /** The host interface holding the VM's gateway address (found by address, never by name). */
  bridge: BridgeFact | null;
  hostProbes: HostProbe[];
  host: ProbeSummary;
  /** Inputs that were there but could not be read. */
  unreadableInputs: InputNote[];
  /** When the snapshot was taken, seconds since the epoch (lease expiry is compared with it). */
  takenAtSeconds: number;
  /** The host's routing table as collected ([] when not: see routesKnown). */
  routes: Route[];
  /** Every vmnet-style bridge on the host (bridgeN with vmenet members), and the VM's own bridge if it is another. */
  vmnetBridges: VmnetBridge[];
  firewall: AppFirewall | null;
  dhcpdLeases: BootpdLease[] | null;
  egressHistory: EgressHistory | null;
}

export function isDefaultDestination(destination: string): boolean {
  return ['default', '0.0.0.0/0', '0/0', '0.0.0.0'].includes(destination);
}

/** netstat abbreviates `128.0.0.0/1` to `128.0/1`; fill in the missing octets. */
export function normaliseCidr(destination: string): string {
  const match = destination.match(/^(\d{1,3}(?:\.\d{1,3}){0,3})\/(\d{1,2})$/);
  if (!match?.[1] || !match[2]) return destination;
  const octets = match[1].split('.');
  while (octets.length < 4) octets.push('0');
  return `${octets.join('.')}/${match[2]}`;
}

export function summariseProbes(probes: readonly { ok: boolean }[]): ProbeSummary {
  const anyOk = probes.some((p) => p.ok);
  return { count: probes.length, anyOk, allFailed: probes.length > 0 && !anyOk };
}

/** Lowest metric wins, as in the kernel; ties keep the table's order. */
function preferredRoute(routes: readonly Route[]): Route | null {
  return byMetric(routes)[0] ?? null;
}

function findDefaultRoute(snapshot: Snapshot): DefaultRouteFact | null {
  const lookup = snapshot.defaultRoute;
  if (lookup?.interface) {
    return {
      interface: lookup.interface,
      gateway: lookup.gateway,
      seen: formatLookup(snapshot.platform, lookup),
      viaTunnel: isTunnelName(lookup.interface),
    };
  }
  const candidates = (snapshot.routes ?? []).filter(
    (r) => isDefaultDestination(r.destination) && !r.scoped && r.interface !== null,
  );
  const route = preferredRoute(candidates);
  if (route === null || route.interface === null) return null;
  return {
    interface: route.interface,
    gateway: route.gateway,
    seen: formatRoute(snapshot.platform, route),
    viaTunnel: isTunnelName(route.interface),
  };
}

/**
 * 0.0.0.0/1 through a tunnel wins over any default for half the internet (128.0.0.0/1 usually covers the other
 * half); either way the VPN, not a missing default, decides where traffic goes.
 */
function findSplitVpn(snapshot: Snapshot): VpnFact | null {
  const viaTunnel = (cidr: string): Route | undefined =>
    (snapshot.routes ?? []).find(
      (r) => normaliseCidr(r.destination) === cidr && r.interface !== null && isTunnelName(r.interface),
    );
  const lower = viaTunnel('0.0.0.0/1');
  if (!lower?.interface) return null;
  const upper = viaTunnel('128.0.0.0/1');
  return {
    kind: 'split',
    tunnel: lower.interface,
    routes: [lower, ...(upper ? [upper] : [])].map((route) => formatRoute(snapshot.platform, route)),
  };
}

function findVpn(snapshot: Snapshot, defaultRoute: DefaultRouteFact | null): VpnFact | null {
  // `route get default` answers with the 0/1 route when one exists, so the split routes say more than it does.
  const split = findSplitVpn(snapshot);
  if (split) return split;
  if (defaultRoute?.viaTunnel && defaultRoute.interface !== null) {
    return { kind: 'full', tunnel: defaultRoute.interface, routes: [defaultRoute.seen] };
  }
  return null;
}

function isVirtualOrLoopback(iface: NetInterface | undefined, name: string): boolean {
  if (VIRTUAL_NAME.test(name)) return true;
  return iface !== undefined && (iface.members.length > 0 || iface.flags.includes('LOOPBACK'));
}

interface EgressChoice {
  name: string;
  gateway: string | null;
  chosenBecause: string;
}

/**
 * The physical interface behind a VPN: the one vmnet's pf rule (or the host's MASQUERADE) was set up on. macOS
 * keeps a scoped default (`I` flag) with a gateway on it; failing that, any up, real interface with an IPv4
 * address and a gatewayed route.
 */
function physicalBehindTunnel(snapshot: Snapshot, excluded: string | null): EgressChoice | null {
  const interfaces = snapshot.interfaces ?? [];
  const routes = snapshot.routes ?? [];
  const eligible = (name: string): boolean =>
    name !== excluded &&
    !isTunnelName(name) &&
    !isVirtualOrLoopback(
      interfaces.find((i) => i.name === name),
      name,
    );
  const defaults = routes.filter(
    (r) => isDefaultDestination(r.destination) && r.gateway !== null && r.interface !== null && eligible(r.interface),
  );
  const scoped = defaults.filter((r) => r.scoped);
  const route = preferredRoute(scoped.length > 0 ? scoped : defaults);
  if (route?.interface) {
    return { name: route.interface, gateway: route.gateway, chosenBecause: formatRoute(snapshot.platform, route) };
  }
  for (const iface of interfaces) {
    if (!iface.up || iface.ipv4.length === 0 || !eligible(iface.name)) continue;
    const gatewayed = routes.find((r) => r.interface === iface.name && r.gateway !== null);
    if (gatewayed) {
      return {
        name: iface.name,
        gateway: gatewayed.gateway,
        chosenBecause: `${formatRoute(snapshot.platform, gatewayed)} (first real interface with a gateway)`,
      };
    }
  }
  return null;
}

function chooseEgress(
  snapshot: Snapshot,
  defaultRoute: DefaultRouteFact | null,
  vpn: VpnFact | null,
  bridgeName: string | null,
): EgressChoice | null {
  if (defaultRoute?.interface && !defaultRoute.viaTunnel) {
    return { name: defaultRoute.interface, gateway: defaultRoute.gateway, chosenBecause: defaultRoute.seen };
  }
  return vpn ? physicalBehindTunnel(snapshot, bridgeName) : null;
}

interface NatSourceChoice {
  source: AddressFact | null;
  note: string;
}

// Linux MASQUERADE asks the kernel for the outgoing device's primary address in the next hop's subnet
// (inet_select_addr), whatever `src` the route names.
function linuxNatSource(addresses: AddressFact[], gateway: string | null): NatSourceChoice {
  const primaries = addresses.filter((a) => !a.secondary);
  const inGatewaySubnet =
    gateway !== null ? primaries.find((a) => inSubnet(gateway, a.address, a.prefixLength)) : undefined;
  if (inGatewaySubnet) {
    return { source: inGatewaySubnet, note: "primary address in the gateway's subnet: MASQUERADE translates to it" };
  }
  const first = primaries[0] ?? addresses[0] ?? null;
  return { source: first, note: 'first primary address: MASQUERADE translates to it' };
}

function chooseNatSource(
  platform: Platform,
  addresses: AddressFact[],
  gateway: string | null,
  vpn: VpnFact | null,
): NatSourceChoice {
  if (addresses.length === 0) return { source: null, note: 'no IPv4 address to translate to' };
  // pf's `(en0:0)` is the first IPv4 address in en0's list, whatever it is (SOURCES.md A.3–A.5).
  if (platform === 'darwin') return { source: addresses[0] ?? null, note: 'listed first: vmnet NAT translates to it' };
  // On Linux a default through the tunnel sends VM traffic out of the tunnel, where MASQUERADE (if its rule
  // isn't bound to the physical interface) uses the tunnel's address. iptables is not read, so say so.
  if (vpn) {
    return {
      source: null,
      note: `VM traffic goes out through ${vpn.tunnel}; which address MASQUERADE uses there depends on its rule`,
    };
  }
  return linuxNatSource(addresses, gateway);
}

function buildEgress(snapshot: Snapshot, choice: EgressChoice, vpn: VpnFact | null): EgressFact {
  const iface = snapshot.interfaces?.find((i) => i.name === choice.name) ?? null;
  const addresses = iface
    ? assignRoles({
        platform: snapshot.platform,
        interfaceName: iface.name,
        addresses: iface.ipv4,
        gateway: choice.gateway,
        leases: snapshot.leases,
        hostProbes: snapshot.hostProbes,
      })
    : [];
  const nat = iface
    ? chooseNatSource(snapshot.platform, addresses, choice.gateway, vpn)
    : { source: null, note: `the addresses of ${choice.name} were not collected` };
  return { ...choice, iface, addresses, natSource: nat.source, natSourceNote: nat.note };
}

function isRunning(state: string | null): boolean {
  return state !== null && state.toLowerCase() === 'running';
}

function vmStatus(vm: VmObservation | null): VmStatus {
  if (vm === null) return 'no-data';
  if (vm.availability === 'not-installed') return 'not-installed';
  if (vm.availability !== 'ok') return 'unresponsive';
  if (vm.state !== null && !isRunning(vm.state)) return 'not-running';
  if (vm.probe !== null) return 'probed';
  return vm.probeError !== null ? 'probe-failed' : 'no-probe';
}

function deriveVm(vm: VmObservation | null): VmFact {
  const status = vmStatus(vm);
  // A probe from a VM that is not running (or not answering) describes some earlier moment: ignore it.
  const probe = status === 'probed' ? (vm?.probe ?? null) : null;
  const routes = probe?.routes ?? null;
  const defaults = byMetric((routes ?? []).filter((r) => isDefaultDestination(r.destination)));
  const defaultRoute = defaults[0] ?? null;
  const targetProbes = probe?.targets ?? [];
  return {
    status,
    observation: vm,
    routes,
    defaultRoute,
    defaults,
    defaultTie: defaults.length > 1 && (defaults[1]?.metric ?? 0) === (defaultRoute?.metric ?? 0),
    gateway: defaultRoute?.gateway ?? null,
    targetProbes,
    targets: summariseProbes(targetProbes),
    dns: probe?.dns ?? null,
    nameservers: probe?.nameservers ?? null,
    network: vm?.listing?.network ?? 'unknown',
    networkEvidence: vm?.listing?.networkEvidence ?? [],
  };
}

/** Lowest metric first, as the kernel ranks them; a stable sort keeps the table's order among equals. */
function byMetric(routes: readonly Route[]): Route[] {
  return [...routes].sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0));
}

/** The host interface holding a VM default's gateway: the default in use first, then the others in order. */
function findBridge(interfaces: NetInterface[] | null, defaults: readonly Route[]): BridgeFact | null {
  if (interfaces === null) return null;
  for (const { gateway } of defaults) {
    if (gateway === null || !isIpv4(gateway)) continue;
    const iface = interfaces.find((i) => i.ipv4.some((a) => a.address === gateway));
    if (iface) return { iface, address: gateway };
  }
  return null;
}

/** A user-mode VM's traffic leaves through ordinary host sockets: no host bridge, no pf NAT on its path. */
export function isUserMode(facts: Facts): boolean {
  return facts.vm.network === 'user-mode';
}

function scopedDefaultLines(snapshot: Snapshot): string[] {
  return (snapshot.routes ?? [])
    .filter((r) => isDefaultDestination(r.destination) && r.scoped)
    .map((r) => formatRoute(snapshot.platform, r));
}

/** A user-mode VM's traffic is never NATed by the host: no address is its NAT source. */
function withoutNatOffPath(egress: EgressFact, vm: VmFact): EgressFact {
  if (vm.network !== 'user-mode') return egress;
  return { ...egress, natSource: null, natSourceNote: "no NAT on this VM's path (user-mode network)" };
}

/** The VM's own bridge counts even when its name or members are not vmnet's (a Linux host's bridge). */
function hostBridges(interfaces: NetInterface[], bridge: BridgeFact | null): VmnetBridge[] {
  const bridges = vmnetBridges(interfaces);
  if (bridge === null || bridges.some((b) => b.name === bridge.iface.name)) return bridges;
  const own = asBridge(bridge.iface);
  return own ? [...bridges, own] : bridges;
}

export function deriveFacts(snapshot: Snapshot): Facts {
  const defaultRoute = findDefaultRoute(snapshot);
  const vpn = findVpn(snapshot, defaultRoute);
  const vm = deriveVm(snapshot.vm);
  const bridge = findBridge(snapshot.interfaces, vm.defaults);
  const choice = chooseEgress(snapshot, defaultRoute, vpn, bridge?.iface.name ?? null);
  const hostProbes = snapshot.hostProbes ?? [];
  return {
    platform: snapshot.platform,
    routesKnown: snapshot.routes !== null || snapshot.defaultRoute !== null,
    interfacesKnown: snapshot.interfaces !== null,
    interfaces: snapshot.interfaces ?? [],
    defaultRoute,
    scopedDefaults: scopedDefaultLines(snapshot),
    vpn,
    egress: choice ? withoutNatOffPath(buildEgress(snapshot, choice, vpn), vm) : null,
    vm,
    bridge,
    hostProbes,
    host: summariseProbes(hostProbes),
    unreadableInputs: snapshot.inputs.filter((note) => note.problem === 'unparseable' || note.problem === 'refused'),
    takenAtSeconds: Math.floor(Date.parse(snapshot.takenAt) / 1000),
    routes: snapshot.routes ?? [],
    vmnetBridges: hostBridges(snapshot.interfaces ?? [], bridge),
    firewall: snapshot.firewall ?? null,
    dhcpdLeases: snapshot.dhcpdLeases ?? null,
    egressHistory: snapshot.egressHistory ?? null,
  };
}
