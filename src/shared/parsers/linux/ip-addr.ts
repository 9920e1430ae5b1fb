// `ip -j addr show` (iproute2 JSON). The kernel's address order is kept: it is the order the diagnosis reasons
// about, and it puts primaries before secondaries.
import { isIpv4, MAX_IPV4_PER_INTERFACE, tooManyAddresses } from '../../ipv4';
import type { Ipv4Address, NetInterface } from '../../model';
import { isRecord as isObject } from '../../names';
import { type ParseResult, parsed, unparseable } from '../../parse-result';

/** iproute2's rendering of the kernel's INFINITY_LIFE_TIME: the address never expires. */
const FOREVER = 4294967295;
const MAC = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;

type JsonObject = Record<string, unknown>;

/** Link names and flags never contain whitespace; anything else is not iproute2's. */
const isWord = (value: unknown): value is string => typeof value === 'string' && /^\S+$/.test(value);

const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter(isWord) : []);

function parseJson(text: string): ParseResult<unknown> {
  try {
    return parsed(JSON.parse(text) as unknown);
  } catch (error) {
    return unparseable(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Links from the JSON array; old iproute2 printed `{}` for links a filter (`-4`) left out, so those are skipped. */
function linksOf(json: unknown): ParseResult<JsonObject[]> {
  if (!Array.isArray(json)) return unparseable('ip -j addr: expected a JSON array of links');
  const links: JsonObject[] = [];
  for (const [index, entry] of json.entries()) {
    if (!isObject(entry)) return unparseable(`ip -j addr: entry ${index} is not an object`);
    if (Object.keys(entry).length === 0) continue;
    if (!isWord(entry.ifname)) {
      return unparseable(`ip -j addr: entry ${index} has no ifname`);
    }
    links.push(entry);
  }
  return parsed(links);
}

/** Seconds left, null for forever, undefined when the field is missing or not the kernel's u32. */
function lifetimeOf(value: unknown): number | null | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > FOREVER) return undefined;
  return value === FOREVER ? null : value;
}

function toIpv4(info: unknown): Ipv4Address | null {
  if (!isObject(info) || info.family !== 'inet') return null;
  const { local, prefixlen } = info;
  if (typeof local !== 'string' || !isIpv4(local)) return null;
  if (typeof prefixlen !== 'number' || !Number.isInteger(prefixlen) || prefixlen < 0 || prefixlen > 32) return null;
  const entry: Ipv4Address = {
    address: local,
    prefixLength: prefixlen,
    secondary: info.secondary === true,
    dynamic: info.dynamic === true,
  };
  // iproute2 prints `address` only when IFA_ADDRESS differs from IFA_LOCAL, i.e. for a point-to-point peer.
  if (typeof info.address === 'string' && isIpv4(info.address) && info.address !== local) entry.peer = info.address;
  if (typeof info.broadcast === 'string' && isIpv4(info.broadcast)) entry.broadcast = info.broadcast;
  const validLifetime = lifetimeOf(info.valid_life_time);
  if (validLifetime !== undefined) entry.validLifetime = validLifetime;
  return entry;
}

function membersByMaster(links: JsonObject[]): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const link of links) {
    if (!isWord(link.master)) continue;
    const list = members.get(link.master);
    if (list) list.push(link.ifname as string);
    else members.set(link.master, [link.ifname as string]);
  }
  return members;
}

function toInterface(link: JsonObject, members: Map<string, string[]>): NetInterface {
  const name = link.ifname as string;
  const flags = stringsOf(link.flags);
  const ipv4 = Array.isArray(link.addr_info)
    ? link.addr_info.map(toIpv4).filter((entry): entry is Ipv4Address => entry !== null)
    : [];
  const netInterface: NetInterface = {
    name,
    flags,
    up: flags.includes('UP'),
    running: flags.includes('LOWER_UP') || link.operstate === 'UP',
    pointToPoint: flags.includes('POINTOPOINT'),
    ipv4,
    members: members.get(name) ?? [],
  };
  // Tunnels put an IPv4 address (`link/ipip 0.0.0.0`) in the same field, so only an Ethernet-shaped one is a MAC.
  if (typeof link.address === 'string' && MAC.test(link.address)) netInterface.mac = link.address.toLowerCase();
  return netInterface;
}

export function parseIpAddrJson(text: string): ParseResult<NetInterface[]> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const links = linksOf(json.value);
  if (!links.ok) return links;
  const members = membersByMaster(links.value);
  const interfaces = links.value.map((link) => toInterface(link, members));
  const crowded = interfaces.find((entry) => entry.ipv4.length > MAX_IPV4_PER_INTERFACE);
  return crowded ? unparseable(tooManyAddresses(crowded.name)) : parsed(interfaces);
}
