// The data that crosses every boundary: collectors → Snapshot → diagnose() → Diagnosis → tray, renderer, CLI,
// bundles. Plain serialisable objects only (no classes, no Dates, no Maps): they go through IPC and JSON.
import type { FindingId } from './finding-ids';

import type { WordedProvider } from './providers';
import type { VmListing, VmNetwork, VmRef } from './vm';

export type Platform = 'darwin' | 'linux';

/** One IPv4 address on an interface, in the order the OS lists it (on macOS that order decides NAT). */
export interface Ipv4Address {
  address: string;
  prefixLength: number;
  /** Point-to-point peer (`inet A --> B`), when there is one. */
  peer?: string;
  broadcast?: string;
  /** Linux: the kernel's `secondary` flag. Absent on macOS, which has no such notion. */
  secondary?: boolean;
  /** Linux: seconds of valid lifetime left; null = forever (static). Absent on macOS. */
  validLifetime?: number | null;
  /** Linux: the kernel's `dynamic` flag (address from DHCP or SLAAC). */
  dynamic?: boolean;
}

export interface NetInterface {
  name: string;
  flags: string[];
  up: boolean;
  running: boolean;
  pointToPoint: boolean;
  mac?: string;
  ipv4: Ipv4Address[];
  /** Bridge members (`member: vmenet0` on macOS, `master` links on Linux). Empty for non-bridges. */
  members: string[];
}

export interface Route {
  /** `default` or a destination as the OS printed it, normalised to CIDR where possible (`192.168.64.0/24`). */
  destination: string;
  /** Next-hop address, or null for on-link routes (`link#20`, an interface name, or no `via`). */
  gateway: string | null;
  interface: string | null;
  flags: string[];
  /** macOS `I` flag: a route scoped to one interface (not the global default). */
  scoped: boolean;
  /** Linux `src`/prefsrc. */
  prefsrc?: string;
  metric?: number;
}

/** `route -n get default` on macOS; on Linux the collector fills it from the main table's default route. */
export interface RouteLookup {
  destination: string;
  gateway: string | null;
  interface: string | null;
  flags: string[];
}

/** The accepted DHCP packet for one interface (`ipconfig getpacket IF`). */
export interface DhcpLease {
  interface: string;
  yiaddr: string;
  router: string | null;
  subnetMask: string | null;
  leaseTimeSeconds: number | null;
  serverIdentifier: string | null;
}

export interface TargetProbe {
  /** `host:port` as configured. */
  target: string;
  ok: boolean;
  /** Milliseconds until connected, when it connected. */
  ms: number | null;
  /** What went wrong, in the words of the tool that tried (`timeout`, `ECONNREFUSED`, `no route to host`). */
  error: string | null;
}

/** A TCP connect from the host to a target, bound to one of the egress interface's addresses. */
export interface HostProbe extends TargetProbe {
  source: string;
}

export interface DnsLookup {
  name: string;
  ok: boolean;
  addresses: string[];
  error: string | null;
}

/** What the one script run inside the VM (`minikube ssh`) reported. Each part null when its section was absent. */
export interface VmProbe {
  routes: Route[] | null;
  nameservers: string[] | null;
  dns: DnsLookup | null;
  targets: TargetProbe[];
}

export type VmAvailability =
  /** minikube answered. */
  | 'ok'
  /** No `minikube` executable on PATH. */
  | 'not-installed'
  /** minikube (status or ssh) did not answer in time and was stopped. */
  | 'timeout'
  /** minikube ran and failed in a way that says nothing about the VM (bad profile, crash). */
  | 'failed';

export interface VmObservation {
  provider: WordedProvider;
  /** The VM's name as its tool addresses it (a minikube profile, a Lima instance…). */
  profile: string;
  /** What the provider's listing says of this VM (driver, path model); absent when no listing was read. */
  listing?: VmListing;
  availability: VmAvailability;
  /** minikube's own word for the host/VM state: `Running`, `Stopped`, `Paused`, `Nonexistent`… null when unknown. */
  state: string | null;
  /** null when the probe was not run (VM not running) or failed; see `probeError`. */
  probe: VmProbe | null;
  probeError: string | null;
  /**
   * The host's own TCP connect to the VM's address (macOS, vmnet networks only): what Local Network privacy
   * allows or denies. Absent when not tried; null when a bundle recorded none.
   */
  reach?: TargetProbe | null;
}

export type InputProblem = 'missing' | 'unparseable' | 'refused' | 'failed' | 'timeout' | 'not-found';

/** Why some part of a Snapshot is absent. `source` is the bundle file name the part comes from. */
export interface InputNote {
  source: string;
  problem: InputProblem;
  detail: string;
}

/** One app rule of the macOS Application Firewall (`socketfilterfw --listapps`). */
export interface FirewallApp {
  /** The path (or, on some releases, the bare name) the firewall lists. */
  app: string;
  allowed: boolean;
}

/** The macOS Application Firewall as `socketfilterfw` tells any user (no root). Each part null when not read. */
export interface AppFirewall {
  /** `--getglobalstate`: 0 off, 1 on, 2 on and blocking all non-essential incoming connections. */
  state: number | null;
  /** `--getallowsigned`: built-in (Apple-signed) software such as bootpd is let in without a rule. */
  allowBuiltInSigned: boolean | null;
  /** `--listapps`, in the firewall's order. */
  apps: FirewallApp[] | null;
}

