// `ifconfig -a` / `ifconfig IF` on macOS. The order of `inet` lines is kept exactly: the first one is the
// address vmnet's pf NAT rule `(en0:0)` translates to, which is the whole point of this tool.
import { dottedMaskToPrefix, hexMaskToPrefix, isIpv4, MAX_IPV4_PER_INTERFACE, tooManyAddresses } from '../../ipv4';
import type { Ipv4Address, NetInterface } from '../../model';
import { type ParseResult, parsed, unparseable } from '../../parse-result';

// Leading whitespace is tolerated: only an interface header carries `name: flags=`, so nested bridge lines
// (`Configuration:`, `Address cache:`, `member: x flags=`) can never match.
const HEADER = /^\s*([A-Za-z][A-Za-z0-9_.-]*):\s+flags=[0-9A-Fa-f]+(?:<([^>]*)>)?/;
const MAC = /^[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}$/;
const FLAG_NAME = /^[A-Za-z0-9_]+$/;
const INTERFACE_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

interface InterfaceDraft {
  name: string;
  flags: string[];
  mac?: string;
  ipv4: Ipv4Address[];
  hasPeer: boolean;
  members: string[];
}

/** Lines as the command printed them; a lone `\r` is not a line break on macOS, a trailing one is a CRLF copy. */
function toLines(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/\r$/, ''));
}

function parseHeader(line: string): InterfaceDraft | null {
  const match = line.match(HEADER);
  if (!match) return null;
  const flags = (match[2] ?? '').split(/[\s,]+/).filter((flag) => FLAG_NAME.test(flag));
  return { name: match[1]!, flags, ipv4: [], hasPeer: false, members: [] };
}

/** The word after `key` in the token list, if any. */
function valueAfter(tokens: string[], key: string): string | undefined {
  const index = tokens.indexOf(key);
  return index >= 0 ? tokens[index + 1] : undefined;
}

function maskToPrefix(mask: string | undefined): number | null {
  if (mask === undefined) return null;
  return mask.startsWith('0x') ? hexMaskToPrefix(mask) : dottedMaskToPrefix(mask);
}

/** `inet A [--> B] netmask 0xffffff00 [broadcast C]`; null when the address or mask can't be trusted. */
function parseInet(tokens: string[]): Ipv4Address | null {
  const address = tokens[1];
  if (address === undefined || !isIpv4(address)) return null;
  const prefixLength = maskToPrefix(valueAfter(tokens, 'netmask'));
  if (prefixLength === null) return null;
  const entry: Ipv4Address = { address, prefixLength };
  const peer = valueAfter(tokens, '-->');
  if (peer !== undefined && isIpv4(peer)) entry.peer = peer;
  const broadcast = valueAfter(tokens, 'broadcast');
  if (broadcast !== undefined && isIpv4(broadcast)) entry.broadcast = broadcast;
  return entry;
}

function applyProperty(draft: InterfaceDraft, line: string): void {
  const tokens = line.trim().split(/\s+/);
  const [keyword, value] = tokens;
  if (keyword === 'inet') {
    const inet = parseInet(tokens);
    if (inet) draft.ipv4.push(inet);
    // A `-->` marks the link point-to-point even when its addresses were obfuscated.
    if (tokens.includes('-->')) draft.hasPeer = true;
  } else if (keyword === 'ether' && value !== undefined && draft.mac === undefined && MAC.test(value)) {
    draft.mac = value;
  } else if (keyword === 'member:' && value !== undefined && INTERFACE_NAME.test(value)) {
    draft.members.push(value);
  }
}

function finish(draft: InterfaceDraft): NetInterface {
  const result: NetInterface = {
    name: draft.name,
    flags: draft.flags,
    up: draft.flags.includes('UP'),
    running: draft.flags.includes('RUNNING'),
    pointToPoint: draft.flags.includes('POINTOPOINT') || draft.hasPeer,
    ipv4: draft.ipv4,
    members: draft.members,
  };
  if (draft.mac !== undefined) result.mac = draft.mac;
  return result;
}

/** ifconfig indents every property line; an unindented line that is not a header starts an unknown block. */
function isUnattachable(line: string): boolean {
  return line.trim() !== '' && !/^\s/.test(line);
}

export function parseIfconfig(text: string): ParseResult<NetInterface[]> {
  if (text.trim() === '') return unparseable('empty output (ifconfig always lists lo0)');
  const drafts: InterfaceDraft[] = [];
  const lines = toLines(text);
  for (const [index, line] of lines.entries()) {
    const header = parseHeader(line);
    if (header) drafts.push(header);
    // Attaching what follows to the previous interface would move addresses between interfaces: refuse.
    else if (drafts.length > 0 && isUnattachable(line))
      return unparseable(
        `line ${index + 1} is neither an interface header nor indented (${JSON.stringify(line.slice(0, 40))}), so the lines after it belong to no known interface`,
      );
    else if (drafts.length > 0 && line.trim() !== '') {
      const draft = drafts[drafts.length - 1]!;
      applyProperty(draft, line);
      if (draft.ipv4.length > MAX_IPV4_PER_INTERFACE) return unparseable(tooManyAddresses(draft.name));
    }
  }
  if (drafts.length === 0) return unparseable('no interface header (`name: flags=…<…> mtu …`) found');
  return parsed(drafts.map(finish));
}
