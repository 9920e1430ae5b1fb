// Recording a support bundle, for `bridgelight bundle` and the app's "Save support bundle…" alike, through the
// BundleRecorder, so every bundle replays with `bridgelight check --replay` exactly as it was diagnosed.
import { readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_VERSION, vmFile } from '../shared/bundle-format';
import type { Diagnosis, Light, Snapshot } from '../shared/model';
import { BundleRecorder, heldVmKey } from './bundle';
import { recordedVms } from './bundle-vms';
import type { CollectOptions, CollectPorts } from './collect';
import { createPrivateDir } from './safe-fs';

/** The machine's own names, which --redact hides wherever they appear. */
export function machineNames(): string[] {
  const full = hostname();
  return [full, full.split('.')[0] ?? full];
}

/** The pieces of the engine a recording needs (injected, so the recording itself is testable without tools). */
export interface BundleEngine {
  livePorts(): CollectPorts;
  collect(ports: CollectPorts, options: CollectOptions): Promise<Snapshot>;
  diagnose(snapshot: Snapshot): Diagnosis;
  extractIpRouteSection(text: string): string | null;
  /** null: record as is. */
  redact: ((text: string) => string) | null;
}

export interface BundleRequest {
  dir: string;
  options: CollectOptions;
  generator: string;
  now?: () => Date;
}

export interface RecordedBundle {
  dir: string;
  files: number;
  verdict: Light;
}

export async function recordBundle(engine: BundleEngine, request: BundleRequest): Promise<RecordedBundle> {
  const { dir, options } = request;
  const recorder = new BundleRecorder(createPrivateDir(dir), engine.redact ?? undefined);
  const live = engine.livePorts();
  const createdAt = request.now?.() ?? new Date();
  const snapshot = await engine.collect(
    {
      runner: recorder.runner(live.runner),
      prober: recorder.prober(live.prober),
      now: () => createdAt,
      ...(live.providers ? { providers: live.providers } : {}),
    },
    options,
  );
  const keyOf = heldVmKey(new Set(Object.keys(recorder.commands)));
  for (const vm of snapshot.vms ?? []) {
    const probeKey = keyOf(vm.provider, vm.profile, BUNDLE_FILES.vmProbe, false);
    if (!recorder.commands[probeKey] || !vm.probe?.routes) continue;
    // Kept apart too, so a person reading the bundle finds the VM's routes without the script's markers.
    const section = engine.extractIpRouteSection(recorder.lastOutput(probeKey) ?? '');
    if (section !== null)
      recorder.writeFile(
        probeKey === BUNDLE_FILES.vmProbe
          ? BUNDLE_FILES.vmIpRoute
          : vmFile(vm.provider, vm.profile, BUNDLE_FILES.vmIpRoute),
        section,
      );
  }
  const diagnosis = engine.diagnose(snapshot);
  // Written as computed: redacting prose would only mangle it (a host called "vm" against "the VM").
  recorder.writeFile('diagnosis.json', `${JSON.stringify(diagnosis, null, 2)}\n`, true);
  recorder.finish({
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    platform: options.platform,
    createdAt: createdAt.toISOString(),
    generator: request.generator,
    redacted: engine.redact !== null,
    profile: snapshot.vm?.profile ?? options.profile ?? undefined,
    probeTargets: options.probeTargets,
    vms: recordedVms(snapshot, recorder.commands, recorder.written()),
  });
  return { dir, files: readdirSync(dir).length, verdict: diagnosis.verdict };
}
