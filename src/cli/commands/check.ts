import { type CheckResult, checkLive, checkReplay } from '../../node/engine';
import type { Light } from '../../shared/model';
import type { CommandContext } from '../context';
import { CHECK_OPTIONS, checkOptionsFor, parseCommandArgs } from '../options';
import { renderText } from '../render-text';
import { createStyle, wantsColor } from '../style';

export const VERDICT_EXIT: Record<Light, number> = { green: 0, yellow: 1, red: 2, unknown: 3 };

export async function runCheck(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseCommandArgs(args, { ...CHECK_OPTIONS, replay: { type: 'string' } });
  const options = checkOptionsFor(values, context);
  const progress = !values.json && context.stderr.isTTY ? context.stderr : null;
  progress?.write(values.replay ? `Replaying ${values.replay}…\r` : 'Checking the path from the VM to the internet…\r');
  const result: CheckResult = values.replay ? await checkReplay(values.replay, options) : await checkLive(options);
  progress?.write('\u001b[2K');
  if (values.json) context.stdout.write(`${JSON.stringify(result.diagnosis, null, 2)}\n`);
  else context.stdout.write(renderText(result.diagnosis, createStyle(wantsColor(context.stdout))));
  return VERDICT_EXIT[result.diagnosis.verdict];
}
