// Type guards for what the renderer sends. The renderer is treated as untrusted: every argument list is checked
// for its exact length and every value for its type and range before a handler sees it.

import { type FindingId, isFindingId } from '../../shared/finding-ids';
import { isIpv4 } from '../../shared/ipv4';
import { checkMute } from '../../shared/mute';
import type { VmRef } from '../../shared/vm';
import { type Checked, checkSettingsPatch, type SettingsPatch } from '../settings/settings';

/** Checks a whole argument list and, when it passes, gives it back typed as the handler takes it. */
export type Guard<Args extends unknown[]> = (args: readonly unknown[]) => Checked<Args>;

export const noArguments: Guard<[]> = (args) =>
  args.length === 0 ? { ok: true, value: [] } : { ok: false, message: 'expected no arguments' };

export const findingIdArgument: Guard<[FindingId]> = (args) => {
  if (args.length !== 1) return { ok: false, message: 'expected one finding id' };
  const [value] = args;
  return isFindingId(value) ? { ok: true, value: [value] } : { ok: false, message: 'not a Bridgelight finding id' };
};

export const addressArgument: Guard<[string]> = (args) => {
  if (args.length !== 1) return { ok: false, message: 'expected one address' };
  const [value] = args;
  return typeof value === 'string' && isIpv4(value)
    ? { ok: true, value: [value] }
    : { ok: false, message: 'not an IPv4 address' };
};

export const settingsPatchArgument: Guard<[SettingsPatch]> = (args) => {
  if (args.length !== 1) return { ok: false, message: 'expected one settings object' };
  const checked = checkSettingsPatch(args[0]);
  return checked.ok ? { ok: true, value: [checked.value] } : checked;
};

/** A finding id and a VM (`PROVIDER/NAME`, or null for every VM): a mute or unmute from the popover. */
export const muteArguments: Guard<[FindingId, VmRef | null]> = (args) => {
  if (args.length !== 2) return { ok: false, message: 'expected a finding id and a VM (or null)' };
  const checked = checkMute(args[0], args[1]);
  return checked.ok ? { ok: true, value: [checked.value.id, checked.value.vm] } : checked;
};
