// Collectors: run the platform's commands through the CommandRunner port, parse their text with the pure
// parsers, and assemble a Snapshot. Live, recording and replay differ only in the runner and prober given.
import { BUNDLE_FILES, ipconfigGetpacketFile } from '../shared/bundle-format';
import type { CommandRunner } from '../shared/command';
import { isLinkLocal } from '../shared/ipv4';
import type {
  DhcpLease,
  HostProbe,
  InputNote,
  NetInterface,
  Platform,
  Route,
  RouteLookup,
  Snapshot,
  VmObservation,
} from '../shared/model';
import { isInterfaceName, isTunnelName } from '../shared/names';
import { parseIfconfig } from '../shared/parsers/darwin/ifconfig';
import { parseIpconfigGetpacket } from '../shared/parsers/darwin/ipconfig-getpacket';
import { parseNetstatRn } from '../shared/parsers/darwin/netstat';
import { parseRouteGet } from '../shared/parsers/darwin/route-get';
import { parseIpAddrJson } from '../shared/parsers/linux/ip-addr';
import { parseIpRouteJson } from '../shared/parsers/linux/ip-route';
import type { VmSelector } from '../shared/vm-select';
import { Notes, parseInto, runCommand, unusable } from './command-outcome';
import type { HostProber } from './probes';
import { collectVms, type VmKeyer } from './providers';
import type { VmProvider } from './providers/port';
import { linuxIpPath } from './tools';

export interface CollectOptions {
  platform: Platform;
  /** `--profile NAME`: the same as `--vm minikube/NAME`; ignored when `vms` is given. */
  profile: string | null;
  /** The VMs to check (`--vm PROVIDER[/NAME]`); absent or empty with no profile: every running VM found. */
  vms?: VmSelector[];
  probeTargets: string[];
  dnsName: string;
  /** Skip the host probes (and the VM's own target probes still run inside the VM script). */
  probe: boolean;
  timeouts?: Partial<Timeouts>;
}

export interface Timeouts {
  hostCommandMs: number;
  probeMs: number;
  minikubeStatusMs: number;
  minikubeSshMs: number;
  /** Per lookup or connect inside the VM script. */
  vmStepSeconds: number;
  /** The one deadline of a check's whole VM side (every listing, state and probe exec of every VM, at once). */
  vmDeadlineMs?: number;
}

/** Unless set, a VM side may take as long as one VM's state and probe one after the other. */
export function vmDeadlineMs(options: CollectOptions): number {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  return timeouts.vmDeadlineMs ?? timeouts.minikubeStatusMs + timeouts.minikubeSshMs;
}

/** The VMs asked for: `--vm` selectors, else `--profile` as minikube's, else none (every running VM). */
export function vmSelectors(options: CollectOptions): VmSelector[] {
  if (options.vms && options.vms.length > 0) return options.vms;
  return options.profile === null ? [] : [{ provider: 'minikube', name: options.profile }];
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  hostCommandMs: 5_000,
  probeMs: 1_500,
  minikubeStatusMs: 10_000,
  minikubeSshMs: 20_000,
  vmStepSeconds: 3,
};

export interface CollectPorts {
  runner: CommandRunner;
  prober: HostProber;
  now?: () => Date;
  /** How each VM's files are keyed (replay: as its bundle holds them); absent: the layout a recording writes. */
  vmKey?: VmKeyer;
  /** The providers asked, in order; absent: every provider (PROVIDERS). Tests and benches bring stand-ins. */
  providers?: readonly VmProvider[];
}

/** The host side: interfaces, routes, default route, DHCP leases. */
export interface HostPart {
  interfaces: NetInterface[] | null;
  routes: Route[] | null;
  defaultRoute: RouteLookup | null;
  leases: Record<string, DhcpLease | null> | null;
}

/** Interfaces whose DHCP lease matters: the default route's, and physical ones holding a scoped default. */
function leaseCandidates(defaultRoute: RouteLookup | null, routes: Route[] | null): string[] {
  const names = new Set<string>();
  if (defaultRoute?.interface) names.add(defaultRoute.interface);
  for (const route of routes ?? []) {
    if (route.destination === 'default' && route.gateway && route.interface && !isTunnelName(route.interface))
      names.add(route.interface);
  }
  return [...names].filter(isInterfaceName).slice(0, 4);
}

