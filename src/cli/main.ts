// `bridgelight check | watch | fix | bundle`: the terminal face of the same engine the menu-bar app uses.
// Every failure ends with one clear line on stderr and a documented exit status, never a stack trace.
import { EXIT, UserError } from '../node/errors';
import { killAllRunning } from '../node/runners/live';
import { runBundle } from './commands/bundle';
import { runCheck } from './commands/check';
import { runFix } from './commands/fix';
import { runWatch } from './commands/watch';
import { type CommandContext, defaultContext } from './context';
import { USAGE } from './usage';

type Handler = (args: string[], context: CommandContext) => Promise<number>;

const COMMANDS: Record<string, Handler> = {
  check: runCheck,
  bundle: runBundle,
  watch: runWatch,
  fix: runFix,
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

export async function main(argv: string[], context: CommandContext = defaultContext()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? context.stderr : context.stdout).write(USAGE);
    return command === undefined ? EXIT.usage : 0;
  }
  if (command === '--version' || command === '-V') {
    context.stdout.write(`bridgelight ${context.version}\n`);
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    context.stderr.write(`bridgelight: unknown command "${command}" (try: bridgelight help)\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout.write(USAGE);
    return 0;
  }
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
