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
} as const;

/** `ipconfig getpacket IF` output is stored per interface. */
export const ipconfigGetpacketFile = (interfaceName: string): string => `ipconfig-getpacket-${interfaceName}.txt`;

/**
 * v2, several VMs in one check: each VM's own files (its state, its probe, its routes) under its own name,
 * `PROVIDER.NAME.FILE` (`lima.default.vm-probe.txt`); a listing, run once per provider, keeps its plain name. A
 * check of one VM keeps v1's plain names, so one-VM bundles read the same in every version.
 */
export const vmFile = (provider: ProviderId, name: string, file: string): string => `${provider}.${name}.${file}`;

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
