// `route -n get default` (or `route get 1`) on macOS: the route the kernel would actually use.
import { isIpv4 } from '../../ipv4';
import type { RouteLookup } from '../../model';
import { type ParseResult, parsed, unparseable } from '../../parse-result';

const FIELD = /^\s*([a-z][a-z ]*?):(.*)$/;
const FLAG_NAME = /^[A-Za-z0-9_]+$/;
const INTERFACE_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const MAX_ERROR_LENGTH = 200;

function toLines(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/\r$/, ''));
}

/** `key: value` lines; the first occurrence of a key wins. */
function readFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of toLines(text)) {
    const match = line.match(FIELD);
    if (match && !fields.has(match[1]!)) fields.set(match[1]!, match[2]!.trim());
  }
  return fields;
}

function firstWord(value: string | undefined): string | null {
  const word = value?.split(/\s+/)[0];
  return word === undefined || word === '' ? null : word;
}

function parseFlags(value: string | undefined): string[] {
  const list = value?.match(/<([^<>]*)>/)?.[1];
  if (list === undefined) return [];
  return list.split(/[\s,]+/).filter((flag) => FLAG_NAME.test(flag));
}

/** route prints its errors (`route: writing to routing socket: not in table`) on the line we got instead. */
function describeFailure(text: string): string {
  const first = toLines(text).find((line) => line.trim() !== '');
  const oneLine = first
    ?.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .trim()
    .slice(0, MAX_ERROR_LENGTH);
  if (oneLine === undefined || oneLine === '') return 'empty output';
  return oneLine.startsWith('route:') ? oneLine : `no route destination in output: ${oneLine}`;
}

export function parseRouteGet(text: string): ParseResult<RouteLookup> {
  const fields = readFields(text);
  const destination = firstWord(fields.get('destination'));
  if (destination === null) return unparseable(describeFailure(text));
  const gateway = firstWord(fields.get('gateway'));
  const iface = firstWord(fields.get('interface'));
  return parsed({
    destination,
    // Only an address is a next hop; with -n anything else (a link, a name) means on-link.
    gateway: gateway !== null && isIpv4(gateway) ? gateway : null,
    interface: iface !== null && INTERFACE_NAME.test(iface) ? iface : null,
    flags: parseFlags(fields.get('flags')),
  });
}
