// The VM side of a check, the same for every provider on the port: find the tool (one PATH look-up, no
// process), list its VMs, pick the one to check, ask its state, and when it runs, exactly one exec of the
// probe script. A new provider is one file beside minikube.ts, its wording in src/shared/providers/, and one
// entry in PROVIDERS.
import { BUNDLE_FILES } from '../../shared/bundle-format';
import type { CommandRunner } from '../../shared/command';
import type { VmObservation } from '../../shared/model';
import { parseIpRouteText } from '../../shared/parsers/ip-route-text';
import type { VmListing } from '../../shared/vm';
import { buildVmProbeScript, parseVmProbeOutput } from '../../shared/vm-probe';
import { type CollectOptions, type CollectPorts, DEFAULT_TIMEOUTS } from '../collect';
import { type Notes, parseInto, runCommand, saysNothing } from '../command-outcome';
import { colima } from './colima';
import { container } from './container';
import { lima } from './lima';
import { minikube } from './minikube';
import { multipass } from './multipass';
import { podman } from './podman';
import type { ProviderContext, VmProvider } from './port';
import { tart } from './tart';
import { utm } from './utm';

/** Every provider, in the order they are asked. */
export const PROVIDERS: readonly VmProvider[] = [minikube, lima, colima, multipass, container, tart, utm, podman];

/** The named VM; else the first running one in the listing; else the provider's default. */
export function chooseVm(listings: VmListing[] | null, asked: string | null, fallback: string): string {
  if (asked !== null) return asked;
  const all = listings ?? [];
  return all.find((vm) => vm.state === 'running')?.name ?? fallback;
}

async function observeVm(
  provider: VmProvider,
  ports: CollectPorts,
  options: CollectOptions,
  notes: Notes,
): Promise<VmObservation | null> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  // One-VM bundles (v1) keep the plain file names; the multi-VM collection gives each VM its own.
  const context: ProviderContext = { runner: ports.runner, notes, timeouts, vmKey: (_vm, file) => file };
  const unnamed: VmObservation = {
    provider: provider.id,
    profile: options.profile ?? provider.defaultName,
    availability: 'not-installed',
    state: null,
    probe: null,
    probeError: null,
  };
  if (ports.runner.locate?.(provider.tool) === false) return unnamed;
  const listed = provider.list(context);
  // A named VM need not wait for the listing (minikube's takes a second or two): both run at once.
  const named = options.profile === null ? null : provider.state(context, options.profile, null);
  const listings = await listed;
  const name = chooseVm(listings, options.profile, provider.defaultName);
  const listing = listings?.find((vm) => vm.name === name) ?? null;
  const base: VmObservation = { ...unnamed, profile: name, availability: 'ok', ...(listing ? { listing } : {}) };

  const answer = await (named ?? provider.state(context, name, listing));
  // A bundle without the tool's answer may still hold the VM's own routes: they count, the state stays unknown.
  if (answer === null) return vmFromRoutesAlone(ports.runner, notes, base);
  const { availability, state } = answer;
  if (availability !== 'ok' || !answer.running) return { ...base, availability, state };

  const script = buildVmProbeScript({
    targets: options.probeTargets,
    dnsName: options.dnsName,
    timeoutSeconds: timeouts.vmStepSeconds,
  });
  // The script travels base64-encoded so that no quoting survives two shells (the tool's and the VM's).
  const spec = provider.probeExec(context, name, Buffer.from(script, 'utf8').toString('base64'));
  const exec = await runCommand(ports.runner, notes, spec, true);
  if (exec.result.outcome === 'timeout')
    return {
      ...base,
      state,
      probeError: `${spec.argv.slice(0, 2).join(' ')} did not answer within ${spec.timeoutMs / 1000} s`,
    };
  if (exec.text === null) {
    if (saysNothing(exec.result)) return { ...base, state, probe: await replayedRoutesOnly(ports.runner, notes) };
    return { ...base, state, probeError: exec.note?.detail ?? `${spec.argv.slice(0, 2).join(' ')} failed` };
  }
  const probe = parseVmProbeOutput(exec.text);
  if (!probe.ok) {
    notes.add(spec.key, 'unparseable', probe.error);
    return { ...base, state, probeError: probe.error };
  }
  return { ...base, state, probe: probe.value };
}

async function vmFromRoutesAlone(
  runner: CommandRunner,
  notes: Notes,
  base: VmObservation,
): Promise<VmObservation | null> {
  const probe = await replayedRoutesOnly(runner, notes);
  return probe ? { ...base, probe } : null;
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

/** The VM side: the first provider's VM (minikube's, today). */
export async function collectVm(
  ports: CollectPorts,
  options: CollectOptions,
  notes: Notes,
): Promise<VmObservation | null> {
  const [first] = PROVIDERS;
  return first ? observeVm(first, ports, options, notes) : null;
}
