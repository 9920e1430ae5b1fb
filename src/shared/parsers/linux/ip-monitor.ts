// One line of `ip -o monitor address route` (also with `-t`/`-ts` timestamps, `label` prefixes and link events).
// watch only needs "something changed, of this kind, on this interface", so unknown lines still count as events.
import { isIpv4 } from '../../ipv4';
import type { MonitorEvent } from '../../monitor-event';
import { parseIpRouteLine } from '../ip-route-text';

/** `-ts` puts `[2026-11-26T03:22:33.543608]` before each event. */
const SHORT_TIMESTAMP = /^\[\d{4}-\d{2}-\d{2}T[^\]]*\]\s*/;
/** `label` prefixes (`[ADDR]`, `[ROUTE]`, `[LINK]`, `[NEIGH]`…) and `all-nsid`'s `[nsid 3]`. */
const BRACKET_PREFIX = /^\[([A-Za-z0-9_ -]+)\]\s*/;
/** `6: en0    inet 198.51.100.42/24 …` and `… inet 192.0.2.10 peer 192.0.2.11/32 …`. */
const ADDRESS_LINE = /^\d+:\s+([^\s:]+)\s+(inet6?)\s+([^\s/]+)/;
/** `7: tun0: <NO-CARRIER,POINTOPOINT,…> mtu 1500 …`; a veth prints `gw0@en0:`. */
const LINK_LINE = /^\d+:\s+([^\s:@]+)(?:@[^\s:]*)?:\s+</;
/** Neighbour events look like routes (`A dev D …`) but carry `lladdr` or end in a NUD state. */
const NEIGHBOUR_LINE = /\slladdr\s|\s(REACHABLE|STALE|DELAY|PROBE|FAILED|INCOMPLETE|PERMANENT|NOARP|NONE)\s*$/;
const DEV = /(?:^|\s)dev\s+(\S+)/;

const LABEL_KINDS = new Map<string, MonitorEvent['kind']>([
  ['ADDR', 'address'],
  ['ROUTE', 'route'],
  ['LINK', 'link'],
]);

type Kind = MonitorEvent['kind'];
type Action = MonitorEvent['action'];

function stripPrefixes(line: string): { label: string | null; body: string } {
  let body = line.replace(SHORT_TIMESTAMP, '');
  let label: string | null = null;
  for (let match = body.match(BRACKET_PREFIX); match !== null; match = body.match(BRACKET_PREFIX)) {
    if (!match[1]!.startsWith('nsid')) label = match[1]!;
    body = body.slice(match[0].length);
  }
  return { label, body };
}

function addressEvent(body: string, action: Action): MonitorEvent | null {
  const match = body.match(ADDRESS_LINE);
  if (match === null) return null;
  const event: MonitorEvent = { kind: 'address', action, interface: match[1]! };
  if (match[2] === 'inet' && isIpv4(match[3]!)) event.address = match[3]!;
  return event;
}

function linkEvent(body: string, deleted: boolean): MonitorEvent | null {
  const match = body.match(LINK_LINE);
  // A link line without "Deleted" is a new link or a state change; the stream does not say which.
  return match === null ? null : { kind: 'link', action: deleted ? 'delete' : 'change', interface: match[1]! };
}

function routeEvent(body: string, action: Action): MonitorEvent | null {
  if (NEIGHBOUR_LINE.test(body)) return null;
  const route = parseIpRouteLine(body);
  return route === null ? null : { kind: 'route', action, interface: route.interface };
}

/** A line this parser cannot take apart still says that something changed, which is all watch acts on. */
function fallbackEvent(kind: Kind, body: string, deleted: boolean): MonitorEvent {
  const action: Action = deleted ? 'delete' : kind === 'other' ? 'unknown' : kind === 'link' ? 'change' : 'add';
  return { kind, action, interface: body.match(DEV)?.[1] ?? null };
}

export function parseIpMonitorLine(line: string): MonitorEvent | null {
  const trimmed = line.trim();
  // `-t` prints the time on a line of its own before each event: it is not an event.
  if (trimmed === '' || trimmed.startsWith('Timestamp:')) return null;
  const { label, body: labelled } = stripPrefixes(trimmed);
  const deleted = /^Deleted\s/.test(labelled);
  const body = deleted ? labelled.replace(/^Deleted\s+/, '') : labelled;
  const action: Action = deleted ? 'delete' : 'add';
  const hinted: Kind | null = label === null ? null : (LABEL_KINDS.get(label) ?? 'other');
  if (hinted === 'other') return fallbackEvent('other', body, deleted);
  const event =
    (hinted === null || hinted === 'address' ? addressEvent(body, action) : null) ??
    (hinted === null || hinted === 'link' ? linkEvent(body, deleted) : null) ??
    (hinted === null || hinted === 'route' ? routeEvent(body, action) : null);
  return event ?? fallbackEvent(hinted ?? 'other', body, deleted);
}
