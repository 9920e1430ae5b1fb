// Collectors: run the platform's commands through the CommandRunner port, parse their text with the pure
// parsers, and assemble a Snapshot. Live, recording and replay differ only in the runner and prober given.
import { BUNDLE_FILES, ipconfigGetpacketFile } from '../shared/bundle-format';
import type { CommandResult, CommandRunner, CommandSpec } from '../shared/command';
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
import type { ParseResult } from '../shared/parse-result';
import { parseIfconfig } from '../shared/parsers/darwin/ifconfig';
import { parseIpconfigGetpacket } from '../shared/parsers/darwin/ipconfig-getpacket';
import { parseNetstatRn } from '../shared/parsers/darwin/netstat';
import { parseRouteGet } from '../shared/parsers/darwin/route-get';
import { parseIpRouteText } from '../shared/parsers/ip-route-text';
import { parseIpAddrJson } from '../shared/parsers/linux/ip-addr';
import { parseIpRouteJson } from '../shared/parsers/linux/ip-route';
import { parseMinikubeStatus } from '../shared/parsers/minikube-status';
import { buildVmProbeScript, parseVmProbeOutput } from '../shared/vm-probe';
import type { HostProber } from './probes';
import { linuxIpPath } from './tools';

export interface CollectOptions {
  platform: Platform;
  profile: string;
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
}

/** The host side: interfaces, routes, default route, DHCP leases. */
export interface HostPart {
  interfaces: NetInterface[] | null;
  routes: Route[] | null;
  defaultRoute: RouteLookup | null;
  leases: Record<string, DhcpLease | null> | null;
}

/** Collects notes about inputs while the collectors run, in a stable order. */
export class Notes {
  readonly list: InputNote[] = [];
  add(source: string, problem: InputNote['problem'], detail: string): InputNote {
    // One line each: a parser quoting a whole bad file would drown the finding that cites it.
    const line = detail.replace(/\s+/g, ' ').trim();
    const note = { source, problem, detail: line.length > 160 ? `${line.slice(0, 157)}…` : line };
    this.list.push(note);
    return note;
  }
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ''
  );
}

interface RunOutcome {
  /** The output to parse, or null when it is unusable (and a note says why). */
  text: string | null;
  result: CommandResult;
  /** The note added when `text` is null. */
  note: InputNote | null;
}

/** Why a command's result can't be used, as an input note; null when it can. */
function unusable(spec: CommandSpec, result: CommandResult, acceptFailure: boolean): Omit<InputNote, 'source'> | null {
  const program = spec.argv[0] ?? spec.key;
  switch (result.outcome) {
    case 'text':
      return null;
    case 'missing':
      return { problem: 'missing', detail: result.detail || `${spec.key} is not in the bundle` };
    case 'refused':
      return { problem: 'refused', detail: result.detail || `${spec.key} was refused` };
    case 'not-found':
      return { problem: 'not-found', detail: `${program} was not found` };
    case 'timeout':
      return { problem: 'timeout', detail: `${program} did not answer within ${spec.timeoutMs / 1000} s` };
    case 'failed': {
      if (acceptFailure && result.stdout.trim().length > 0) return null;
      const why = firstLine(result.stderr) || firstLine(result.stdout) || `exit status ${result.exitCode}`;
      return { problem: 'failed', detail: `${spec.argv.join(' ')}: ${why}` };
    }
  }
}

/** Runs one command and notes why its output is unusable, if it is. `acceptFailure` keeps stdout on non-zero exit. */
async function runCommand(
  runner: CommandRunner,
  notes: Notes,
  spec: CommandSpec,
  acceptFailure = false,
): Promise<RunOutcome> {
  const result = await runner.run(spec);
  const problem = unusable(spec, result, acceptFailure);
  if (problem === null) return { text: result.stdout, result, note: null };
  return { text: null, result, note: notes.add(spec.key, problem.problem, problem.detail) };
}

function parseInto<T>(
  notes: Notes,
  source: string,
  text: string | null,
  parse: (text: string) => ParseResult<T>,
): T | null {
  if (text === null) return null;
  const parsed = parse(text);
  if (parsed.ok) return parsed.value;
  notes.add(source, 'unparseable', parsed.error);
  return null;
}

const TUNNEL = /^(utun|ipsec|ppp|tun|wg|gpd)/;

