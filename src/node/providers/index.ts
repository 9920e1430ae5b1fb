// The VM side of a check, the same for every provider on the port: find each tool (one PATH look-up, no
// process), list its VMs, pick the ones to check, ask their state, and for each running one exactly one exec of
// the probe script. Every provider and every VM at once, under one deadline. A new provider is one file beside
// minikube.ts, its wording in src/shared/providers/, and one entry in PROVIDERS.
import { BUNDLE_FILES, vmFile } from '../../shared/bundle-format';
import type { CommandOutcome, CommandRunner } from '../../shared/command';
import type { VmAvailability, VmObservation } from '../../shared/model';
import { parseIpRouteText } from '../../shared/parsers/ip-route-text';
import type { ProviderId, VmListing } from '../../shared/vm';
import { buildVmProbeScript, parseVmProbeOutput } from '../../shared/vm-probe';
import { selectionFor } from '../../shared/vm-select';
import {
  type CollectOptions,
  type CollectPorts,
  DEFAULT_TIMEOUTS,
  type Timeouts,
  vmDeadlineMs,
  vmSelectors,
} from '../collect';
import { type Notes, parseInto, runCommand, saysNothing } from '../command-outcome';
import { underDeadline } from '../deadline';
import type { HostProber } from '../probes';
import { reachVm } from '../vm-reach';
import { colima } from './colima';
import { container } from './container';
import { lima } from './lima';
import { minikube } from './minikube';
import { multipass } from './multipass';
import { podman } from './podman';
import type { ProviderContext, VmProvider, VmStateAnswer } from './port';
import { tart } from './tart';
import { utm } from './utm';

/** Every provider, in the order they are asked (and their VMs reported). */
export const PROVIDERS: readonly VmProvider[] = [minikube, lima, colima, multipass, container, tart, utm, podman];

/**
 * The bundle key of one VM's file. `alone`: the check covers this one VM, and its files keep v1's plain names;
 * with several, each VM's files go under its own name (vmFile). Replay picks whichever its bundle holds.
 */
export type VmKeyer = (provider: ProviderId, name: string, file: string, alone: boolean) => string;

export const vmKeyByLayout: VmKeyer = (provider, name, file, alone) => (alone ? file : vmFile(provider, name, file));

/** The named VM; else the first running one in the listing; else the provider's default. */
export function chooseVm(listings: VmListing[] | null, asked: string | null, fallback: string): string {
  if (asked !== null) return asked;
  const all = listings ?? [];
  return all.find((vm) => vm.state === 'running')?.name ?? fallback;
}

/** One VM to observe: its provider, its name, what the listing said of it, and its state when already asked. */
interface Target {
  provider: VmProvider;
  name: string;
  listing: VmListing | null;
  /** Set when the state was asked before the listing came back (a VM named on the command line). */
  state?: Promise<VmStateAnswer>;
  /** Set when the listing alone already says the VM cannot be reached (the tool hung, or is gone). */
  settled?: VmAvailability;
}

interface Scan {
  provider: VmProvider;
  listings: VmListing[] | null;
  /** How the listing command ended, when it ran: a hung or vanished tool is not asked again. */
  listingOutcome: CommandOutcome | null;
}

interface Run {
  runner: CommandRunner;
  prober: HostProber;
  notes: Notes;
  timeouts: Timeouts;
  keyer: VmKeyer;
  options: CollectOptions;
}

function contextFor(run: Run, provider: VmProvider, alone: boolean): ProviderContext {
  return {
    runner: run.runner,
    notes: run.notes,
    timeouts: run.timeouts,
    vmKey: (vm, file) => run.keyer(provider.id, vm, file, alone),
  };
}

/** Runs the provider's listing and remembers how its command ended. */
async function scan(run: Run, provider: VmProvider): Promise<Scan> {
  let listingOutcome: CommandOutcome | null = null;
  const watching: CommandRunner = {
    // The very promise is handed on (no extra await), so notes keep the order the commands answered in.
    run: (spec) => {
      const answer = run.runner.run(spec);
      void answer.then(
        (result) => {
          listingOutcome = result.outcome;
        },
        () => undefined,
      );
      return answer;
    },
  };
  const listings = await provider.list({ ...contextFor(run, provider, false), runner: watching });
  return { provider, listings, listingOutcome };
}

