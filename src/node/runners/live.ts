// Where Bridgelight starts its commands (live-stream.ts, beside it, starts the event streams; nothing else starts
// a process, eslint.config.js sees to it): argv arrays, no shell, LANG=C, a timeout per command,
// and the whole process group killed when it runs out, so a hanging `minikube ssh` leaves nothing behind.
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { CommandOutcome, CommandResult, CommandRunner, CommandSpec } from '../../shared/command';

const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const running = new Set<number>();

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone: nothing to clean up.
  }
}

/** Kills every process group still running (the CLI calls this on exit and on Ctrl-C). */
export function killAllRunning(): void {
  for (const pid of running) killGroup(pid);
  running.clear();
}

function liveOutcome(timedOut: boolean, notFound: boolean, exitCode: number | null): CommandOutcome {
  if (notFound) return 'not-found';
  if (timedOut) return 'timeout';
  return exitCode === 0 ? 'text' : 'failed';
}

export interface LiveRunnerOptions {
  /** PATH for tools found by name (minikube). Defaults to the caller's PATH. */
  path?: string;
}

/** Whether `tool` is an executable file in one of PATH's folders (or at its own absolute path). */
export function onPath(tool: string, path: string): boolean {
  const candidates = tool.includes('/')
    ? [tool]
    : path
        .split(':')
        .filter((dir) => dir.startsWith('/'))
        .map((dir) => join(dir, tool));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

export function createLiveRunner(options: LiveRunnerOptions = {}): CommandRunner {
  const path = options.path ?? process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin';
  return {
    locate: (tool) => onPath(tool, path),
    async run(spec: CommandSpec): Promise<CommandResult> {
      const [file, ...args] = spec.argv;
      if (!file) throw new Error(`command ${spec.key} has an empty argv`);
      const started = performance.now();
      const child = execa(file, args, {
        reject: false,
        shell: false,
        stdin: 'ignore',
        detached: true,
        stripFinalNewline: false,
        maxBuffer: MAX_OUTPUT_BYTES,
        env: { LANG: 'C', LC_ALL: 'C', PATH: path },
        extendEnv: true,
      });
      const pid = child.pid;
      let timedOut = false;
      if (pid !== undefined) running.add(pid);
      const timer = setTimeout(() => {
        timedOut = true;
        if (pid !== undefined) killGroup(pid);
      }, spec.timeoutMs);
      try {
        const result = await child;
        const notFound = (result as { code?: string }).code === 'ENOENT';
        const exitCode = timedOut || notFound ? null : (result.exitCode ?? null);
        return {
          outcome: liveOutcome(timedOut, notFound, exitCode),
          stdout: typeof result.stdout === 'string' ? result.stdout : '',
          stderr: typeof result.stderr === 'string' ? result.stderr : '',
          exitCode,
          detail: '',
          durationMs: Math.round(performance.now() - started),
        };
      } finally {
        clearTimeout(timer);
        if (pid !== undefined) {
          // The leader exited; children it left in its group (a backgrounded sleep) go with it.
          killGroup(pid);
          running.delete(pid);
        }
      }
    },
  };
}