async function collectDarwinHost(runner: CommandRunner, notes: Notes, timeouts: Timeouts): Promise<HostPart> {
  const t = timeouts.hostCommandMs;
  const [ifconfig, netstat, routeGet] = await Promise.all([
    runCommand(runner, notes, { key: BUNDLE_FILES.ifconfig, argv: ['/sbin/ifconfig', '-a'], timeoutMs: t }),
    runCommand(runner, notes, { key: BUNDLE_FILES.netstat, argv: ['/usr/sbin/netstat', '-rn'], timeoutMs: t }),
    runCommand(runner, notes, {
      key: BUNDLE_FILES.routeGetDefault,
      argv: ['/sbin/route', '-n', 'get', 'default'],
      timeoutMs: t,
    }),
  ]);
  const interfaces = parseInto(notes, BUNDLE_FILES.ifconfig, ifconfig.text, parseIfconfig);
  const routes = parseInto(notes, BUNDLE_FILES.netstat, netstat.text, parseNetstatRn);
  const defaultRoute = parseInto(notes, BUNDLE_FILES.routeGetDefault, routeGet.text, parseRouteGet);

  const leases = await collectLeases(runner, notes, leaseCandidates(defaultRoute, routes), t);
  return { interfaces, routes, defaultRoute, leases };
}

/** Per interface: its lease, null for "no DHCP here", absent when the answer is unknown. */
async function collectLeases(
  runner: CommandRunner,
  notes: Notes,
  names: string[],
  timeoutMs: number,
): Promise<Record<string, DhcpLease | null> | null> {
  const answers = await Promise.all(
    names.map(async (name) => {
      const key = ipconfigGetpacketFile(name);
      const spec = { key, argv: ['/usr/sbin/ipconfig', 'getpacket', name], timeoutMs };
      const result = await runner.run(spec);
      // Any exit status is an answer: ipconfig prints nothing (and fails) when there is no lease.
      const answered = result.outcome === 'text' || result.outcome === 'failed';
      if (!answered) {
        const problem = unusable(spec, result, false);
        if (problem) notes.add(key, problem.problem, problem.detail);
        return null;
      }
      const parsed = parseIpconfigGetpacket(result.stdout, name);
      if (parsed.ok) return [name, parsed.value] as const;
      notes.add(key, 'unparseable', parsed.error);
      return null;
    }),
  );
  const known = answers.filter((answer) => answer !== null);
  return known.length > 0 ? Object.fromEntries(known) : null;
}

function defaultFromRoutes(routes: Route[] | null): RouteLookup | null {
  const defaults = (routes ?? []).filter((route) => route.destination === 'default');
  defaults.sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0));
  const best = defaults[0];
  return best ? { destination: 'default', gateway: best.gateway, interface: best.interface, flags: best.flags } : null;
}

async function collectLinuxHost(runner: CommandRunner, notes: Notes, timeouts: Timeouts): Promise<HostPart> {
  const ip = linuxIpPath();
  const t = timeouts.hostCommandMs;
  const [addr, route] = await Promise.all([
    runCommand(runner, notes, { key: BUNDLE_FILES.ipAddr, argv: [ip, '-j', 'addr', 'show'], timeoutMs: t }),
    runCommand(runner, notes, { key: BUNDLE_FILES.ipRoute, argv: [ip, '-j', 'route', 'show'], timeoutMs: t }),
  ]);
  const interfaces = parseInto(notes, BUNDLE_FILES.ipAddr, addr.text, parseIpAddrJson);
  const routes = parseInto(notes, BUNDLE_FILES.ipRoute, route.text, parseIpRouteJson);
  // Linux keeps no DHCP packet to read; address lifetimes carry that evidence instead.
  return { interfaces, routes, defaultRoute: defaultFromRoutes(routes), leases: null };
}

export async function collectHost(
  ports: CollectPorts,
  options: CollectOptions,
  notes = new Notes(),
): Promise<HostPart & { inputs: InputNote[] }> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const part =
    options.platform === 'darwin'
      ? await collectDarwinHost(ports.runner, notes, timeouts)
      : await collectLinuxHost(ports.runner, notes, timeouts);
  return { ...part, inputs: notes.list };
}

