// Support bundle format (v2; v1 bundles keep replaying): a public contract. Bundles written by any release must keep replaying, so names
// here only ever get added, never renamed. A command's CommandSpec.key is the name of the file it is stored in.
import type { Platform } from './model';
import type { ProviderId, VmNetwork } from './vm';

export const BUNDLE_FORMAT = 'bridgelight-bundle';
/** The version written; every version in BUNDLE_VERSIONS is read. v2 adds `vms`. */
export const BUNDLE_VERSION = 2;
export const BUNDLE_VERSIONS = [1, 2] as const;
export type BundleVersion = (typeof BUNDLE_VERSIONS)[number];
export const MAX_BUNDLE_FILE_BYTES = 8 * 1024 * 1024;

export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  // macOS
  ifconfig: 'ifconfig.txt',
  netstat: 'netstat-rn.txt',
  routeGetDefault: 'route-get-default.txt',
  // Linux
  ipAddr: 'ip-addr.json',
  ipRoute: 'ip-route.json',
  // minikube
  minikubeStatus: 'minikube-status.json',
  minikubeProfileList: 'minikube-profile-list.json',
  vmIpRoute: 'vm-ip-route.txt',
  vmProbe: 'vm-probe.txt',
  // the other VM tools: each listing once per check; the per-VM address look-ups are keyed per VM (vmKey)
  limaList: 'lima-list.json',
  colimaList: 'colima-list.json',
  multipassList: 'multipass-list.json',
  containerList: 'container-ls.json',
  tartList: 'tart-list.json',
  tartIp: 'tart-ip.txt',
  utmList: 'utmctl-list.txt',
  utmIpAddress: 'utmctl-ip-address.txt',
  podmanMachineList: 'podman-machine-ls.json',
  // host probes (bridgelight's own JSON: HostProbe[])
  probes: 'probes.json',
  // the host's own connects to VMs (bridgelight's own JSON: TargetProbe[], macOS only)
  vmReach: 'vm-reach.json',
  // macOS: the Application Firewall's getters and bootpd's lease file (read as a normal user)
  socketfilterfwGlobalState: 'socketfilterfw-getglobalstate.txt',
  socketfilterfwAllowSigned: 'socketfilterfw-getallowsigned.txt',
  socketfilterfwListApps: 'socketfilterfw-listapps.txt',
  dhcpdLeases: 'dhcpd-leases.txt',
  // what the host knows that its VMs may not (the VM-side findings)
  scutilDns: 'scutil-dns.txt',
  scutilProxy: 'scutil-proxy.txt',
  hostResolvConf: 'host-resolv-conf.txt',
  hostGetentInternal: 'host-getent-internal.txt',
} as const;

/** `ipconfig getpacket IF` output is stored per interface. */
export const ipconfigGetpacketFile = (interfaceName: string): string => `ipconfig-getpacket-${interfaceName}.txt`;

/**
 * v2, several VMs in one check: each VM's own files (its state, its probe, its routes) under its own name,
 * `PROVIDER.NAME.FILE` (`lima.default.vm-probe.txt`); a listing, run once per provider, keeps its plain name. A
 * check of one VM keeps v1's plain names, so one-VM bundles read the same in every version.
 */
export const vmFile = (provider: ProviderId, name: string, file: string): string =>
  `${provider}.${fileSafeName(name)}.${file}`;

/**
 * A VM name as it may appear in a file name: listed names may hold spaces, `/` or `:` (UTM's display names, Tart's
 * OCI references). Every byte outside `[A-Za-z0-9.-]` becomes `_XX`, so two names never share a file.
 */
export function fileSafeName(name: string): string {
  const safe = encodeURIComponent(name)
    .replace(/[_!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%', '_');
  // File names end at 255 bytes: a long name keeps its start and a hash of the whole. That is one character longer
  // than any name kept whole, so the two kinds never meet.
  return safe.length <= MAX_NAME_IN_FILE ? safe : `${safe.slice(0, MAX_NAME_IN_FILE - 9)}-h${fnv1a(name)}`;
}

const MAX_NAME_IN_FILE = 120;

/** FNV-1a, 32 bits, as 8 hex digits: enough to keep two long names' files apart. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** What happened to one recorded command, so that replay reproduces "not installed" and "timed out" too. */
export interface RecordedCommand {
  argv: string[];
  exitCode: number | null;
  timedOut: boolean;
  notFound: boolean;
  durationMs: number;
}

/** v2: one VM the bundle recorded, and the files that hold what was seen of it. */
export interface BundleVm {
  provider: ProviderId;
  name: string;
  driver: string | null;
  network: VmNetwork;
  /** Bundle file names (= CommandSpec keys) recorded for this VM. */
  files: string[];
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: BundleVersion;
  platform: Platform;
  createdAt: string;
  /** The bridgelight version that wrote it. */
  generator?: string;
  redacted?: boolean;
  profile?: string;
  probeTargets?: string[];
  /** Keyed by file name (= CommandSpec.key). A file without an entry here was assembled by hand: treat as exit 0. */
  commands?: Record<string, RecordedCommand>;
  /** v2: every VM recorded (absent in v1). */
  vms?: BundleVm[];
}
