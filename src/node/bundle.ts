// Support bundles (format v2, v1 still read; a public contract): the recording runner writes one, the replay runner reads
// one back through the same CommandRunner port, so a bundle diagnoses exactly as the live machine did.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BUNDLE_VERSIONS,
  type BundleManifest,
  MAX_BUNDLE_FILE_BYTES,
  type RecordedCommand,
  vmFile,
} from '../shared/bundle-format';
import type { CommandResult, CommandRunner, CommandSpec } from '../shared/command';
import type { HostProbe } from '../shared/model';
import { isRecord } from '../shared/names';
import { DEFAULT_PROVIDER, wordingFor } from '../shared/providers';
import { validateVms } from './bundle-vms';
import { EXIT, UserError } from './errors';
import type { HostProber } from './probes';
import type { VmKeyer } from './providers';
import { type PrivateDir, readCapped } from './safe-fs';

/** A file the replay runner could not hand over, and why. */
export interface Unavailable {
  /** `unparseable`: something other than a readable regular file where a file belongs. */
  problem: 'missing' | 'too-large' | 'unparseable';
  detail: string;
}

const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function validateManifest(value: unknown): BundleManifest {
  if (!isRecord(value)) throw new UserError('manifest.json is not a JSON object', EXIT.dataErr);
  if (value.format !== BUNDLE_FORMAT)
    throw new UserError(`manifest.json: format is not "${BUNDLE_FORMAT}"`, EXIT.dataErr);
  if (!(BUNDLE_VERSIONS as readonly unknown[]).includes(value.version))
    throw new UserError(
      `manifest.json: version ${JSON.stringify(value.version)} is not supported (this bridgelight reads versions ${BUNDLE_VERSIONS.join(' and ')})`,
      EXIT.dataErr,
    );
  if (value.platform !== 'darwin' && value.platform !== 'linux')
    throw new UserError('manifest.json: platform must be "darwin" or "linux"', EXIT.dataErr);
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt)))
    throw new UserError('manifest.json: createdAt must be an ISO-8601 time', EXIT.dataErr);
  if (value.commands !== undefined && !isRecord(value.commands))
    throw new UserError('manifest.json: commands must be an object', EXIT.dataErr);
  validateVms(value.version as number, value.vms);
  return value as unknown as BundleManifest;
}

export function readManifest(dir: string): BundleManifest {
  let folder: ReturnType<typeof statSync>;
  try {
    folder = statSync(dir);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code;
    if (why === 'ENOENT') throw new UserError(`${dir}: no such bundle folder`, EXIT.noInput);
    throw new UserError(`${dir}: cannot read the bundle folder (${why ?? 'error'})`, EXIT.noInput);
  }
  if (!folder.isDirectory()) throw new UserError(`${dir}: a bundle is a folder, and this is not one`, EXIT.dataErr);
  const path = join(dir, BUNDLE_FILES.manifest);
  const read = readCapped(path, MAX_BUNDLE_FILE_BYTES, BUNDLE_FILES.manifest);
  if ('problem' in read) {
    if (read.problem === 'missing')
      throw new UserError(`${dir}: no manifest.json, so this is not a bridgelight bundle`, EXIT.dataErr);
    throw new UserError(`${dir}: ${read.detail}`, read.problem === 'too-large' ? EXIT.dataErr : EXIT.noInput);
  }
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (error) {
    throw new UserError(`${path}: not valid JSON (${(error as Error).message})`, EXIT.dataErr);
  }
  return validateManifest(value);
}

type FileRead = { text: string } | { unavailable: Unavailable };

/** Reads one bundle file: a safe name, a regular file (no link, FIFO or folder), at most 8 MB. */
export function readBundleFile(dir: string, name: string): FileRead {
  if (!SAFE_FILE_NAME.test(name))
    return { unavailable: { problem: 'missing', detail: `${name}: not a bundle file name` } };
  const read = readCapped(join(dir, name), MAX_BUNDLE_FILE_BYTES, name);
  return 'problem' in read ? { unavailable: read } : read;
}

const NOTHING: CommandResult = {
  outcome: 'missing',
  stdout: '',
  stderr: '',
  exitCode: null,
  detail: '',
  durationMs: 0,
};

/** The one VM tool bundles knew before v2 listed their VMs (and hand-assembled bundles still assume). */
const V1_VM_TOOL = wordingFor(DEFAULT_PROVIDER).tool;

/**
 * Which VM tools the recording machine had: those it ran a command of, or whose VMs the manifest lists (v1: the
 * one tool then known). A tool the recording never ran is absent, so replay asks no provider the bundle never saw.
 */
function replayedTools(manifest: BundleManifest): (tool: string) => boolean {
  const recorded = Object.values(manifest.commands ?? {});
  const missing = new Set(recorded.filter((command) => command.notFound).map((command) => command.argv[0]));
  const ran = new Set(recorded.filter((command) => !command.notFound).map((command) => command.argv[0]));
  const listed = new Set((manifest.vms ?? []).map((vm) => wordingFor(vm.provider).tool));
  return (tool) => !missing.has(tool) && (ran.has(tool) || listed.has(tool) || tool === V1_VM_TOOL);
}

