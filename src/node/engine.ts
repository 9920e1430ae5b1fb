// One check, live or replayed: collectors → Snapshot → diagnose(). The CLI, `watch` and the app all go
// through here, so they can never disagree about what a machine looks like.
import { BUNDLE_FILES } from '../shared/bundle-format';
import { diagnose } from '../shared/diagnosis';
import type { Diagnosis, Platform, Snapshot } from '../shared/model';
import { DEFAULT_DNS_NAME, DEFAULT_PROBE_TARGETS } from '../shared/targets';
import { createReplayProber, createReplayRunner, readManifest } from './bundle';
import { type CollectOptions, type CollectPorts, collectSnapshot, type Timeouts } from './collect';
import { EXIT, UserError } from './errors';
import { createLiveProber } from './probes';
import { createLiveRunner } from './runners/live';

export interface CheckOptions {
  profile?: string;
  probeTargets?: string[];
  dnsName?: string;
  probe?: boolean;
  timeouts?: Partial<Timeouts>;
  /** A name only a VPN's resolver may know (`--internal-name`). */
  internalName?: string;
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
    probeTargets: options.probeTargets ?? DEFAULT_PROBE_TARGETS,
    dnsName: options.dnsName ?? DEFAULT_DNS_NAME,
    probe: options.probe ?? true,
    timeouts: options.timeouts,
    internalName: options.internalName ?? null,
  };
}

export function livePorts(): CollectPorts {
  return { runner: createLiveRunner(), prober: createLiveProber(), env: process.env };
}

export async function checkWith(ports: CollectPorts, platform: Platform, options: CheckOptions): Promise<CheckResult> {
  const snapshot = await collectSnapshot(ports, collectOptions(platform, options));
  return { snapshot, diagnosis: diagnose(snapshot) };
}

export async function checkLive(options: CheckOptions): Promise<CheckResult> {
  return checkWith(livePorts(), hostPlatform(), options);
}

/** Diagnoses a support bundle exactly as the machine that wrote it would have been diagnosed. */
export async function checkReplay(dir: string, options: CheckOptions): Promise<CheckResult> {
  const manifest = readManifest(dir);
  const probes = createReplayProber(dir);
  const ports: CollectPorts = {
    runner: createReplayRunner(dir, manifest),
    prober: probes.prober,
    now: () => new Date(manifest.createdAt),
  };
  const snapshot = await collectSnapshot(
    ports,
    collectOptions(manifest.platform, {
      ...options,
      profile: options.profile ?? manifest.profile ?? manifest.vms?.[0]?.name,
      probeTargets: options.probeTargets ?? manifest.probeTargets,
    }),
  );
  if (probes.problem)
    snapshot.inputs.push({ source: BUNDLE_FILES.probes, problem: 'unparseable', detail: probes.problem });
  return { snapshot, diagnosis: diagnose(snapshot) };
}
