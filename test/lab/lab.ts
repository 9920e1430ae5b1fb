// The lab from the tests' side: build it, switch it between the healthy and the seed state, run commands in its
// namespaces, tear it down. Every suite that needs real packets goes through here (see lab.sh for the topology).
//
// End-to-end tests of the CLI run it inside the host namespace with the minikube stand-in first on PATH:
//   const lab = createLab('blcli');   // one prefix per test file: vitest runs files in parallel
//   await lab.inHost(['node', 'bin/bridgelight.js', 'check', '--json'], { cwd: REPO_ROOT });
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../..');
export const LAB_SCRIPT = path.join(HERE, 'lab.sh');
/** Holds the `minikube` stand-in; put it first on PATH for anything that should find "minikube". */
export const LAB_BIN = path.join(HERE, 'bin');
export const HELPER = path.join(REPO_ROOT, 'resources', 'bridgelight-helper');

/** The addresses lab.sh builds; the vm and bridge ones are the seed case's own. */
export const LAB_ADDR = {
  vm: '192.168.77.6',
  bridge: '192.168.77.1',
  good: '198.51.100.7',
  stale: '198.51.100.66',
  gateway: '198.51.100.1',
  web: '203.0.113.10',
  dns: '203.0.113.53',
} as const;
/** The one name the lab's DNS answers (with LAB_ADDR.web); every other name is NXDOMAIN. */
export const LAB_NAME = 'registry.lab.test';

export type LabState = 'healthy' | 'seed';

export interface RunResult {
  stdout: string;
  stderr: string;
  /** null when the process was killed (timeout or signal). */
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  ms: number;
}

export interface RunOptions {
  timeoutMs?: number;
  cwd?: string;
  /** Added to the environment the command gets (on top of the lab's, see Lab.env). */
  env?: NodeJS.ProcessEnv;
}

/** Runs a program (never a shell string) and reports how it ended instead of throwing on a nonzero exit. */
export function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new Error('run: empty argv');
  const started = performance.now();
  const timeout = options.timeoutMs ?? 15_000;
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout, killSignal: 'SIGKILL', cwd: options.cwd, env: options.env, encoding: 'utf8', maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const ms = performance.now() - started;
        const failure = error as (NodeJS.ErrnoException & { killed?: boolean; signal?: string | null }) | null;
        const code = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null;
        const signal = failure?.signal ?? null;
        // execFile does not say "timed out" as such: killed by our signal at (or after) the deadline.
        const timedOut = failure?.killed === true && ms >= timeout;
        if (failure !== null && typeof failure.code === 'string') {
          resolve({ stdout, stderr: `${stderr}${failure.message}\n`, code: null, signal, timedOut, ms });
          return;
        }
        resolve({ stdout, stderr, code, signal, timedOut, ms });
      },
    );
  });
}

export interface Lab {
  prefix: string;
  /** Pid, log and state files, and the minikube stand-in's call log. */
  dir: string;
  ns: { vm: string; host: string; router: string };
  /** Environment for commands in the lab: the stand-in first on PATH, and where it finds the lab. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  labUp(): Promise<void>;
  labDown(): Promise<void>;
  setState(state: LabState): Promise<void>;
  status(): Promise<RunResult>;
  inVm(argv: readonly string[], options?: RunOptions): Promise<RunResult>;
  inHost(argv: readonly string[], options?: RunOptions): Promise<RunResult>;
  inRouter(argv: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** What `minikube status` reports from now on (the stand-in reads a file in dir). */
  setVmState(state: 'running' | 'stopped'): void;
  /** One entry per minikube stand-in call, its arguments joined by spaces. */
  minikubeCalls(): string[];
  /** The router's servers' log: `http SOURCE PORT METHOD URL` and `dns SOURCE NAME QTYPE`, one per request. */
  routerLog(): string[];
}

function checkedPrefix(prefix: string): string {
  // Namespace and file names are built from it; lab.sh applies the same rule.
  if (!/^[a-z][a-z0-9]{0,7}$/.test(prefix)) throw new Error(`lab prefix must match [a-z][a-z0-9]{0,7}: ${prefix}`);
  return prefix;
}

async function script(lab: Lab, args: readonly string[], timeoutMs = 30_000): Promise<RunResult> {
  const result = await run(['sh', LAB_SCRIPT, ...args], { env: lab.env(), timeoutMs });
  if (result.code !== 0) {
    throw new Error(`lab.sh ${args.join(' ')} failed (${result.code ?? result.signal}):\n${result.stderr}`);
  }
  return result;
}

function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