/** Interfaces whose DHCP lease matters: the default route's, and physical ones holding a scoped default. */
function leaseCandidates(defaultRoute: RouteLookup | null, routes: Route[] | null): string[] {
  const names = new Set<string>();
  if (defaultRoute?.interface) names.add(defaultRoute.interface);
  for (const route of routes ?? []) {
    if (route.destination === 'default' && route.gateway && route.interface && !TUNNEL.test(route.interface))
      names.add(route.interface);
  }
  return [...names].filter((name) => /^[a-z][a-z0-9]{0,14}$/.test(name)).slice(0, 4);
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

/** A bundle that lacks (or won't hand over) a command's output says nothing about what the command would have said. */
function saysNothing(result: CommandResult): boolean {
  return result.outcome === 'missing' || result.outcome === 'refused';
}

function minikubeArgv(profile: string, ...rest: string[]): string[] {
  return ['minikube', ...rest.slice(0, 1), '-p', profile, ...rest.slice(1)];
}

/** The VM side: one `minikube status` and, when it runs, exactly one `minikube ssh`. */
export async function collectVm(
  ports: CollectPorts,
  options: CollectOptions,
  notes = new Notes(),
): Promise<VmObservation | null> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const base: VmObservation = {
    provider: 'minikube',
    profile: options.profile,
    availability: 'ok',
    state: null,
    probe: null,
    probeError: null,
  };
  const status = await runCommand(
    ports.runner,
    notes,
    {
      key: BUNDLE_FILES.minikubeStatus,
      argv: minikubeArgv(options.profile, 'status', '-o', 'json'),
      timeoutMs: timeouts.minikubeStatusMs,
    },
    true, // minikube status exits non-zero for a stopped VM and still prints its JSON
  );
  if (status.result.outcome === 'not-found') return { ...base, availability: 'not-installed' };
  if (status.result.outcome === 'timeout') return { ...base, availability: 'timeout' };
  if (status.text === null) {
    // A bundle without minikube's answer says nothing about the VM; a live failure does.
    return saysNothing(status.result) ? null : { ...base, availability: 'failed' };
  }
  const parsed = parseMinikubeStatus(status.text);
  if (!parsed.ok) {
    // Unreadable output says nothing about the VM: its hops become unknown and the note names the file.
    notes.add(BUNDLE_FILES.minikubeStatus, 'unparseable', parsed.error);
    return null;
  }
  const state = parsed.value.state;
  if (state !== 'Running') return { ...base, state };

  const script = buildVmProbeScript({
    targets: options.probeTargets,
    dnsName: options.dnsName,
    timeoutSeconds: timeouts.vmStepSeconds,
  });
  // The script travels base64-encoded so that no quoting survives two shells (ssh's and the VM's).
  const encoded = Buffer.from(script, 'utf8').toString('base64');
  const ssh = await runCommand(
    ports.runner,
    notes,
    {
      key: BUNDLE_FILES.vmProbe,
      argv: minikubeArgv(options.profile, 'ssh', '--', `echo ${encoded} | base64 -d | sh`),
      timeoutMs: timeouts.minikubeSshMs,
    },
    true,
  );
  if (ssh.result.outcome === 'timeout')
    return {
      ...base,
      state,
      availability: 'ok',
      probeError: `minikube ssh did not answer within ${timeouts.minikubeSshMs / 1000} s`,
    };
  if (ssh.text === null) {
    if (saysNothing(ssh.result)) return { ...base, state, probe: await replayedRoutesOnly(ports.runner, notes) };
    return { ...base, state, probeError: ssh.note?.detail ?? 'minikube ssh failed' };
  }
  const probe = parseVmProbeOutput(ssh.text);
  if (!probe.ok) {
    notes.add(BUNDLE_FILES.vmProbe, 'unparseable', probe.error);
    return { ...base, state, probeError: probe.error };
  }
  return { ...base, state, probe: probe.value };
}

/** Bundles assembled by hand may hold only the VM's `ip route` (vm-ip-route.txt) and no probe script output. */
async function replayedRoutesOnly(runner: CommandRunner, notes: Notes): Promise<VmObservation['probe']> {
  const outcome = await runCommand(runner, notes, {
    key: BUNDLE_FILES.vmIpRoute,
    argv: ['ip', 'route'],
    timeoutMs: 1_000,
  });
  const routes = parseInto(notes, BUNDLE_FILES.vmIpRoute, outcome.text, parseIpRouteText);
  return routes ? { routes, nameservers: null, dns: null, targets: [] } : null;
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
  vm: { observation: VmObservation | null; inputs: InputNote[] };
}

export const NO_EVIDENCE: Evidence = { host: null, hostProbes: null, vm: { observation: null, inputs: [] } };

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
    const observation = await collectVm(ports, options, notes);
    return { observation, inputs: notes.list };
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
    vm: evidence.vm.observation,
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
