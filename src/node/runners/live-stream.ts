// Long-running event streams (`ip -o monitor`, `route -n monitor`): started like every other command (argv, no
// shell, LANG=C, own process group), but read line by line until stopped.
import { execa } from 'execa';

export interface LineStream {
  stop(): void;
  /** Resolves when the process ended, with why. */
  ended: Promise<string>;
}

export function spawnLines(argv: readonly string[], onChunk: (text: string) => void): LineStream {
  const [file, ...args] = argv;
  if (!file) throw new Error('empty argv');
  const child = execa(file, args, {
    reject: false,
    shell: false,
    stdin: 'ignore',
    stderr: 'ignore',
    detached: true,
    buffer: false,
    env: { LANG: 'C', LC_ALL: 'C' },
  });
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => onChunk(chunk));
  let stopped = false;
  const ended = child.then(
    (result) => (stopped ? 'stopped' : `${argv.join(' ')} exited (${result.exitCode ?? result.signal ?? 'unknown'})`),
    (error: Error) => `${argv.join(' ')} failed: ${error.message}`,
  );
  return {
    stop() {
      stopped = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
    ended,
  };
}
