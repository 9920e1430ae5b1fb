// Diagnoses for main's tests, exactly as the engine gives them: each is `bridgelight check --json --replay` of a
// bundle, generated into test/fixtures/diagnoses and drift-checked by test/cli/check-replay.test.ts.
import { readFileSync } from 'node:fs';
import type { Logger } from '@src/main/logger';
import type { TrayActions } from '@src/main/tray/menu';
import type { MonitorUpdate } from '@src/node/monitor';
import type { Diagnosis, EgressAddress } from '@src/shared/model';
import { vi } from 'vitest';

const generated = (bundle: string): Diagnosis =>
  JSON.parse(readFileSync(new URL(`../fixtures/diagnoses/${bundle}.json`, import.meta.url), 'utf8')) as Diagnosis;

/** The seed case: red, NAT translates to the stale 172.2.9.61, whose removal is the fix. */
export const seedDiagnosis = (): Diagnosis => generated('seed');

/** The seed after `sudo ifconfig en0 delete 172.2.9.61`: the healthy bundle. */
export const fixedDiagnosis = (): Diagnosis => generated('healthy');

/** Nothing parseable: every hop unknown. */
export const unknownDiagnosis = (): Diagnosis => generated('garbage');

const ALIAS = '172.2.9.61';

/**
 * The second-after-dhcp bundle (yellow: the DHCP address first, NAT uses it, nothing to fix) with its alias
 * renamed to `extra` and given `role`, for tests that tell one extra address from another.
 */
export function secondAddressDiagnosis(extra: string, role: EgressAddress['role'] = 'static'): Diagnosis {
  const diagnosis = JSON.parse(JSON.stringify(generated('second-after-dhcp')).replaceAll(ALIAS, extra)) as Diagnosis;
  const address = diagnosis.egress!.addresses.find((candidate) => candidate.address === extra)!;
  address.role = role;
  return diagnosis;
}

export function update(diagnosis: Diagnosis, at = '2025-01-01T10:00:00.000Z'): MonitorUpdate {
  return {
    at,
    phase: 'refined',
    reason: 'test',
    diagnosis,
    snapshot: {
      platform: 'darwin',
      takenAt: at,
      interfaces: null,
      routes: null,
      defaultRoute: null,
      leases: null,
      vm: null,
      hostProbes: null,
      inputs: [],
    },
    changed: true,
  };
}

export interface RecordingLogger extends Logger {
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (...parts: unknown[]) =>
      lines.push(`${level}: ${parts.map(String).join(' ')}`);
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Every tray action as a mock; override the ones a test drives. */
export function trayActions(overrides: Partial<TrayActions> = {}) {
  return {
    openPopover: vi.fn<() => void>(),
    recheck: vi.fn<() => void>(),
    copyDiagnostics: vi.fn<() => void>(),
    saveSupportBundle: vi.fn<() => void>(),
    setLaunchAtLogin: vi.fn<(enabled: boolean) => void>(),
    setCheckForUpdates: vi.fn<(enabled: boolean) => void>(),
    restartToUpdate: vi.fn<() => void>(),
    quit: vi.fn<() => void>(),
    ...overrides,
  } satisfies TrayActions;
}