const SETTLED_BY_LISTING: Partial<Record<CommandOutcome, VmAvailability>> = {
  timeout: 'timeout',
  'not-found': 'not-installed',
};

/** The VMs a provider's scan puts on the check: running ones (or all, or the named ones) as the selection asks. */
function targetsOf(scanned: Scan, selection: 'discover' | 'all' | string[]): Target[] {
  const { provider, listings } = scanned;
  const listed = (name: string) => listings?.find((vm) => vm.name === name) ?? null;
  if (Array.isArray(selection)) return selection.map((name) => ({ provider, name, listing: listed(name) }));
  if (listings === null) {
    // The listing could not be read: the provider's VMs are unknown, spoken of by its default name.
    const settled = scanned.listingOutcome ? SETTLED_BY_LISTING[scanned.listingOutcome] : undefined;
    return [{ provider, name: provider.defaultName, listing: null, ...(settled ? { settled } : {}) }];
  }
  const chosen = selection === 'all' ? listings : listings.filter((vm) => vm.state === 'running');
  return chosen.map((listing) => ({ provider, name: listing.name, listing }));
}

function unnamedObservation(provider: VmProvider, name: string, availability: VmAvailability): VmObservation {
  return { provider: provider.id, profile: name, availability, state: null, probe: null, probeError: null };
}

async function observe(run: Run, target: Target, alone: boolean): Promise<VmObservation | null> {
  const { provider, name, listing } = target;
  const context = contextFor(run, provider, alone);
  const base: VmObservation = {
    ...unnamedObservation(provider, name, target.settled ?? 'ok'),
    ...(listing ? { listing } : {}),
  };
  if (target.settled) return base;
  // Made while the tool answers: its own client (ssh) is judged the same way, so a denial explains its failure.
  const reaching = reachVm(run.prober, run.options.platform, listing, run.timeouts.probeMs);
  const early = target.state ? await target.state : null;
  // Asked before the listing came, the tool may have needed it (a state read from the listing): ask again with it.
  const answer = early ?? (target.state && !listing ? null : await provider.state(context, name, listing));
  const reach = await reaching;
  if (reach !== undefined) base.reach = reach;
  // A bundle without the tool's answer may still hold the VM's own routes: they count, the state stays unknown.
  if (answer === null) return vmFromRoutesAlone(context, name, base);
  const { availability, state } = answer;
  if (availability !== 'ok' || !answer.running) return { ...base, availability, state };

  const script = buildVmProbeScript({
    targets: run.options.probeTargets,
    dnsName: run.options.dnsName,
    timeoutSeconds: run.timeouts.vmStepSeconds,
    internalName: run.options.internalName ?? null,
  });
  // The script travels base64-encoded so that no quoting survives two shells (the tool's and the VM's).
  const spec = provider.probeExec(context, name, Buffer.from(script, 'utf8').toString('base64'));
  const exec = await runCommand(run.runner, run.notes, spec, true);
  if (exec.result.outcome === 'timeout')
    return {
      ...base,
      state,
      probeError: `${spec.argv.slice(0, 2).join(' ')} did not answer within ${spec.timeoutMs / 1000} s`,
    };
  if (exec.text === null) {
    if (saysNothing(exec.result)) return { ...base, state, probe: await replayedRoutesOnly(context, name) };
    return { ...base, state, probeError: exec.note?.detail ?? `${spec.argv.slice(0, 2).join(' ')} failed` };
  }
  const probe = parseVmProbeOutput(exec.text);
  if (!probe.ok) {
    run.notes.add(spec.key, 'unparseable', probe.error);
    return { ...base, state, probeError: probe.error };
  }
  return { ...base, state, probe: probe.value };
}

async function vmFromRoutesAlone(
  context: ProviderContext,
  name: string,
  base: VmObservation,
): Promise<VmObservation | null> {
  const probe = await replayedRoutesOnly(context, name);
  return probe ? { ...base, probe } : null;
}