/** One entry of bootpd's `/var/db/dhcpd_leases` (the DHCP server behind every vmnet shared network). */
export interface BootpdLease {
  name: string | null;
  ipAddress: string;
  /** `1,da:ce:5c:8f:89:1` as bootpd writes it (type 1 = Ethernet; octets without leading zeros), or a DUID. */
  hwAddress: string | null;
  /** When the lease ends, seconds since the epoch (`lease=0x5d5e39e7`); null when the entry has none. */
  expiresAt: number | null;
}

/** One moment the egress interface was seen to change (null: no egress at all). */
export interface EgressChange {
  at: string;
  from: string | null;
  to: string | null;
}

/** A vmnet bridge as the watcher first saw it up, with the egress interface of that moment. */
export interface BridgeSighting {
  bridge: string;
  /** When it was first seen up: when it came up, or the watcher's start for a bridge that was already up. */
  firstSeenAt: string;
  /** The egress interface at that moment (null: none). */
  egressThen: string | null;
}

/** What `watch` and the app remember across checks: a one-off check has none. */
export interface EgressHistory {
  bridges: BridgeSighting[];
  changes: EgressChange[];
}

/** Everything the collectors saw at one moment. Any part may be null: what depends on it becomes unknown. */
export interface Snapshot {
  platform: Platform;
  takenAt: string;
  interfaces: NetInterface[] | null;
  routes: Route[] | null;
  defaultRoute: RouteLookup | null;
  /** Per interface name: its lease, or null when the interface has no DHCP lease. Null as a whole: not collected. */
  leases: Record<string, DhcpLease | null> | null;
  /** The VM this snapshot is diagnosed for (the first of `vms`); null when no VM was observed. */
  vm: VmObservation | null;
  /** Every VM observed, in the order checked (`vm` is the first). Absent in snapshots from one-VM bundles (v1). */
  vms?: VmObservation[];
  hostProbes: HostProbe[] | null;
  /** macOS: the Application Firewall; null when not read, absent in snapshots from older releases and on Linux. */
  firewall?: AppFirewall | null;
  /** macOS: bootpd's lease file; null when not read, absent in snapshots from older releases and on Linux. */
  dhcpdLeases?: BootpdLease[] | null;
  /** The egress history a long-running watcher keeps; absent from one-off checks and replays. */
  egressHistory?: EgressHistory;
  inputs: InputNote[];
}

// ---- Diagnosis: exactly the object `bridgelight check --json` prints (a public contract) ----

export type Light = 'green' | 'yellow' | 'red' | 'unknown';

export const HOP_IDS = ['vm', 'bridge', 'nat', 'egress', 'gateway', 'internet'] as const;
export type HopId = (typeof HOP_IDS)[number];

export interface Hop {
  id: HopId;
  light: Light;
  summary: string;
  /** false: not part of this VM's path (e.g. no bridge or pf NAT on a user-mode network); light is 'unknown' and it never counts toward the verdict. */
  onPath: boolean;
}

export type AddressRole = 'dhcp' | 'link-local' | 'stale' | 'static' | 'unknown';

export interface EgressAddress {
  address: string;
  prefixLength: number;
  role: AddressRole;
  evidence: string[];
}

export interface EgressInfo {
  interface: string;
  gateway: string | null;
  natSource: string | null;
  addresses: EgressAddress[];
}

export interface BridgeInfo {
  interface: string;
  address: string;
  members: string[];
}

export interface VmInfo {
  provider: WordedProvider;
  profile: string;
  state: string | null;
  gateway: string | null;
  /** The driver as the provider names it (`docker`, `vfkit`, `qemu2`…), null when no listing said. */
  driver: string | null;
  /** The path model its traffic follows; `unknown` when no listing said. */
  network: VmNetwork;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Fix {
  action: 'remove-address';
  interface: string;
  address: string;
  command: string;
}

export interface Finding {
  id: FindingId;
  severity: Severity;
  title: string;
  detail: string;
  evidence: string[];
  fix: Fix | null;
  /** The other findings of this diagnosis that this one explains (shown as its consequences); absent when none. */
  causes?: FindingId[];
  /** The VM this finding belongs to (`PROVIDER/NAME`, see vmRef()); absent for host-wide findings. */
  vm?: VmRef;
  /** The user muted this finding (for this VM or all): shown greyed, never colours the tray nor notifies. */
  muted?: true;
}

/** One VM's own answer inside a multi-VM diagnosis: `check --json`'s `vms` entries (a public contract). */
export interface VmDiagnosis {
  /** `PROVIDER/NAME`, the key findings' `vm` refer to. */
  ref: VmRef;
  provider: WordedProvider;
  name: string;
  /** The tool's own word for the VM's state, null when unknown. */
  state: string | null;
  network: VmNetwork;
  driver: string | null;
  /** The VM's default gateway (its side of the bridge or the user-mode stack), null when unknown. */
  gateway: string | null;
  /** The host bridge its traffic crosses (`bridge100`), null when none or unknown. */
  bridge: string | null;
  verdict: Light;
  hops: Hop[];
}

export interface Diagnosis {
  verdict: Light;
  egress: EgressInfo | null;
  bridge: BridgeInfo | null;
  vm: VmInfo | null;
  hops: Hop[];
  findings: Finding[];
  /**
   * Every VM checked, one entry each; the top-level fields above stay those of the first VM (old consumers keep
   * working) and `verdict` is the worst of the VMs'. Absent when no VM was observed.
   */
  vms?: VmDiagnosis[];
}
