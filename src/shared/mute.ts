// Muting: the user has seen a finding and accepts it, for one VM or for every VM. A muted finding stays in the
// diagnosis, marked `muted: true` and shown greyed with an unmute control; it never colours the light the user
// sees (tray, popover header, `check`'s exit status) and never notifies. Everything not muted fails closed as
// before: a mute can only take back the colour a muted finding put on a hop, never turn a hop nobody could see
// into a green one. Persisted in the settings (`mutedFindings`), read by the app and the CLI alike.
import { RULES } from './diagnosis/rules';
import { FINDING_IDS, type FindingId, isFindingId } from './finding-ids';
import type { Diagnosis, Finding, Hop, HopId, Light, Severity } from './model';
import { causeOf, verdictReason } from './presentation';
import { PROVIDER_IDS, type VmRef } from './vm';

/** One mute: a finding id, for one VM (`PROVIDER/NAME`) or, with `vm: null`, for every VM and the host. */
export interface Mute {
  id: FindingId;
  vm: VmRef | null;
}

export type MuteList = readonly Mute[];

/** Ids × VMs a person would mute stay well below this; the cap keeps a hostile settings file cheap to check. */
export const MAX_MUTES = 128;
const MAX_VM_NAME = 128;

export type MuteCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** `PROVIDER/NAME`: a known provider, then the VM's name as its tool prints it (UTM's may hold spaces). */
export function vmRefProblem(text: string): string | null {
  const slash = text.indexOf('/');
  const provider = slash < 0 ? text : text.slice(0, slash);
  const name = slash < 0 ? '' : text.slice(slash + 1);
  if (!(PROVIDER_IDS as readonly string[]).includes(provider))
    return `${JSON.stringify(text.slice(0, 40))} is not PROVIDER/NAME (PROVIDER one of ${PROVIDER_IDS.join(', ')})`;
  if (name.length === 0 || name.length > MAX_VM_NAME || /[\u0000-\u001f\u007f]/.test(name) || name.trim() !== name)
    return `${JSON.stringify(text.slice(0, 40))}: the VM name must be 1-${MAX_VM_NAME} printable characters`;
  return null;
}

function idProblem(value: unknown): string | null {
  if (isFindingId(value)) return null;
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : 'a finding id';
  return `${shown} is not a finding id (one of: ${FINDING_IDS.join(', ')})`;
}

/** One mute as given by a person or a caller: the id checked against the finding ids, the VM as `PROVIDER/NAME`. */
export function checkMute(id: unknown, vm: unknown): MuteCheck<Mute> {
  const badId = idProblem(id);
  if (badId) return { ok: false, message: badId };
  if (vm !== null && typeof vm !== 'string') return { ok: false, message: 'the VM must be PROVIDER/NAME or null' };
  const badVm = vm === null ? null : vmRefProblem(vm);
  if (badVm) return { ok: false, message: badVm };
  return { ok: true, value: { id: id as FindingId, vm } };
}

const sameMute = (a: Mute, b: Mute): boolean => a.id === b.id && a.vm === b.vm;

/** A stored list (settings file, IPC): each entry `{ id, vm }` and valid, none twice, at most MAX_MUTES. */
export function checkMuteList(value: unknown, field = 'mutedFindings'): MuteCheck<Mute[]> {
  if (!Array.isArray(value)) return { ok: false, message: `${field} must be a list` };
  if (value.length > MAX_MUTES) return { ok: false, message: `${field} holds at most ${MAX_MUTES} entries` };
  const list: Mute[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return { ok: false, message: `${field} must hold { id, vm } entries` };
    const keys = Object.keys(entry);
    if (keys.length !== 2 || !('id' in entry) || !('vm' in entry))
      return { ok: false, message: `${field} entries have exactly the keys id and vm` };
    const checked = checkMute(entry.id, entry.vm);
    if (!checked.ok) return { ok: false, message: `${field}: ${checked.message}` };
    if (list.some((mute) => sameMute(mute, checked.value)))
      return { ok: false, message: `${field}: ${describeMute(checked.value)} is listed twice` };
    list.push(checked.value);
  }
  return { ok: true, value: list };
}

export function describeMute(mute: Mute): string {
  return mute.vm === null ? `${mute.id} (every VM)` : `${mute.id} for ${mute.vm}`;
}

/** The list with `mute` added; unchanged (the same array) when it is already there. */
export function withMute(list: MuteList, mute: Mute): MuteList {
  return list.some((m) => sameMute(m, mute)) ? list : [...list, mute];
}

/** The list without `mute`; unchanged (the same array) when it was not there. */
export function withoutMute(list: MuteList, mute: Mute): MuteList {
  return list.some((m) => sameMute(m, mute)) ? list.filter((m) => !sameMute(m, mute)) : list;
}

/**
 * A mute for every VM matches the id anywhere; a mute for one VM matches only the findings tagged with that VM
 * (`Finding.vm`): a host-wide finding carries no VM, so only a mute for every VM silences it.
 */
export function isMutedBy(list: MuteList, finding: Pick<Finding, 'id' | 'vm'>): boolean {
  return list.some((mute) => mute.id === finding.id && (mute.vm === null || mute.vm === finding.vm));
}

/** The diagnosis with `muted: true` on exactly the findings a mute matches (a stale mark from before is dropped). */
export function applyMutes(diagnosis: Diagnosis, list: MuteList): Diagnosis {
  return {
    ...diagnosis,
    findings: diagnosis.findings.map((finding) => {
      const { muted: _was, ...rest } = finding;
      return isMutedBy(list, finding) ? { ...rest, muted: true } : rest;
    }),
  };
}

