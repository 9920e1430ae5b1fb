// `bridgelight check | watch | fix | bundle`: the terminal face of the same engine the menu-bar app uses.
// Every failure ends with one clear line on stderr and a documented exit status, never a stack trace.
import { EXIT, UserError } from '../node/errors';
import { type CommandContext, defaultContext, type TerminalContext } from './context';
import { terminalOutput } from './terminal';
import { USAGE } from './usage';

type Handler = (args: string[], context: TerminalContext) => Promise<number>;

// Each command, and the process runner behind it (execa), loads only when it runs: `--version` and `--help`
// start without them.
const COMMANDS: Record<string, () => Promise<Handler>> = {
  check: async () => (await import('./commands/check')).runCheck,
  bundle: async () => (await import('./commands/bundle')).runBundle,
  watch: async () => (await import('./commands/watch')).runWatch,
  fix: async () => (await import('./commands/fix')).runFix,
  mute: async () => (await import('./commands/mute')).runMute,
  unmute: async () => (await import('./commands/mute')).runUnmute,
};

function describe(error: unknown): string {
  if (error instanceof UserError) return error.message;
  if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS')
  )
    return error.message.split('\n')[0] ?? 'bad arguments';
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof UserError) return error.exitCode;
  if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS')
  )
    return EXIT.usage;
  return EXIT.software;
}

export async function main(argv: string[], given: CommandContext = defaultContext()): Promise<number> {
  // Every word below, the commands' and the errors' alike, reaches the terminal only through the sanitizer.
  const context: TerminalContext = {
    ...given,
    stdout: terminalOutput(given.stdout),
    stderr: terminalOutput(given.stderr),
  };
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? context.stderr : context.stdout).write(USAGE);
    return command === undefined ? EXIT.usage : 0;
  }
  if (command === '--version' || command === '-V') {
    context.stdout.write(`bridgelight ${context.version}\n`);
    return 0;
  }
  const load = COMMANDS[command];
  if (!load) {
    context.stderr.write(`bridgelight: unknown command "${command}" (try: bridgelight help)\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout.write(USAGE);
    return 0;
  }
  const [handler, { killAllRunning }] = await Promise.all([load(), import('../node/runners/live')]);
  const controller = new AbortController();
  const stopOnSignal = () => {
    controller.abort();
    killAllRunning();
    // watch ends by itself on abort; anything else gets a moment to print, then goes.
    setTimeout(() => process.exit(130), 2_000).unref();
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    return await handler(rest, { ...context, signal: context.signal ?? controller.signal });
  } catch (error) {
    context.stderr.write(`bridgelight ${command}: ${describe(error)}\n`);
    if (!(error instanceof UserError) && process.env.BRIDGELIGHT_DEBUG)
      context.stderr.write(`${(error as Error).stack}\n`);
    return exitCodeOf(error);
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    killAllRunning();
  }
}
