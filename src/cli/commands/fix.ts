import { createInterface } from 'node:readline/promises';
import { type CheckOptions, checkLive, hostPlatform } from '../../node/engine';
import { EXIT, UserError } from '../../node/errors';
import { type FixPlan, planFix, removeCall, runHelper, samePlan } from '../../node/fix';
import { createLiveRunner } from '../../node/runners/live';
import { isFindingId } from '../../shared/finding-ids';
import type { Diagnosis } from '../../shared/model';
import type { CommandContext } from '../context';
import { CHECK_OPTIONS, checkOptionsFor, parseCommandArgs } from '../options';

async function confirm(context: CommandContext, question: string): Promise<boolean> {
  if (!context.stdin) return false;
  const rl = createInterface({ input: context.stdin, output: context.stderr as NodeJS.WritableStream });
  try {
    const answer = await rl.question(question);
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

export async function runFix(args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...CHECK_OPTIONS, yes: { type: 'boolean', short: 'y' } }, 1);
  const findingId = positionals[0];
  if (!findingId) throw new UserError('which finding? usage: bridgelight fix FINDING-ID [--yes]', EXIT.usage);
  if (!isFindingId(findingId)) throw new UserError(`"${findingId}" is not a Bridgelight finding id`, EXIT.usage);
  const options: CheckOptions = checkOptionsFor(values, context);
  const platform = hostPlatform();

  context.stderr.write('Checking first…\n');
  const before = await checkLive(options);
  const planned = planFix(before.diagnosis, platform, findingId);
  if (!planned.ok) {
    context.stdout.write(`Nothing to fix: ${planned.reason}.\n`);
    return planned.absent ? 0 : 2;
  }
  context.stdout.write(describePlan(planned.plan));
  if (!values.yes) {
    if (!context.stdin?.isTTY)
      throw new UserError('not on a terminal, so nobody can confirm: pass --yes to go ahead', EXIT.usage);
    if (!(await confirm(context, `Remove ${planned.plan.address} from ${planned.plan.interface}? [y/N] `))) {
      context.stdout.write('Left as it was.\n');
      return 1;
    }
    // The state may have moved while the question was open: act only on what is still true.
    const again = planFix((await checkLive(options)).diagnosis, platform, findingId);
    if (!again.ok || !samePlan(again.plan, planned.plan)) {
      context.stdout.write(`The situation changed while you decided; nothing was done. Run the check again.\n`);
      return 2;
    }
  }
  const isRoot = process.getuid?.() === 0;
  const run = await runHelper({ runner: createLiveRunner(), platform, isRoot }, removeCall(planned.plan));
  if (run.outcome !== 'done') {
    context.stdout.write(`${run.outcome === 'cancelled' ? 'Cancelled' : 'Not done'}: ${run.message}\n`);
    return run.outcome === 'cancelled' ? 1 : 2;
  }
  context.stdout.write(`${run.message}\n`);
  const after = await checkLive(options);
  context.stdout.write(`Before → after: ${natSummary(before.diagnosis)} → ${natSummary(after.diagnosis)}\n`);
  context.stdout.write(`Undo with: ${planned.plan.undoCommand}\n`);
  return after.diagnosis.verdict === 'green' ? 0 : 1;
}
