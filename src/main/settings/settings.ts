// The persisted settings: validation shared by the file loader and the IPC guard, and an atomic JSON file.
// Every field is checked on its own, so one bad value (hand-edited, or from an older build) costs that field
// only, never the rest of the user's choices.
import { readSettingsJson, writeSettingsJson } from '../../node/settings-file';
import type { Settings } from '../../shared/app-api';
import { isIpv4 } from '../../shared/ipv4';
import { checkMuteList } from '../../shared/mute';
import { MINIKUBE_PROFILE } from '../../shared/providers/minikube';
import { DEFAULT_PROBE_TARGETS, parseTarget } from '../../shared/targets';
import { isVmRef } from '../../shared/vm-visibility';
import type { Logger } from '../logger';

/** What settings.json holds: the app contract's Settings but the login item's status, which only macOS reports. */
export type StoredSettings = Omit<Settings, 'launchAtLoginStatus'>;

export type SettingsPatch = Partial<StoredSettings>;
export type SettingKey = keyof StoredSettings;

export const SETTING_KEYS: readonly SettingKey[] = [
  'launchAtLogin',
  'probeTargets',
  'minikubeProfile',
  'ignoredAddresses',
  'checkForUpdates',
  'mutedFindings',
  'hiddenVms',
];

/** Each target costs a connect per egress address per refine: a short list keeps probing cheap. */
export const MAX_PROBE_TARGETS = 16;
export const MAX_IGNORED_ADDRESSES = 64;
export const MAX_HIDDEN_VMS = 64;
const MAX_TARGET_LENGTH = 260;

export function defaultSettings(): StoredSettings {
  return {
    launchAtLogin: false,
    probeTargets: [...DEFAULT_PROBE_TARGETS],
    minikubeProfile: 'minikube',
    ignoredAddresses: [],
    checkForUpdates: true,
    mutedFindings: [],
    hiddenVms: [],
  };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
const reject = <T>(message: string): Checked<T> => ({ ok: false, message });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkList(
  value: unknown,
  field: string,
  max: number,
  item: (text: string) => string | null,
): Checked<string[]> {
  if (!Array.isArray(value)) return reject(`${field} must be a list`);
  if (value.length > max) return reject(`${field} holds at most ${max} entries`);
  const seen = new Set<string>();
  for (const entry of value) {
    if (typeof entry !== 'string') return reject(`${field} must hold only text`);
    const problem = item(entry);
    if (problem) return reject(`${field}: ${problem}`);
    if (seen.has(entry)) return reject(`${field}: ${entry} is listed twice`);
    seen.add(entry);
  }
  return accept([...value] as string[]);
}

export const checkField: { [K in SettingKey]: (value: unknown) => Checked<StoredSettings[K]> } = {
  launchAtLogin: (value) =>
    typeof value === 'boolean' ? accept(value) : reject('launchAtLogin must be true or false'),
  probeTargets: (value) =>
    checkList(value, 'probeTargets', MAX_PROBE_TARGETS, (text) =>
      text.length <= MAX_TARGET_LENGTH && parseTarget(text) ? null : `${JSON.stringify(text)} is not host:port`,
    ),
  minikubeProfile: (value) =>
    typeof value === 'string' && MINIKUBE_PROFILE.test(value)
      ? accept(value)
      : reject('minikubeProfile must be a profile name (letters, digits, . _ -; at most 64)'),
  ignoredAddresses: (value) =>
    checkList(value, 'ignoredAddresses', MAX_IGNORED_ADDRESSES, (text) =>
      isIpv4(text) ? null : `${JSON.stringify(text.slice(0, 40))} is not an IPv4 address`,
    ),
  checkForUpdates: (value) =>
    typeof value === 'boolean' ? accept(value) : reject('checkForUpdates must be true or false'),
  mutedFindings: (value) => checkMuteList(value),
  hiddenVms: (value) =>
    checkList(value, 'hiddenVms', MAX_HIDDEN_VMS, (text: string) =>
      // VmRef is a string: a type guard would narrow the refusal's `text` to never.
      (isVmRef as (value: unknown) => boolean)(text)
        ? null
        : `${JSON.stringify(text.slice(0, 40))} is not a VM (PROVIDER/NAME)`,
    ),
};

function setField<K extends SettingKey>(target: SettingsPatch, key: K, value: StoredSettings[K]): void {
  target[key] = value;
}

/** A patch from the renderer: only known fields, each valid; anything else rejects the whole patch. */
export function checkSettingsPatch(value: unknown): Checked<SettingsPatch> {
  if (!isPlainObject(value)) return reject('settings must be an object');
  const patch: SettingsPatch = {};
  for (const [key, field] of Object.entries(value)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key))
      return reject(`${key} is not a setting that can be changed`);
    const settingKey = key as SettingKey;
    const checked = checkField[settingKey](field);
    if (!checked.ok) return checked;
    setField(patch, settingKey, checked.value);
  }
  return accept(patch);
}

export interface LoadedSettings {
  settings: StoredSettings;
  /** Why some or all of the file was not used (each becomes one log line). */
  problems: string[];
}

/** Settings from whatever a file held: valid fields kept, the rest (and unknown ones) replaced by defaults. */
export function settingsFrom(value: unknown): LoadedSettings {
  const settings = defaultSettings();
  if (!isPlainObject(value)) return { settings, problems: ['settings file is not a JSON object; using defaults'] };
  const problems: string[] = [];
  for (const key of SETTING_KEYS) {
    if (!(key in value)) continue;
    const checked = checkField[key](value[key]);
    if (checked.ok) setField(settings, key, checked.value);
    else problems.push(`${checked.message}; using the default`);
  }
  return { settings, problems };
}

export function applyPatch(settings: StoredSettings, patch: SettingsPatch): StoredSettings {
  return { ...settings, ...patch };
}

/** settings.json, written atomically: a crash mid-write leaves the old file, never half a new one. */
export class SettingsFile {
  constructor(
    readonly path: string,
    private readonly log: Logger,
  ) {}

  load(): StoredSettings {
    const read = readSettingsJson(this.path);
    switch (read.kind) {
      case 'absent':
        return defaultSettings();
      case 'unreadable':
        this.log.warn(`settings: cannot read ${this.path} (${read.message}); using defaults`);
        return defaultSettings();
      case 'not-json':
        this.log.warn(`settings: ${this.path} is not valid JSON (${read.message}); using defaults`);
        return defaultSettings();
      case 'json': {
        const loaded = settingsFrom(read.value);
        for (const problem of loaded.problems) this.log.warn(`settings: ${this.path}: ${problem}`);
        return loaded.settings;
      }
    }
  }

  save(settings: StoredSettings): void {
    writeSettingsJson(this.path, settings);
  }
}
