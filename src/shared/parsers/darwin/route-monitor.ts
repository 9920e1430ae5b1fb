// `route -n monitor` on macOS: a stream of routing-socket messages, each
//   got message of size 200 on Fri Apr  5 19:21:22 2024
//   RTM_DELETE: Delete Route: len 200, pid: 4334, seq 0, errno 0, flags:<GATEWAY,DONE,...>
//   locks:  inits:
//   sockaddrs: <DST,GATEWAY,NETMASK,IFP,IFA>
//    :: fd54:20a4:d33b:b10c:: default ipsec0 fe80::aede:48ff:fe00:1122%ipsec0
// separated by blank lines. watch only needs to know what kind of thing changed and on which interface.
import { dottedMaskToPrefix, isIpv4 } from '../../ipv4';
import type { MonitorEvent } from '../../monitor-event';

const GOT_MESSAGE = /^\s*got message\b/;
const RTM_LINE = /^\s*(RTM_[A-Z0-9_]+)\b/;
const SOCKADDRS = /^\s*sockaddrs:\s*<([^>]*)>/;
/** A BSD interface name: letters then a unit number (en0, utun3, ipsec0, bridge100, vmenet0). */
const INTERFACE_NAME = /^[A-Za-z]+[0-9]+$/;
/** Netmasks of odd families print as hex words (`ffff ff00`), which would otherwise pass for names. */
const HEX_WORD = /^[0-9A-Fa-f]+$/;

type Classification = Pick<MonitorEvent, 'kind' | 'action'>;

const MESSAGE_TYPES: Record<string, Classification> = {
  RTM_NEWADDR: { kind: 'address', action: 'add' },
  RTM_DELADDR: { kind: 'address', action: 'delete' },
  RTM_ADD: { kind: 'route', action: 'add' },
  RTM_DELETE: { kind: 'route', action: 'delete' },
  RTM_CHANGE: { kind: 'route', action: 'change' },
  RTM_IFINFO: { kind: 'link', action: 'change' },
  RTM_IFINFO2: { kind: 'link', action: 'change' },
  RTM_NEWMADDR: { kind: 'other', action: 'add' },
  RTM_NEWMADDR2: { kind: 'other', action: 'add' },
  RTM_DELMADDR: { kind: 'other', action: 'delete' },
};

const isBlank = (line: string): boolean => line.trim() === '';

function toLines(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/\r$/, ''));
}

/**
 * Groups lines into messages. A message starts at `got message` or, when that header is missing (pasted
 * excerpts), at a second `RTM_` line; a blank line ends it. Each decision looks only at the current line and
 * the message being built, so a streaming reader that restarts at a message boundary groups identically.
 */
function groupMessages(lines: string[]): string[][] {
  const messages: string[][] = [];
  let current: string[] | null = null;
  let currentHasType = false;
  for (const line of lines) {
    if (isBlank(line)) {
      current = null;
      continue;
    }
    const isType = RTM_LINE.test(line);
    if (current === null || GOT_MESSAGE.test(line) || (isType && currentHasType)) {
      current = [];
      currentHasType = false;
      messages.push(current);
    }
    current.push(line);
    currentHasType ||= isType;
  }
  return messages;
}

/** `en0`, or the `en0` of a link-layer sockaddr `en0:a4.83.e7.2d.63.8e`. */
function interfaceNameOf(token: string): string | null {
  const name = token.split(':')[0]!;
  return INTERFACE_NAME.test(name) && !HEX_WORD.test(name) ? name : null;
}

/** A scoped IPv6 address (`fe80::1%ipsec0`) still says which interface the message is about. */
function scopeOf(token: string): string | null {
  const scope = token.match(/%([A-Za-z0-9]+)$/)?.[1];
  return scope !== undefined && INTERFACE_NAME.test(scope) ? scope : null;
}

function findInterface(values: string[]): string | null {
  for (const token of values) {
    const name = interfaceNameOf(token);
    if (name) return name;
  }
  for (const token of values) {
    const scope = scopeOf(token);
    if (scope) return scope;
  }
  return null;
}

const looksLikeNetmask = (token: string): boolean => (dottedMaskToPrefix(token) ?? 0) > 0;

/**
 * The interface address (IFA) of an address message. When every sockaddr printed as one word the roles line
 * up with the values; otherwise take the first IPv4 that is not a netmask (NETMASK precedes IFA, BRD follows).
 */
function findAddress(roles: string[], values: string[]): string | undefined {
  if (roles.length === values.length) {
    const ifa = values[roles.indexOf('IFA')];
    if (ifa !== undefined && isIpv4(ifa)) return ifa;
  }
  return values.find((token) => isIpv4(token) && !looksLikeNetmask(token));
}

/** The sockaddr roles (`<DST,GATEWAY,IFP>`) and the words printed for them on the following line(s). */
function readSockaddrs(lines: string[], after: number): { roles: string[]; values: string[] } {
  const index = lines.findIndex((line, i) => i > after && SOCKADDRS.test(line));
  if (index < 0) return { roles: [], values: [] };
  const roles = lines[index]!.match(SOCKADDRS)![1]!.split(',').filter(Boolean);
  const values = lines
    .slice(index + 1)
    .flatMap((line) => line.trim().split(/\s+/))
    .filter(Boolean);
  return { roles, values };
}

function parseMessage(lines: string[]): MonitorEvent | null {
  const typeIndex = lines.findIndex((line) => RTM_LINE.test(line));
  if (typeIndex < 0) return null;
  const type = lines[typeIndex]!.match(RTM_LINE)![1]!;
  const { kind, action } = MESSAGE_TYPES[type] ?? { kind: 'other', action: 'unknown' };
  const { roles, values } = readSockaddrs(lines, typeIndex);
  const event: MonitorEvent = { kind, action, interface: findInterface(values) };
  const address = kind === 'address' ? findAddress(roles, values) : undefined;
  if (address !== undefined) event.address = address;
  return event;
}

export function parseRouteMonitor(text: string): MonitorEvent[] {
  return groupMessages(toLines(text))
    .map(parseMessage)
    .filter((event): event is MonitorEvent => event !== null);
}

/**
 * For a streaming reader: the messages known to be complete (a `got message` line, a second RTM_ line or a
 * blank line follows them) and the text to keep and prepend to the next chunk. Only lines ended by `\n` are
 * judged, so a chunk cut mid-line (or between `\r` and `\n`) is never mistaken for a boundary.
 */
export function splitRouteMonitorMessages(text: string): { complete: string[]; rest: string } {
  const lastNewline = text.lastIndexOf('\n');
  const partialLine = text.slice(lastNewline + 1);
  const lines = lastNewline < 0 ? [] : toLines(text.slice(0, lastNewline));
  const endsWithBlank = lines.length > 0 && isBlank(lines[lines.length - 1]!);
  const messages = groupMessages(lines).map((message) => message.join('\n'));
  const pending = endsWithBlank ? undefined : messages.pop();
  return {
    complete: messages,
    rest: pending === undefined ? partialLine : `${pending}\n${partialLine}`,
  };
}