/** Each VM's files as a bundle holding `held` has them: under the VM's own name (several VMs), else plain (v1). */
export function heldVmKey(held: ReadonlySet<string>): VmKeyer {
  return (provider, name, file) => {
    const own = vmFile(provider, name, file);
    return held.has(own) ? own : file;
  };
}

export function replayVmKey(manifest: BundleManifest): VmKeyer {
  return heldVmKey(
    new Set([...Object.keys(manifest.commands ?? {}), ...(manifest.vms ?? []).flatMap((vm) => vm.files)]),
  );
}

export function createReplayRunner(dir: string, manifest: BundleManifest): CommandRunner {
  return {
    locate: replayedTools(manifest),
    async run(spec: CommandSpec): Promise<CommandResult> {
      const recorded = manifest.commands?.[spec.key];
      if (recorded?.notFound) return { ...NOTHING, outcome: 'not-found' };
      if (recorded?.timedOut) return { ...NOTHING, outcome: 'timeout' };
      const read = readBundleFile(dir, spec.key);
      if ('unavailable' in read) {
        const outcome = read.unavailable.problem === 'missing' ? 'missing' : 'refused';
        return { ...NOTHING, outcome, detail: read.unavailable.detail };
      }
      // A file without an entry was assembled by hand: it stands for a command that exited 0.
      const exitCode = recorded ? recorded.exitCode : 0;
      return { ...NOTHING, outcome: exitCode === 0 ? 'text' : 'failed', stdout: read.text, exitCode };
    },
  };
}

export interface ReplayProbes {
  prober: HostProber;
  /** Set when probes.json is present but unusable. */
  problem: string | null;
}

function isHostProbe(value: unknown): value is HostProbe {
  return (
    isRecord(value) &&
    typeof value.source === 'string' &&
    typeof value.target === 'string' &&
    typeof value.ok === 'boolean' &&
    (value.ms === null || typeof value.ms === 'number') &&
    (value.error === null || typeof value.error === 'string')
  );
}

export function createReplayProber(dir: string): ReplayProbes {
  const read = readBundleFile(dir, BUNDLE_FILES.probes);
  if ('unavailable' in read) {
    const problem = read.unavailable.problem === 'missing' ? null : read.unavailable.detail;
    return { prober: { probe: async () => null }, problem };
  }
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    return { prober: { probe: async () => null }, problem: 'probes.json is not valid JSON' };
  }
  if (!Array.isArray(value) || !value.every(isHostProbe))
    return { prober: { probe: async () => null }, problem: 'probes.json is not a list of probe results' };
  return { prober: { probe: async () => value as HostProbe[] }, problem: null };
}

/** Wraps a live runner and prober; everything they return is written into `dir` as a bundle. */
export class BundleRecorder {
  readonly commands: Record<string, RecordedCommand> = {};
  private probes: HostProbe[] | null = null;
  private readonly outputs = new Map<string, string>();
  private readonly names: string[] = [];

  constructor(
    private readonly out: PrivateDir,
    private readonly transform: (text: string) => string = (text) => text,
  ) {}

  get dir(): string {
    return this.out.path;
  }

  runner(inner: CommandRunner): CommandRunner {
    const locate = inner.locate?.bind(inner);
    return {
      // A tool found missing is recorded like a command that was not found, so the replay finds it missing too.
      locate: (tool) => {
        const found = locate?.(tool) ?? true;
        if (!found)
          this.commands[`${tool}.not-found`] = {
            argv: [tool],
            exitCode: null,
            timedOut: false,
            notFound: true,
            durationMs: 0,
          };
        return found;
      },
      run: async (spec) => {
        const result = await inner.run(spec);
        this.commands[spec.key] = {
          argv: [...spec.argv],
          exitCode: result.exitCode,
          timedOut: result.outcome === 'timeout',
          notFound: result.outcome === 'not-found',
          durationMs: result.durationMs,
        };
        if (result.outcome === 'text' || result.outcome === 'failed') {
          this.outputs.set(spec.key, result.stdout);
          this.writeFile(spec.key, result.stdout);
        }
        return result;
      },
    };
  }

  prober(inner: HostProber): HostProber {
    return {
      probe: async (sources, targets, timeoutMs) => {
        const result = await inner.probe(sources, targets, timeoutMs);
        this.probes = result;
        return result;
      },
    };
  }

  /** What a recorded command printed, before redaction. */
  lastOutput(key: string): string | undefined {
    return this.outputs.get(key);
  }

  /** Writes one file; `raw` skips redaction, for Bridgelight's own output (which holds no MAC or host name). */
  writeFile(name: string, text: string, raw = false): void {
    if (!SAFE_FILE_NAME.test(name)) throw new Error(`refusing to write bundle file ${JSON.stringify(name)}`);
    this.out.write(name, raw ? text : this.transform(text));
    this.names.push(name);
  }

  /** Names of the files written so far. */
  written(): string[] {
    return [...this.names];
  }

  finish(manifest: Omit<BundleManifest, 'commands'>): void {
    if (this.probes) this.writeFile(BUNDLE_FILES.probes, `${JSON.stringify(this.probes, null, 2)}\n`);
    const full: BundleManifest = { ...manifest, commands: this.commands };
    this.out.write(BUNDLE_FILES.manifest, `${JSON.stringify(full, null, 2)}\n`);
    this.out.close();
  }
}
