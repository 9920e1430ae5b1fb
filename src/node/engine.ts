// One check, live or replayed: collectors → Snapshot → diagnose(). The CLI, `watch` and the app all go
// through here, so they can never disagree about what a machine looks like.

import type { BundleManifest } from '../shared/bundle-format';
import { BUNDLE_FILES } from '../shared/bundle-format';
import { diagnoseAll } from '../shared/diagnosis';
import type { Diagnosis, Platform, Snapshot } from '../shared/model';
import { DEFAULT_DNS_NAME, DEFAULT_PROBE_TARGETS } from '../shared/targets';
import type { VmSelector } from '../shared/vm-select';
import { createReplayProber, createReplayRunner, readManifest, replayVmKey } from './bundle';
import { type CollectOptions, type CollectPorts, collectSnapshot, type Timeouts } from './collect';
import { EXIT, UserError } from './errors';
import { createLiveProber } from './probes';
import type { VmProvider } from './providers/port';
import { createLiveRunner } from './runners/live';

export interface CheckOptions {
  /** `--profile NAME`, the same as `--vm minikube/NAME`. */
  profile?: string;
  /** `--vm PROVIDER[/NAME]`…; none: every running VM found. */
  vms?: VmSelector[];
  probeTargets?: string[];
  dnsName?: string;
  probe?: boolean;
  timeouts?: Partial<Timeouts>;
}

export interface CheckResult {
  snapshot: Snapshot;
  diagnosis: Diagnosis;
}

export function hostPlatform(): Platform {
  if (process.platform === 'darwin' || process.platform === 'linux') return process.platform;
  throw new UserError(`bridgelight runs on macOS and Linux, not on ${process.platform}`, EXIT.software);
}

export function collectOptions(platform: Platform, options: CheckOptions): CollectOptions {
  return {
    platform,
    profile: options.profile ?? null,
    ...(options.vms && options.vms.length > 0 ? { vms: options.vms } : {}),
    probeTargets: options.probeTargets ?? DEFAULT_PROBE_TARGETS,
    dnsName: options.dnsName ?? DEFAULT_DNS_NAME,
    probe: options.probe ?? true,
    timeouts: options.timeouts,
  };
}

export function livePorts(): CollectPorts {
  return { runner: createLiveRunner(), prober: createLiveProber() };
}

export async function checkWith(ports: CollectPorts, platform: Platform, options: CheckOptions): Promise<CheckResult> {
  const snapshot = await collectSnapshot(ports, collectOptions(platform, options));
  return { snapshot, diagnosis: diagnoseAll(snapshot) };
}

export async function checkLive(options: CheckOptions): Promise<CheckResult> {
  return checkWith(livePorts(), hostPlatform(), options);
}

/** The VMs a replay covers: those asked for, else every VM the bundle recorded (v1: its one profile). */
function replayedSelection(manifest: BundleManifest, options: CheckOptions): Pick<CheckOptions, 'profile' | 'vms'> {
  if (options.vms?.length || options.profile !== undefined) return { profile: options.profile, vms: options.vms };
  const recorded = manifest.vms ?? [];
  if (recorded.length > 0) return { vms: recorded.map((vm) => ({ provider: vm.provider, name: vm.name })) };
  return { profile: manifest.profile ?? recorded[0]?.name };
}

/** Diagnoses a support bundle exactly as the machine that wrote it would have been diagnosed. */
export async function checkReplay(
  dir: string,
  options: CheckOptions,
  providers?: readonly VmProvider[],
): Promise<CheckResult> {
  const manifest = readManifest(dir);
  const probes = createReplayProber(dir);
  const ports: CollectPorts = {
    runner: createReplayRunner(dir, manifest),
    prober: probes.prober,
    now: () => new Date(manifest.createdAt),
    vmKey: replayVmKey(manifest),
    // Stand-ins in tests; every provider otherwise.
    ...(providers ? { providers } : {}),
  };
  const snapshot = await collectSnapshot(
    ports,
    collectOptions(manifest.platform, {
      ...options,
      ...replayedSelection(manifest, options),
      probeTargets: options.probeTargets ?? manifest.probeTargets,
    }),
  );
  if (probes.problem)
    snapshot.inputs.push({ source: BUNDLE_FILES.probes, problem: 'unparseable', detail: probes.problem });
  return { snapshot, diagnosis: diagnoseAll(snapshot) };
}
