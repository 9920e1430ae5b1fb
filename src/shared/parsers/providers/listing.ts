// Pieces every VM-listing parser shares: reading fields out of untrusted JSON, addresses written with or
// without a prefix, the tool's state word, and a one-line reason when the text is not a listing.
import { isIpv4 } from '../../ipv4';
import { isRecord as isObject } from '../../names';
import { type ParseResult, parsed, unparseable } from '../../parse-result';
import { type ProviderWording, runStateOf } from '../../providers/wording';
import type { VmListing, VmNetwork } from '../../vm';
import { jsonValuesIn } from '../json-values';

export type JsonObject = Record<string, unknown>;

export { isRecord as isObject } from '../../names';

// A control character in a name or word is never real tool output, and would break the one-line texts built from it.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A field that is a non-empty string without control characters, trimmed; null otherwise. */
export function textField(object: JsonObject, key: string): string | null {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  if (typeof value !== 'string' || CONTROL_CHARACTERS.test(value)) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** `192.168.64.3/24` or `192.168.64.3` → the address; null for anything that is not an IPv4 address. */
export function ipv4Of(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const address = value.trim().replace(/\/\d{1,2}$/, '');
  return isIpv4(address) ? address : null;
}

/** The objects of a JSON value that is an object or an array of them (a stream's values flattened). */
export const objectsOf = (values: unknown[]): JsonObject[] =>
  values.flatMap((value) => (Array.isArray(value) ? value : [value])).filter(isObject);

export interface ListingFields {
  name: string;
  id?: string;
  rawState: string | null;
  ips: string[];
  driver: string | null;
  network: VmNetwork;
  networkEvidence: string[];
}

export function listingOf(wording: ProviderWording, fields: ListingFields): VmListing {
  return {
    provider: wording.id,
    name: fields.name,
    ...(fields.id === undefined ? {} : { id: fields.id }),
    state: runStateOf(wording, fields.rawState),
    rawState: fields.rawState,
    ips: fields.ips,
    driver: fields.driver,
    network: fields.network,
    networkEvidence: fields.networkEvidence,
  };
}

/** The first non-empty line, cut short: what the user sees when the text is not a listing. */
export function firstLineOf(text: string): string {
  const line = text.split(/[\r\n\u2028\u2029]/).find((candidate) => candidate.trim() !== '');
  return line === undefined ? 'empty output' : line.trim().slice(0, 200);
}

/**
 * The listings whose names pass the tool's name rule, and a note for those left out: a name from a listing may
 * reach a command line or the terminal, so one that fails the rule is neither quoted nor kept.
 */
export function keepSafeNames(wording: ProviderWording, listings: VmListing[]): ParseResult<VmListing[]> {
  const kept = listings.filter((listing) => wording.nameRule.test(listing.name));
  const left = listings.length - kept.length;
  if (left === 0) return parsed(kept);
  const what = left === 1 ? `a ${wording.vmNoun} whose name` : `${left} ${wording.vmNoun}s whose names`;
  return parsed(kept, [`${listCommandOf(wording)}: left out ${what} ${left === 1 ? 'is' : 'are'} not a safe name`]);
}

/** The command as the user would type it, for error lines. */
export const listCommandOf = (wording: ProviderWording): string => [wording.tool, ...wording.listArgs].join(' ');

export interface JsonListingShape {
  /** Whether empty stdout means "no VMs" (Lima and Colima print nothing then) rather than a failure. */
  emptyMeansNone: boolean;
  /** The entries of the listing, or null when the JSON is not this tool's listing at all. */
  entries(values: unknown[]): JsonObject[] | null;
  /** One entry as a VM, or null when it does not name one. */
  fields(entry: JsonObject): ListingFields | null;
}

/** A JSON listing read with its tool's shape: never throws, and says in one line why a text is not one. */
export function parseJsonListing(
  text: string,
  wording: ProviderWording,
  shape: JsonListingShape,
): ParseResult<VmListing[]> {
  const command = listCommandOf(wording);
  if (text.trim() === '') return shape.emptyMeansNone ? parsed([]) : unparseable(`${command}: empty output`);
  const values = jsonValuesIn(text);
  if (values.length === 0) return unparseable(`${command}: ${firstLineOf(text)}`);
  const entries = shape.entries(values);
  if (entries === null) return unparseable(`${command}: JSON that is not a VM listing`);
  const listings = entries.flatMap((entry) => {
    const fields = shape.fields(entry);
    return fields === null ? [] : [listingOf(wording, fields)];
  });
  if (entries.length > 0 && listings.length === 0) return unparseable(`${command}: entries without a VM name`);
  return keepSafeNames(wording, listings);
}

/** The entries of a listing printed as one JSON array (apple/container, Tart, Podman). */
export function arrayEntries(values: unknown[]): JsonObject[] | null {
  const [first] = values;
  return Array.isArray(first) ? first.filter(isObject) : null;
}

/** The entries of a listing printed as a stream of JSON objects, one per VM (Lima, Colima). */
export function streamEntries(values: unknown[]): JsonObject[] | null {
  const entries = objectsOf(values);
  return entries.length === 0 ? null : entries;
}
