import { createInterface } from 'node:readline/promises';
import { type CheckOptions, checkLive, hostPlatform } from '../../node/engine';
import { EXIT, UserError } from '../../node/errors';
import { applyFix, type FixPlan, planFix, runHelper } from '../../node/fix';
import { createLiveRunner } from '../../node/runners/live';
import { isFindingId } from '../../shared/finding-ids';
import type { Diagnosis } from '../../shared/model';
import type { TerminalContext } from '../context';
import { CHECK_OPTIONS, checkOptionsFor, parseCommandArgs } from '../options';

async function ask(context: TerminalContext, question: string): Promise<boolean> {
  if (!context.stdin) return false;
  // The question goes out through the sanitizer like every other word; readline only reads the answer.
  context.stderr.write(question);
  const rl = createInterface({ input: context.stdin });
  try {
    const answer = await rl.question('');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function natSummary(diagnosis: Diagnosis): string {
  return `${diagnosis.verdict} (NAT source ${diagnosis.egress?.natSource ?? 'unknown'})`;
}

function describePlan(plan: FixPlan): string {
  return [
    `${plan.finding.title}`,
    ...plan.finding.evidence.map((item) => `  • ${item}`),
    `Bridgelight will remove ${plan.address} from ${plan.interface}, exactly as:`,
    `  ${plan.command}`,
    '',
  ].join('\n');
}

export async function runFix(args: string[], context: TerminalContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...CHECK_OPTIONS, yes: { type: 'boolean', short: 'y' } }, 1);
  const findingId = positionals[0];
  if (!findingId) throw new UserError('which finding? usage: bridgelight fix FINDING-ID [--yes]', EXIT.usage);
  if (!isFindingId(findingId)) throw new UserError(`"${findingId}" is not a Bridgelight finding id`, EXIT.usage);
  const options: CheckOptions = checkOptionsFor(values, context);
  const platform = hostPlatform();

  context.stderr.write('Checking first…\n');
  const planned = planFix((await checkLive(options)).diagnosis, platform, findingId);
  if (!planned.ok) {
    context.stdout.write(`Nothing to fix: ${planned.reason}.\n`);
    return planned.absent ? 0 : 2;
  }
  const plan = planned.plan;
  const helper = { runner: createLiveRunner(), platform, isRoot: process.getuid?.() === 0 };
  const done = await applyFix(plan, {
    diagnose: async () => (await checkLive(options)).diagnosis,
    async confirm(toConfirm) {
      context.stdout.write(describePlan(toConfirm));
      if (values.yes) return true;
      if (!context.stdin?.isTTY)
        throw new UserError('not on a terminal, so nobody can confirm: pass --yes to go ahead', EXIT.usage);
      return ask(context, `Remove ${toConfirm.address} from ${toConfirm.interface}? [y/N] `);
    },
    // A terminal shows the outcome only: each phase is quick, or waits on the person.
    publish: () => {},
    runHelper: (call) => runHelper(helper, call),
  });
  switch (done.step) {
    case 'declined':
      context.stdout.write('Left as it was.\n');
      return 1;
    case 'moved':
      context.stdout.write(
        `The situation changed while you decided (${done.reason}); nothing was done. Run the check again.\n`,
      );
      return 2;
    case 'helper-not-done':
      context.stdout.write(`${done.run.outcome === 'cancelled' ? 'Cancelled' : 'Not done'}: ${done.run.message}\n`);
      return done.run.outcome === 'cancelled' ? 1 : 2;
    case 'unverified':
      context.stdout.write(`${done.run.message}\nThe check afterwards failed: ${done.error.message}\n`);
      context.stdout.write(`Undo with: ${plan.undoCommand}\n`);
      return 1;
    case 'applied':
      context.stdout.write(`${done.run.message}\n`);
      context.stdout.write(`Before → after: ${natSummary(done.before)} → ${natSummary(done.after)}\n`);
      context.stdout.write(`Undo with: ${plan.undoCommand}\n`);
      return done.after.verdict === 'green' ? 0 : 1;
  }
}