/** Bundles assembled by hand may hold only the VM's `ip route` (vm-ip-route.txt) and no probe script output. */
async function replayedRoutesOnly(context: ProviderContext, name: string): Promise<VmObservation['probe']> {
  const key = context.vmKey(name, BUNDLE_FILES.vmIpRoute);
  const outcome = await runCommand(context.runner, context.notes, { key, argv: ['ip', 'route'], timeoutMs: 1_000 });
  const routes = parseInto(context.notes, key, outcome.text, parseIpRouteText);
  return routes ? { routes, nameservers: null, dns: null, targets: [] } : null;
}

/**
 * Every VM the check covers, observed at once: with no selection every running VM of every installed provider;
 * `--vm PROVIDER` all of that provider's; `--vm PROVIDER/NAME` that one. When nothing runs anywhere, the first
 * installed provider's choice (its stopped VM says so); when no tool is installed at all, the first provider's
 * "not installed". A provider named but not installed: its VMs are `not-installed`.
 */
export async function collectVms(ports: CollectPorts, options: CollectOptions, notes: Notes): Promise<VmObservation[]> {
  const providers = ports.providers ?? PROVIDERS;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const run: Run = {
    runner: underDeadline(ports.runner, vmDeadlineMs(options)),
    prober: ports.prober,
    notes,
    timeouts,
    keyer: ports.vmKey ?? vmKeyByLayout,
    options,
  };
  const selectors = vmSelectors(options);
  const wanted = providers
    .map((provider) => ({ provider, selection: selectionFor(selectors, provider.id) }))
    .filter((entry) => entry.selection !== 'none');
  const installed = wanted.filter(({ provider }) => run.runner.locate?.(provider.tool) !== false);
  const missing = wanted.filter((entry) => !installed.includes(entry));
  const absent = missing.flatMap(({ provider, selection }) =>
    selection === 'discover'
      ? []
      : (Array.isArray(selection) ? selection : [provider.defaultName]).map((name) =>
          unnamedObservation(provider, name, 'not-installed'),
        ),
  );

  const scanning = installed.map(({ provider }) => scan(run, provider));
  // Only named VMs are known before any listing: their state is asked while the listings run.
  const namedOnly = installed.every(({ selection }) => Array.isArray(selection));
  const named = namedOnly ? installed.flatMap(({ selection }) => selection as string[]) : [];
  const early = new Map<string, Promise<VmStateAnswer>>();
  const namedAlone = named.length + absent.length === 1;
  if (namedOnly)
    for (const { provider, selection } of installed)
      for (const name of selection as string[])
        early.set(`${provider.id}/${name}`, provider.state(contextFor(run, provider, namedAlone), name, null));

  const scans = await Promise.all(scanning);
  let targets = scans.flatMap((scanned, index) =>
    targetsOf(scanned, installed[index]!.selection as 'discover' | 'all' | string[]).map((target) => {
      const state = early.get(`${target.provider.id}/${target.name}`);
      return state ? { ...target, state } : target;
    }),
  );
  const [first] = scans;
  if (targets.length === 0 && first)
    targets = [
      {
        provider: first.provider,
        name: chooseVm(first.listings, null, first.provider.defaultName),
        listing: null,
      },
    ].map((target) => ({ ...target, listing: first.listings?.find((vm) => vm.name === target.name) ?? null }));
  const alone = targets.length + absent.length === 1;
  const observed = await Promise.all(targets.map((target) => observe(run, target, alone)));
  const all = [...observed.filter((vm) => vm !== null), ...absent];
  if (all.length > 0 || installed.length > 0) return all;
  const [fallback] = providers;
  return fallback ? [unnamedObservation(fallback, fallback.defaultName, 'not-installed')] : [];
}

/** The VM side as one VM: the first VM observed (the top-level answer of a multi-VM check). */
export async function collectVm(
  ports: CollectPorts,
  options: CollectOptions,
  notes: Notes,
): Promise<VmObservation | null> {
  return (await collectVms(ports, options, notes))[0] ?? null;
}
