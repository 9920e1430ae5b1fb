// The mute list in the app's settings.json, for the CLI: `check` and `watch` read it, `mute` and `unmute` change
// that one field and leave every other setting exactly as the file had it. A file that cannot be read or holds a
// bad list is never rewritten: the user's settings are theirs to repair.
import { checkMuteList, type Mute, type MuteList } from '../shared/mute';
import { EXIT, UserError } from './errors';
import { readSettingsJson, writeSettingsJson } from './settings-file';

export interface MutesRead {
  mutes: Mute[];
  /** Why the file's mutes could not be used (then none apply: everything counts, as if nothing were muted). */
  problem: string | null;
}

type Loaded = { ok: true; fields: Record<string, unknown>; mutes: Mute[] } | { ok: false; problem: string };

function load(path: string): Loaded {
  const read = readSettingsJson(path);
  switch (read.kind) {
    case 'absent':
      return { ok: true, fields: {}, mutes: [] };
    case 'unreadable':
      return { ok: false, problem: `cannot read ${path} (${read.message})` };
    case 'not-json':
      return { ok: false, problem: `${path} is not valid JSON (${read.message})` };
    case 'json': {
      const value = read.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return { ok: false, problem: `${path} is not a JSON object` };
      const fields = value as Record<string, unknown>;
      if (!('mutedFindings' in fields)) return { ok: true, fields, mutes: [] };
      const checked = checkMuteList(fields.mutedFindings);
      return checked.ok
        ? { ok: true, fields, mutes: checked.value }
        : { ok: false, problem: `${path}: ${checked.message}` };
    }
  }
}

/** For check and watch: the mutes to honour, never an exception (a broken file mutes nothing, and says so). */
export function readMutes(path: string): MutesRead {
  const loaded = load(path);
  return loaded.ok ? { mutes: loaded.mutes, problem: null } : { mutes: [], problem: loaded.problem };
}

/** The mutes as they stand, or a one-line UserError when the file cannot be used. */
export function listMutes(path: string): Mute[] {
  const loaded = load(path);
  if (!loaded.ok) throw new UserError(`${loaded.problem}; fix or remove it`, EXIT.dataErr);
  return loaded.mutes;
}

/** Replaces the list by `change(list)`; writes only when it differs. Returns the list before and after. */
export function changeMutes(path: string, change: (list: MuteList) => MuteList): { before: MuteList; after: MuteList } {
  const loaded = load(path);
  if (!loaded.ok) throw new UserError(`${loaded.problem}; fix or remove it (nothing was written)`, EXIT.dataErr);
  const before = loaded.mutes;
  const after = change(before);
  if (after !== before) {
    const checked = checkMuteList(after);
    if (!checked.ok) throw new UserError(`${checked.message} (nothing was written)`, EXIT.dataErr);
    writeSettingsJson(path, { ...loaded.fields, mutedFindings: checked.value });
  }
  return { before, after };
}
