// The mutes `check` and `watch` honour: the app's own list, read from its settings.json (src/node/mute-store.ts).
import { homedir } from 'node:os';
import { readMutes } from '../node/mute-store';
import { settingsFilePath } from '../node/settings-file';
import type { Mute } from '../shared/mute';
import type { CommandContext } from './context';

export function settingsPathOf(context: Pick<CommandContext, 'settingsPath'>): string {
  return context.settingsPath ?? settingsFilePath(process.platform, process.env, homedir());
}

/** The list, or none with one line on stderr when the file is broken: then every finding counts (fails closed). */
export function honouredMutes(context: CommandContext, command: string): Mute[] {
  const { mutes, problem } = readMutes(settingsPathOf(context));
  if (problem) context.stderr.write(`bridgelight ${command}: ${problem}; no finding is muted\n`);
  return mutes;
}