/** Addresses to probe from: every usable IPv4 of the interfaces that can carry the default route. */
export function probeSources(host: HostPart): string[] {
  const names = new Set(leaseCandidates(host.defaultRoute, host.routes));
  const sources = (host.interfaces ?? [])
    .filter((iface) => names.has(iface.name))
    .flatMap((iface) => iface.ipv4.map((entry) => entry.address))
    .filter((address) => !isLinkLocal(address));
  return [...new Set(sources)].slice(0, 8);
}

export async function collectHostProbes(
  ports: CollectPorts,
  options: CollectOptions,
  host: HostPart,
): Promise<HostProbe[] | null> {
  if (!options.probe || options.probeTargets.length === 0) return null;
  const sources = probeSources(host);
  if (sources.length === 0) return null;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  return ports.prober.probe(sources, options.probeTargets, timeouts.probeMs);
}

/**
 * When a collector runs: `structural` ones on every OS address/route event (cheap, local, no traffic), `refine`
 * ones with the probes and VM execs (slower, rate-limited by the monitor). A refine round runs the structural
 * lane first, so refine collectors may read what it found.
 */
export type Lane = 'structural' | 'refine';

/** Everything the collectors have seen so far, one part per collector; `assembleSnapshot` turns it into a Snapshot. */
export interface Evidence {
  host: (HostPart & { inputs: InputNote[] }) | null;
  hostProbes: HostProbe[] | null;
  /** Every VM observed, in the order checked (the first is the snapshot's `vm`). */
  vm: { observations: VmObservation[]; inputs: InputNote[] };
}

export const NO_EVIDENCE: Evidence = { host: null, hostProbes: null, vm: { observations: [], inputs: [] } };

interface Collector<K extends keyof Evidence> {
  part: K;
  lane: Lane;
  collect(ports: CollectPorts, options: CollectOptions, sofar: Evidence): Promise<Evidence[K]>;
}

const hostCollector: Collector<'host'> = {
  part: 'host',
  lane: 'structural',
  collect: (ports, options) => collectHost(ports, options),
};

const hostProbeCollector: Collector<'hostProbes'> = {
  part: 'hostProbes',
  lane: 'refine',
  collect: async (ports, options, sofar) => (sofar.host ? collectHostProbes(ports, options, sofar.host) : null),
};

const vmCollector: Collector<'vm'> = {
  part: 'vm',
  lane: 'refine',
  async collect(ports, options) {
    const notes = new Notes();
    const observations = await collectVms(ports, options, notes);
    return { observations, inputs: notes.list };
  },
};

/** Every collector, each filling its own part of the Evidence. A new kind of evidence is one more entry here. */
const COLLECTORS: { [K in keyof Evidence]: Collector<K> } = {
  host: hostCollector,
  hostProbes: hostProbeCollector,
  vm: vmCollector,
};

/** Runs one lane's collectors in parallel and returns the parts they filled (merge them over what you had). */
export async function collectLane(
  lane: Lane,
  ports: CollectPorts,
  options: CollectOptions,
  sofar: Evidence,
): Promise<Partial<Evidence>> {
  const collectors = Object.values(COLLECTORS).filter((collector) => collector.lane === lane);
  const parts = await Promise.all(
    collectors.map(async (collector) => [collector.part, await collector.collect(ports, options, sofar)] as const),
  );
  return Object.fromEntries(parts);
}

/** The one place a Snapshot is put together, for one-off checks and the monitor alike. */
export function assembleSnapshot(platform: Platform, takenAt: Date, evidence: Evidence): Snapshot {
  const host = evidence.host;
  return {
    platform,
    takenAt: takenAt.toISOString(),
    interfaces: host?.interfaces ?? null,
    routes: host?.routes ?? null,
    defaultRoute: host?.defaultRoute ?? null,
    leases: host?.leases ?? null,
    vm: evidence.vm.observations[0] ?? null,
    ...(evidence.vm.observations.length > 0 ? { vms: evidence.vm.observations } : {}),
    hostProbes: evidence.hostProbes,
    inputs: [...(host?.inputs ?? []), ...evidence.vm.inputs],
  };
}

/** One full observation: the structural lane, then the refine lane. */
export async function collectSnapshot(ports: CollectPorts, options: CollectOptions): Promise<Snapshot> {
  const structural = { ...NO_EVIDENCE, ...(await collectLane('structural', ports, options, NO_EVIDENCE)) };
  const evidence = { ...structural, ...(await collectLane('refine', ports, options, structural)) };
  return assembleSnapshot(options.platform, ports.now?.() ?? new Date(), evidence);
}
