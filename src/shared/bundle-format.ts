// Support bundle format v1: a public contract. Bundles written by any release must keep replaying, so names
// here only ever get added, never renamed. A command's CommandSpec.key is the name of the file it is stored in.
import type { Platform } from './model';

export const BUNDLE_FORMAT = 'bridgelight-bundle';
export const BUNDLE_VERSION = 1;
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
  // host probes (bridgelight's own JSON: HostProbe[])
  probes: 'probes.json',
} as const;

/** `ipconfig getpacket IF` output is stored per interface. */
export const ipconfigGetpacketFile = (interfaceName: string): string => `ipconfig-getpacket-${interfaceName}.txt`;

/** What happened to one recorded command, so that replay reproduces "not installed" and "timed out" too. */
export interface RecordedCommand {
  argv: string[];
  exitCode: number | null;
  timedOut: boolean;
  notFound: boolean;
  durationMs: number;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  platform: Platform;
  createdAt: string;
  /** The bridgelight version that wrote it. */
  generator?: string;
  redacted?: boolean;
  profile?: string;
  probeTargets?: string[];
  /** Keyed by file name (= CommandSpec.key). A file without an entry here was assembled by hand: treat as exit 0. */
  commands?: Record<string, RecordedCommand>;
}
