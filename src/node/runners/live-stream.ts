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
  // With `reject: false` execa resolves even when the program never started, so this is the one place the reason
  // is worded; `ended` never rejects.
  const ended = child.then((result) => (stopped ? 'stopped' : endReason(argv, result)));
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

interface EndedProcess {
  exitCode?: number;
  signal?: string;
  code?: string;
}

function endReason(argv: readonly string[], result: EndedProcess): string {
  const command = argv.join(' ');
  if (result.code === 'ENOENT') return `${command} could not start: ${argv[0]} not found`;
  if (result.exitCode === undefined && result.signal === undefined) {
    return `${command} could not start (${result.code ?? 'no exit status'})`;
  }
  return `${command} exited (${result.exitCode ?? result.signal})`;
}
