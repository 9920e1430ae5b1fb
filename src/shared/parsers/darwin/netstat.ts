// `netstat -rn` (also -nr, -rnl, -rnll, -f inet) on macOS, IPv4 section only, in every layout macOS has printed
// from 10.11 to 26 (network_cmds netstat.tproj/route.c `pr_rthdr`):
//   10.11–10.14  Destination Gateway Flags Refs Use Netif Expire          (-l adds Mtu before Netif)
//   10.15–26     Destination Gateway Flags Netif Expire                   (-l: RT_IFA after Gateway, Refs Use Mtu
//                                                                          before Netif; -ll/-lll add rtt… after)
//
// Columns are found by their header names, and a row's values by what each column can hold, not by character
// offset or plain word position: netstat right-aligns Netif and lets long values overflow into the neighbour,
// and it leaves some cells empty (RT_IFA when the route has no source address, Mtu when it is 0, Expire
// mostly). Destination, Gateway and Flags are always filled; RT_IFA is an address, never flag letters; Refs,
// Use and Mtu are numbers; Netif is the first word after Flags that is not a number.
import { ipv4ToNumber, isIpv4, prefixToMaskNumber } from '../../ipv4';
import type { Route } from '../../model';
import { type ParseResult, parsed, unparseable } from '../../parse-result';

const FLAGS = /^[A-Za-z1-3]+$/;
const INTERFACE_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const ABBREVIATED_DESTINATION = /^([0-9]{1,3}(?:\.[0-9]{1,3}){0,3})(?:\/([0-9]{1,2}))?$/;

interface Columns {
  /** The header has an RT_IFA column between Gateway and Flags (-l on 10.15 and later). */
  rtIfa: boolean;
  /** How many numeric columns (Refs, Use, Mtu) sit between Flags and Netif. */
  numbersBeforeNetif: number;
  /** How many columns follow Netif (Expire, and rtt… with -ll). */
  afterNetif: number;
}

function toLines(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/\r$/, ''));
}

function words(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

function parseColumnHeader(tokens: string[]): Columns | null {
  if (tokens[0] !== 'Destination' || tokens[1] !== 'Gateway') return null;
  const rtIfa = tokens[2] === 'RT_IFA';
  const flags = rtIfa ? 3 : 2;
  if (tokens[flags] !== 'Flags') return null;
  const netif = tokens.indexOf('Netif');
  if (netif <= flags) return null;
  return { rtIfa, numbersBeforeNetif: netif - flags - 1, afterNetif: tokens.length - netif - 1 };
}

/** The class A/B/C mask netstat assumes when it prints no `/bits` (BSD `forgemask()`). */
function classfulPrefix(firstOctet: number): number {
  if (firstOctet < 128) return 8;
  if (firstOctet < 192) return 16;
  return 24;
}

function hasHostBits(address: string, prefix: number): boolean {
  const value = ipv4ToNumber(address) ?? 0;
  return (value & prefixToMaskNumber(prefix)) >>> 0 !== value;
}

/**
 * netstat drops trailing zero octets and prints `/bits` only when the mask differs from the classful one, so
 * `192.168.64` is 192.168.64.0/24 and `10.37.129/24` is explicit. A destination printed without a mask whose
 * classful reading would leave host bits set can only be a host route (host routes carry no mask).
 * Returns null for anything that is not an IPv4 destination.
 */
function normaliseDestination(text: string, flags: string[]): string | null {
  if (text === 'default') return text;
  const match = text.match(ABBREVIATED_DESTINATION);
  if (!match) return null;
  const octets = match[1]!.split('.');
  const address = [...octets, '0', '0', '0'].slice(0, 4).join('.');
  if (!isIpv4(address)) return null;
  if (match[2] !== undefined) {
    const prefix = Number(match[2]);
    return prefix <= 32 && String(prefix) === match[2] ? `${address}/${prefix}` : null;
  }
  if (octets.length === 4 || flags.includes('H')) return `${address}/32`;
  const prefix = classfulPrefix(Number(octets[0]));
  return hasHostBits(address, prefix) ? `${address}/32` : `${address}/${prefix}`;
}

function buildRoute(destinationText: string, gatewayText: string, flagsText: string, netif: string): Route | null {
  if (!FLAGS.test(flagsText) || !INTERFACE_NAME.test(netif)) return null;
  const flags = [...flagsText];
  const destination = normaliseDestination(destinationText, flags);
  if (destination === null) return null;
  return {
    destination,
    // link#N, a MAC or an interface name: the route is on-link, there is no next-hop address.
    gateway: isIpv4(gatewayText) ? gatewayText : null,
    interface: netif,
    flags,
    scoped: flags.includes('I'),
  };
}

const NUMBER = /^[0-9]+$/;

/** The index of Netif in a row: the first word from `start` on that is not a number, within `maxNumbers`. */
function netifIndex(tokens: string[], start: number, maxNumbers: number): number {
  for (let index = start; index < tokens.length && index <= start + maxNumbers; index++) {
    if (!NUMBER.test(tokens[index]!)) return index;
  }
  return -1;
}

function routeFromRow(tokens: string[], columns: Columns): Route | null {
  const [destination, gateway] = tokens;
  if (destination === undefined || gateway === undefined) return null;
  // An empty RT_IFA cell leaves Flags right after Gateway.
  const flagsAt = columns.rtIfa && tokens[2] !== undefined && !FLAGS.test(tokens[2]) ? 3 : 2;
  const flags = tokens[flagsAt];
  const netifAt = netifIndex(tokens, flagsAt + 1, columns.numbersBeforeNetif);
  if (flags === undefined || netifAt < 0 || tokens.length - netifAt - 1 > columns.afterNetif) return null;
  return buildRoute(destination, gateway, flags, tokens[netifAt]!);
}

/**
 * Rows with no header to go by (a grep of netstat's output): Netif is the first word after Flags that is
 * not a Refs/Use/Mtu number or an Expire `!`. Flags must include U so stray text is not taken for a route.
 */
function routeFromBareRow(tokens: string[]): Route | null {
  const [destination, gateway, flags, ...rest] = tokens;
  if (destination === undefined || gateway === undefined || flags === undefined || !flags.includes('U')) return null;
  const netif = rest.find((token) => !NUMBER.test(token) && token !== '!');
  return netif === undefined ? null : buildRoute(destination, gateway, flags, netif);
}

function isElision(tokens: string[]): boolean {
  return tokens.length === 1 && /^\.{2,}$|^…$/.test(tokens[0]!);
}

export function parseNetstatRn(text: string): ParseResult<Route[]> {
  const routes: Route[] = [];
  const bareRoutes: Route[] = [];
  let columns: Columns | null = null;
  for (const line of toLines(text)) {
    const tokens = words(line);
    if (tokens.length === 0 || isElision(tokens)) continue;
    // `Routing tables` and `Internet:` may be missing; `Internet6:` ends the IPv4 table.
    if (tokens[0] === 'Internet6:') break;
    const header = parseColumnHeader(tokens);
    if (header) {
      columns = header;
      continue;
    }
    const route = columns ? routeFromRow(tokens, columns) : routeFromBareRow(tokens);
    if (route) (columns ? routes : bareRoutes).push(route);
  }
  const result = columns ? routes : bareRoutes;
  if (result.length === 0) return unparseable('no IPv4 route found (expected `netstat -rn` output)');
  return parsed(result);
}