/** A lab whose namespaces are PREFIX-vm, PREFIX-host and PREFIX-router. Nothing is built until labUp(). */
export function createLab(prefix: string = process.env.BRIDGELIGHT_LAB ?? 'bl'): Lab {
  const p = checkedPrefix(prefix);
  // A private folder (mkdtemp: a fresh name, mode 0700) made when first needed, never a fixed path in /tmp that
  // another user could create or fill with links first; a new one after `down` removed the last.
  let made: string | null = null;
  const privateDir = (): string => (made ??= mkdtempSync(path.join(tmpdir(), `bridgelight-lab-${p}-`)));
  const ns = { vm: `${p}-vm`, host: `${p}-host`, router: `${p}-router` };
  const inNs =
    (name: string) =>
    (argv: readonly string[], options: RunOptions = {}) =>
      run(['ip', 'netns', 'exec', name, ...argv], { ...options, env: lab.env(options.env) });
  const lab: Lab = {
    prefix: p,
    get dir() {
      return privateDir();
    },
    ns,
    env: (extra = {}) => ({
      ...process.env,
      PATH: `${LAB_BIN}:${process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin'}`,
      BRIDGELIGHT_LAB: p,
      BRIDGELIGHT_LAB_DIR: privateDir(),
      ...extra,
    }),
    labUp: async () => {
      if (made !== null && !existsSync(made)) made = null;
      try {
        await script(lab, ['up']);
      } catch (error) {
        // A half-built lab must not outlive the failure that interrupted it.
        await script(lab, ['down']).catch(() => undefined);
        throw error;
      }
    },
    labDown: async () => {
      await script(lab, ['down']);
    },
    setState: async (state) => {
      await script(lab, ['state', state]);
    },
    status: () => run(['sh', LAB_SCRIPT, 'status'], { env: lab.env() }),
    inVm: inNs(ns.vm),
    inHost: inNs(ns.host),
    inRouter: inNs(ns.router),
    setVmState: (state) => writeFileSync(path.join(privateDir(), 'vm-state'), `${state}\n`),
    minikubeCalls: () => readLines(path.join(privateDir(), 'minikube-calls.log')),
    routerLog: () => readLines(path.join(privateDir(), 'servers.log')),
  };
  return lab;
}

/** The default lab (prefix $BRIDGELIGHT_LAB or bl), for scripts and single-suite use. */
export const { labUp, labDown, setState, inHost, inVm } = createLab();

export interface Availability {
  ok: boolean;
  reason: string;
}

function works(argv: readonly string[]): boolean {
  try {
    execFileSync(argv[0]!, argv.slice(1), { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Root and a kernel that lets us create network namespaces (probed for real, then removed). */
export function netnsAvailable(): Availability {
  if (process.platform !== 'linux')
    return { ok: false, reason: `network namespaces need Linux, not ${process.platform}` };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root (run the tests as root)' };
  if (!works(['ip', '-V'])) return { ok: false, reason: 'no `ip` command (install iproute2)' };
  const probe = `blprobe${process.pid}`;
  const created = works(['ip', 'netns', 'add', probe]);
  if (created) works(['ip', 'netns', 'del', probe]);
  if (!created) return { ok: false, reason: '`ip netns add` fails here (no CAP_SYS_ADMIN or no netns support)' };
  return { ok: true, reason: '' };
}

/** Everything lab.sh needs, plus any extra programs a suite uses (`curl`). */
export function labAvailable(extraTools: readonly string[] = []): Availability {
  const netns = netnsAvailable();
  if (!netns.ok) return netns;
  for (const tool of ['iptables', 'node', ...extraTools]) {
    const flag = tool === 'iptables' ? '-V' : '--version';
    if (!works([tool, flag])) return { ok: false, reason: `\`${tool}\` is not installed` };
  }
  return { ok: true, reason: '' };
}

/**
 * describe() for suites that need the lab (or namespaces): skipped, loudly, where it cannot run; but in CI,
 * where the lab must run, unavailability is a failing test rather than a quiet skip.
 */
export function describeWhere(availability: Availability, name: string, body: () => void): void {
  if (!availability.ok && process.env.CI) {
    describe(name, () => {
      it('can run here (required in CI)', () => {
        throw new Error(`lab unavailable in CI: ${availability.reason}`);
      });
    });
    return;
  }
  if (!availability.ok) console.warn(`\n*** SKIPPING "${name}": ${availability.reason} ***\n`);
  describe.skipIf(!availability.ok)(availability.ok ? name : `${name} [SKIPPED: ${availability.reason}]`, body);
}
