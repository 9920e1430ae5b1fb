// `socketfilterfw` getters (`--getglobalstate`, `--getallowsigned`, `--listapps`), which any user may run. Its
// wording moved between releases (`signed built-in software` / `built-in signed software.`, `ALF: total number of
// apps` / `Total number of apps`, paths or bare names), so each line is read by what it says, whichever getter
// printed it.
import type { AppFirewall, FirewallApp } from '../../model';
import { type ParseResult, parsed, unparseable } from '../../parse-result';

const GLOBAL_STATE =
  /^Firewall is (?:enabled|disabled|blocking all non-essential incoming connections)\. \(State = (\d)\)/;
const BUILT_IN = /^Automatically allow (?:signed built-in|built-in signed) software (ENABLED|DISABLED)/;
const APP_COUNT = /^(?:ALF: )?total number of apps = (\d+)/i;
const APP_NUMBERED = /^\d+ :\s+(.+?)\s*$/;
const APP_VERDICT = /^\(\s*(Allow|Block) incoming connections\s*\)/;
// kolide's reading of the bare-name form: state 1 lets connections in, 4 blocks them.
// The name is what precedes the last run of spaces: a name never ends in one.
const APP_BARE = /^(.*\S)\s+\(state: (\d+)\)$/;

function readApps(lines: readonly string[]): FirewallApp[] | null | 'bad' {
  const countAt = lines.findIndex((line) => APP_COUNT.test(line));
  if (countAt < 0) return null;
  const apps: FirewallApp[] = [];
  let pending: string | null = null;
  for (const line of lines.slice(countAt + 1)) {
    const numbered = line.match(APP_NUMBERED);
    const verdict = line.match(APP_VERDICT);
    const bare = line.match(APP_BARE);
    if (numbered) pending = numbered[1]!;
    else if (verdict && pending !== null) {
      apps.push({ app: pending, allowed: verdict[1] === 'Allow' });
      pending = null;
    } else if (bare && (bare[2] === '1' || bare[2] === '4')) apps.push({ app: bare[1]!, allowed: bare[2] === '1' });
  }
  const expected = Number(lines[countAt]!.match(APP_COUNT)![1]);
  return apps.length === expected ? apps : 'bad';
}

/** Whatever the getters said; a part none of them printed stays null. */
export function parseSocketfilterfw(text: string): ParseResult<AppFirewall> {
  const lines = text.split('\n').map((line) => line.trim());
  let state: number | null = null;
  let allowBuiltInSigned: boolean | null = null;
  for (const line of lines) {
    const global = line.match(GLOBAL_STATE);
    if (global) state = Number(global[1]);
    const builtIn = line.match(BUILT_IN);
    if (builtIn) allowBuiltInSigned = builtIn[1] === 'ENABLED';
  }
  const apps = readApps(lines);
  if (apps === 'bad') return unparseable('socketfilterfw --listapps: the app count does not match the apps listed');
  if (state === null && allowBuiltInSigned === null && apps === null) {
    return unparseable('socketfilterfw printed none of the lines it is known to print');
  }
  return parsed({ state, allowBuiltInSigned, apps });
}
