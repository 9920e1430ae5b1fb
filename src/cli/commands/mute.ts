// `bridgelight mute [ID] [--vm PROVIDER/NAME]` and `bridgelight unmute ID [--vm …]`: the app's mute list, in the
// app's own settings.json, so a mute made here greys the finding in the popover too, and the other way round.

import { EXIT, UserError } from '../../node/errors';
import { changeMutes, listMutes } from '../../node/mute-store';
import { checkMute, describeMute, type Mute, withMute, withoutMute } from '../../shared/mute';
import type { CommandContext } from '../context';
import { settingsPathOf } from '../mutes';
import { parseCommandArgs } from '../options';

const MUTE_OPTIONS = { vm: { type: 'string' } } as const;

function muteFrom(id: string, vm: string | undefined): Mute {
  const checked = checkMute(id, vm ?? null);
  if (!checked.ok) throw new UserError(checked.message, EXIT.usage);
  return checked.value;
}

const unmuteCommand = (mute: Mute) => `bridgelight unmute ${mute.id}${mute.vm === null ? '' : ` --vm '${mute.vm}'`}`;

function listing(mutes: readonly Mute[], path: string): string {
  if (mutes.length === 0) return `No finding is muted (${path}).\n`;
  const width = Math.max(...mutes.map((mute) => mute.id.length));
  const lines = mutes.map((mute) => `  ${mute.id.padEnd(width)}  ${mute.vm ?? 'every VM'}`);
  return `Muted (${path}):\n${lines.join('\n')}\n`;
}

export async function runMute(args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, MUTE_OPTIONS, 1);
  const path = settingsPathOf(context);
  const [id] = positionals;
  if (id === undefined) {
    if (values.vm !== undefined)
      throw new UserError('which finding? usage: bridgelight mute ID [--vm PROVIDER/NAME]', EXIT.usage);
    context.stdout.write(listing(listMutes(path), path));
    return 0;
  }
  const mute = muteFrom(id, values.vm);
  const { before, after } = changeMutes(path, (list) => withMute(list, mute));
  context.stdout.write(
    after === before
      ? `${describeMute(mute)} was already muted; nothing changed.\n`
      : `Muted ${describeMute(mute)}: still shown, greyed, it no longer colours the light nor notifies.\n` +
          `Undo: ${unmuteCommand(mute)}\n`,
  );
  return 0;
}

export async function runUnmute(args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, MUTE_OPTIONS, 1);
  const [id] = positionals;
  if (id === undefined)
    throw new UserError('which finding? usage: bridgelight unmute ID [--vm PROVIDER/NAME]', EXIT.usage);
  const mute = muteFrom(id, values.vm);
  const { before, after } = changeMutes(settingsPathOf(context), (list) => withoutMute(list, mute));
  if (after !== before) {
    context.stdout.write(`Unmuted ${describeMute(mute)}: it counts again.\n`);
    return 0;
  }
  // The likely slip: muted for one VM, unmuted for all (or the other way round). Say which mutes the id has.
  const others = before.filter((m) => m.id === mute.id);
  const hint = others.length > 0 ? ` It is muted as: ${others.map(unmuteCommand).join('; ')}` : '';
  context.stdout.write(`${describeMute(mute)} was not muted; nothing changed.${hint}\n`);
  return 0;
}