/**
 * The hops each finding's condition colours, as its rule declares them (`Rule.colours`). Only these can lose their
 * colour to a mute; an id missing here takes none back (fails closed) and still colours the light by its severity.
 */
export const FINDING_HOPS: Partial<Record<FindingId, readonly HopId[]>> = Object.fromEntries(
  RULES.map((rule) => [rule.id, rule.colours]),
);

const SEVERITY_COLOUR: Record<Severity, Light> = { error: 'red', warning: 'yellow', info: 'green' };
/** Worse is higher: red, then yellow, then unknown (the verdict's own order, src/shared/diagnosis/hops.ts). */
const WORSE: Record<Light, number> = { green: 0, unknown: 1, yellow: 2, red: 3 };
const worse = (a: Light, b: Light): Light => (WORSE[b] > WORSE[a] ? b : a);

/** Muted, or shown as the consequence of a muted finding: part of a problem the user has accepted. */
function silenced(findings: readonly Finding[], finding: Finding): boolean {
  return finding.muted === true || causeOf(findings, finding)?.muted === true;
}

const colours = (finding: Finding, hop: HopId): boolean => FINDING_HOPS[finding.id]?.includes(hop) ?? false;

/** The worst colour the findings' severities put on `hop` (green when none of them colours it). */
function colourOn(findings: readonly Finding[], hop: HopId): Light {
  return findings
    .filter((finding) => colours(finding, hop))
    .reduce<Light>((light, finding) => worse(light, SEVERITY_COLOUR[finding.severity]), 'green');
}

/**
 * A yellow or red hop whose colour the silenced findings account for (one of them colours it, with a severity at
 * least its light) keeps only what the findings still heard put on it. Any other hop keeps its light.
 */
function countedLight(hop: Hop, quiet: readonly Finding[], heard: readonly Finding[]): Light {
  if (hop.light !== 'red' && hop.light !== 'yellow') return hop.light;
  if (WORSE[colourOn(quiet, hop.id)] < WORSE[hop.light]) return hop.light;
  const left = colourOn(heard, hop.id);
  return WORSE[left] < WORSE[hop.light] ? left : hop.light;
}

/** verdictOf()'s rule over the hops left counting: green only when every hop on the path is known and green. */
function lightOfHops(hops: readonly Hop[]): Light {
  const onPath = hops.filter((hop) => hop.onPath);
  const top = onPath.reduce<Light>((light, hop) => worse(light, hop.light), 'green');
  if (top === 'red' || top === 'yellow') return top;
  return onPath.length > 0 && onPath.every((hop) => hop.light === 'green') ? 'green' : 'unknown';
}

interface View {
  light: Light;
  /** The hops with the lights that count: a hop whose colour only muted findings gave reads as what is left. */
  hops: readonly Hop[];
  /** The hops as the diagnosis gave them, index for index. */
  original: readonly Hop[];
}

function oneView(verdict: Light, hops: readonly Hop[], findings: readonly Finding[]): View {
  const quiet = findings.filter((finding) => silenced(findings, finding));
  if (quiet.length === 0 || (verdict !== 'red' && verdict !== 'yellow'))
    return { light: verdict, hops, original: hops };
  const heard = findings.filter((finding) => !quiet.includes(finding));
  const counted = hops.map((hop) => ({ ...hop, light: countedLight(hop, quiet, heard) }));
  let light = lightOfHops(counted);
  // A finding that colours no known hop still speaks through its severity (ids added after FINDING_HOPS).
  for (const finding of heard)
    if (FINDING_HOPS[finding.id] === undefined) light = worse(light, SEVERITY_COLOUR[finding.severity]);
  if (light === 'green' && findings.some((finding) => finding.id === 'input-unparseable')) light = 'unknown';
  // A mute only ever takes colour away.
  return WORSE[light] > WORSE[verdict]
    ? { light: verdict, hops, original: hops }
    : { light, hops: counted, original: hops };
}

/** One view per VM (its hops, its findings and the host-wide ones), or the top-level one without VMs. */
function views(diagnosis: Diagnosis): View[] {
  const vms = diagnosis.vms ?? [];
  if (vms.length === 0) return [oneView(diagnosis.verdict, diagnosis.hops, diagnosis.findings)];
  return vms.map((vm) =>
    oneView(
      vm.verdict,
      vm.hops,
      diagnosis.findings.filter((finding) => finding.vm === undefined || finding.vm === vm.ref),
    ),
  );
}

/**
 * The light the user sees: the verdict with the muted findings' contribution left out. Without a muted finding
 * it is the verdict itself. With several VMs, each VM's hops are weighed with its own findings and the
 * host-wide ones, and the worst VM's light is the answer, as the verdict is the worst VM's.
 */
export function shownLight(diagnosis: Diagnosis): Light {
  if (!diagnosis.findings.some((finding) => finding.muted)) return diagnosis.verdict;
  return views(diagnosis).reduce<Light>((light, view) => worse(light, view.light), 'green');
}

/** verdictReason() for the light shown: the worst hop still counting, or what is unknown. */
export function shownReason(diagnosis: Diagnosis): string | null {
  const light = shownLight(diagnosis);
  if (light === diagnosis.verdict) return verdictReason(diagnosis);
  const view = views(diagnosis).find((each) => each.light === light);
  if (!view || light === 'green') return null;
  if (light === 'unknown') return verdictReason({ ...diagnosis, verdict: light, hops: [...view.hops] });
  // A hop whose light a mute lowered still reads as the muted problem: only a hop as the evidence left it explains.
  const own = view.hops.find(
    (hop, index) => hop.onPath && hop.light === light && view.original[index]?.light === light,
  );
  return own?.summary ?? null;
}

export const mutedCount = (diagnosis: Diagnosis): number => diagnosis.findings.filter((f) => f.muted).length;
