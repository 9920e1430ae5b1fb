// Redaction for support bundles, by field: what identifies a machine or its owner is found where the tools print
// it, not by one pattern over the whole text, so a host called "dev" or "default" never turns JSON keys or route
// words into placeholders. Hardware addresses (in every spelling: colons, dashes, dots, bare hex in `enx…`
// names, and inside EUI-64 IPv6 interface ids) and the names in DHCP's host and domain fields and in JSON name
// fields become consistent placeholders: the same real value maps to the same placeholder in every file, and
// each keeps its value's shape, so a redacted bundle still parses and replays. IP addresses stay: the diagnosis
// needs them (an EUI-64 address keeps its prefix and gets the interface id of the MAC's placeholder).
import { isRecord } from './names';

const HEX = '[0-9a-fA-F]';
// Not inside a longer colon-separated run, so IPv6 addresses are left to the EUI-64 rule.
const MAC_COLON = new RegExp(`(?<![:.0-9a-fA-F])${HEX}{1,2}(?::${HEX}{1,2}){5}(?![:0-9a-fA-F])`, 'g');
const MAC_DASH = new RegExp(`(?<![-0-9a-fA-F])${HEX}{2}(?:-${HEX}{2}){5}(?![-0-9a-fA-F])`, 'g');
const MAC_DOT = new RegExp(`(?<![.0-9a-fA-F])${HEX}{4}(?:\\.${HEX}{4}){2}(?![.0-9a-fA-F])`, 'g');
/** systemd's predictable name for a USB NIC holds its MAC as bare hex (`enx3c22fb000001`). */
const ENX_NAME = new RegExp(`(?<![0-9A-Za-z])enx(${HEX}{12})(?![0-9A-Za-z])`, 'g');
/** A candidate IPv6 address (validated by `expandIpv6`); a scope (`%en0`) or prefix (`/64`) may follow. */
const IPV6 = /(?<![0-9A-Za-z:.])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![0-9A-Za-z:])/g;
/** `ipconfig getpacket` fields that name the host or its network: `host_name (string): X`, `sname = X`. */
const DHCP_NAME_FIELD = /^(\s*(?:host_name|domain_name|domain_search)\s*\([^)]*\):\s*|\s*sname\s*=\s*)(.*)$/gm;
/** JSON keys whose string values are host or domain names. */
const JSON_NAME_KEY = /^(?:host_?name|computer_?name|local_?host_?name|domain_?name|domain_?search|search|sname)$/i;

function expandIpv6(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    // IPV6 lets through only groups of at most four hex digits: an empty one (from `:::`) is the one to refuse.
    return groups.every((group) => group !== '') ? groups.map((group) => Number.parseInt(group, 16)) : null;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : null;
}

/** RFC 5952 text: lower case, the longest run of two or more zero groups written `::`. */
function compressIpv6(groups: number[]): string {
  let best = { start: -1, length: 1 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (groups[start + length] === 0) length++;
    if (length > best.length) best = { start, length };
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** The MAC an EUI-64 interface id (`…:xxff:fexx:…`) was built from, as 12 hex digits; null for any other id. */
function macOfEui64(groups: number[]): string | null {
  const [g4, g5, g6, g7] = groups.slice(4) as [number, number, number, number];
  if ((g5 & 0xff) !== 0xff || g6 >> 8 !== 0xfe) return null;
  const bytes = [(g4 >> 8) ^ 0x02, g4 & 0xff, g5 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function eui64Of(mac: string): number[] {
  const b = mac.match(/../g)!.map((pair) => Number.parseInt(pair, 16));
  return [((b[0]! ^ 0x02) << 8) | b[1]!, (b[2]! << 8) | 0xff, 0xfe00 | b[3]!, (b[4]! << 8) | b[5]!];
}

export interface Redactor {
  /** One bundle file's text, redacted by what its fields hold (`file` says how to read it). */
  redact(text: string, file?: string): string;
  /** A value of Bridgelight's own (the diagnosis): every string redacted as text, keys and structure kept. */
  redactValue<T>(value: T): T;
}

/** `hostNames`: the machine's own names; they take the first placeholders, wherever a name field shows them. */
export function createRedactor(hostNames: string[] = []): Redactor {
  const macs = new Map<string, string>();
  const names = new Map<string, string>();
  for (const name of hostNames) if (name.trim().length >= 2) nameFor(name.trim());

  function nameFor(name: string): string {
    const key = name.toLowerCase();
    let placeholder = names.get(key);
    if (!placeholder) {
      placeholder = `redacted-host-${names.size + 1}`;
      names.set(key, placeholder);
    }
    return placeholder;
  }

  /** 12 hex digits → the placeholder's 12 hex digits; 02:… is locally administered: valid, and no vendor's. */
  function macDigits(digits: string): string {
    const key = digits.toLowerCase();
    let placeholder = macs.get(key);
    if (!placeholder) {
      const n = macs.size + 1;
      placeholder = `02000000${(Math.floor(n / 256) % 256).toString(16).padStart(2, '0')}${(n % 256).toString(16).padStart(2, '0')}`;
      macs.set(key, placeholder);
    }
    return placeholder;
  }

  /** A MAC as written → its placeholder, written alike. */
  const macIn =
    (separator: string, group: RegExp) =>
    (mac: string): string => {
      const digits = mac
        .split(separator)
        .map((part) => part.padStart(2, '0'))
        .join('');
      // All-zero ids (a bridge's) and the broadcast address are no one's hardware: they stay.
      return /^(?:0+|f+)$/i.test(digits) ? mac : macDigits(digits).match(group)!.join(separator);
    };

  function redactText(text: string): string {
    return text
      .replace(MAC_COLON, macIn(':', /../g))
      .replace(MAC_DASH, macIn('-', /../g))
      .replace(MAC_DOT, macIn('.', /.{4}/g))
      .replace(ENX_NAME, (_name, digits: string) => `enx${macDigits(digits)}`)
      .replace(IPV6, (candidate) => {
        const groups = expandIpv6(candidate);
        const mac = groups && macOfEui64(groups);
        return groups && mac ? compressIpv6([...groups.slice(0, 4), ...eui64Of(macDigits(mac))]) : candidate;
      });
  }

  /** A name field's value: each name in it (a `{a, b}` list too) replaced, the punctuation kept. */
  const redactNames = (value: string): string => value.replace(/[^\s{},;]+/g, (name) => nameFor(name));

  function redactJson(value: unknown, key: string | null): unknown {
    if (typeof value === 'string')
      return key !== null && JSON_NAME_KEY.test(key) ? redactNames(value) : redactText(value);
    if (Array.isArray(value)) return value.map((item) => redactJson(item, key));
    if (isRecord(value))
      return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactJson(item, name)]));
    return value;
  }

  return {
    redact(text: string, file = ''): string {
      if (file.endsWith('.json')) {
        try {
          return `${JSON.stringify(redactJson(JSON.parse(text), null))}\n`;
        } catch {
          // Not one JSON value (a stream, or broken): its name fields can't be told apart, its addresses can.
        }
      }
      const named = file.startsWith('ipconfig-getpacket-')
        ? text.replace(DHCP_NAME_FIELD, (_line, field: string, value: string) => `${field}${redactNames(value)}`)
        : text;
      return redactText(named);
    },
    redactValue: <T>(value: T): T => redactJson(value, null) as T,
  };
}
