// Recording a support bundle, for `bridgelight bundle` and the app's "Save support bundle…" alike, through the
// BundleRecorder, so every bundle replays with `bridgelight check --replay` exactly as it was diagnosed.
import { readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_VERSION, vmFile } from '../shared/bundle-format';
import { diagnoseAll } from '../shared/diagnosis';
import type { Diagnosis, Light, Snapshot } from '../shared/model';
import type { Redactor } from '../shared/redact';
import { extractIpRouteSection } from '../shared/vm-probe';
import { BundleRecorder, heldVmKey } from './bundle';
import { recordedVms } from './bundle-vms';
import { type CollectOptions, type CollectPorts, collectSnapshot } from './collect';
import { checkReplay } from './engine';
import { EXIT, UserError } from './errors';
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
  redact: Redaction | null;
}

/** The engine every front end records with: its own live ports and redaction, the one collection and diagnosis. */
export function bundleEngine(livePorts: BundleEngine['livePorts'], redact: Redaction | null): BundleEngine {
  return { livePorts, collect: collectSnapshot, diagnose: diagnoseAll, extractIpRouteSection, redact };
}

/** How a bundle is redacted: each file by its fields, and Bridgelight's own diagnosis the same way. */
export interface Redaction {
  file(text: string, name: string): string;
  value<T>(value: T): T;
}

/** A Redaction from the shared redactor. */
export function redactionBy(redactor: Redactor): Redaction {
  return { file: (text, name) => redactor.redact(text, name), value: (value) => redactor.redactValue(value) };
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
  const recorder = new BundleRecorder(createPrivateDir(dir), engine.redact?.file);
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
  recorder.writeManifest({
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
  const kept = engine.redact ? await replaysAlike(recorder, diagnosis, engine) : diagnosis;
  recorder.writeFile('diagnosis.json', `${JSON.stringify(kept, null, 2)}\n`, true);
  recorder.close();
  return { dir, files: readdirSync(dir).length, verdict: diagnosis.verdict };
}

/**
 * A redacted bundle is only worth sending if it says what the machine said: its replay must give the live
 * diagnosis with the same placeholders. If not, redaction changed a fact, and the folder is taken back whole.
 */
async function replaysAlike(recorder: BundleRecorder, live: Diagnosis, engine: BundleEngine): Promise<Diagnosis> {
  const expected = engine.redact ? engine.redact.value(live) : live;
  let replayed: Diagnosis | null = null;
  try {
    replayed = (await checkReplay(recorder.dir, {}, { steps: engine })).diagnosis;
  } catch {
    // Reported below like any other difference.
  }
  if (replayed !== null && JSON.stringify(replayed) === JSON.stringify(expected)) return replayed;
  recorder.discard();
  throw new UserError(
    `the redacted bundle would not replay to the same diagnosis (${replayed === null ? 'it does not replay' : firstDifference(expected, replayed)}), so nothing was written; record it without --redact and redact it by hand`,
    EXIT.cantCreate,
  );
}

/** Where two diagnoses first differ, as a JSON path, for the error line. */
function firstDifference(a: unknown, b: unknown, path = 'diagnosis'): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const inner = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (inner !== '') return inner;
    }
  }
  return `${path} differs`;
}
