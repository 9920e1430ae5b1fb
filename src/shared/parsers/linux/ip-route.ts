// `ip -j route show` (iproute2 JSON).
import { isIpv4 } from '../../ipv4';
import type { Route } from '../../model';
import { isRecord as isObject } from '../../names';
import { type ParseResult, parsed, unparseable } from '../../parse-result';

type JsonObject = Record<string, unknown>;

/** Device names, addresses and destinations never contain whitespace; anything else is not iproute2's. */
const isWord = (value: unknown): value is string => typeof value === 'string' && /^\S+$/.test(value);

const wordOrNull = (value: unknown): string | null => (isWord(value) ? value : null);

const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter(isWord) : []);

function parseJson(text: string): ParseResult<unknown> {
  try {
    return parsed(JSON.parse(text) as unknown);
  } catch (error) {
    return unparseable(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** iproute2 prints a host route as a bare address; the model wants CIDR. */
export function normaliseDestination(destination: string): string {
  if (destination.includes('/') || destination === 'default') return destination;
  if (isIpv4(destination)) return `${destination}/32`;
  return destination.includes(':') ? `${destination}/128` : destination;
}

/** `"gateway": "A"`, or `"via": {"family": "inet6", "host": "A"}` for a next hop of the other family. */
function gatewayOf(hop: JsonObject): string | null {
  if (hop.gateway !== undefined) return wordOrNull(hop.gateway);
  return isObject(hop.via) ? wordOrNull(hop.via.host) : null;
}

function toRoutes(entry: JsonObject, destination: string): Route[] {
  // A route type other than unicast (unreachable, blackhole, local, broadcast…) is kept as a flag: the model has no
  // field for it, and an `unreachable` route must not read like an ordinary on-link one.
  const typeFlags = isWord(entry.type) && entry.type !== 'unicast' ? [entry.type] : [];
  const flags = [...typeFlags, ...stringsOf(entry.flags)];
  const base: Route = { destination, gateway: null, interface: null, flags, scoped: false };
  if (isWord(entry.prefsrc)) base.prefsrc = entry.prefsrc;
  if (typeof entry.metric === 'number' && Number.isInteger(entry.metric) && entry.metric >= 0) {
    base.metric = entry.metric;
  }
  const nexthops = Array.isArray(entry.nexthops) ? entry.nexthops.filter(isObject) : [];
  // A multipath route becomes one Route per next hop: each is a way out, with its own gateway and device.
  const hops = nexthops.length > 0 ? nexthops : [entry];
  return hops.map((hop) => ({
    ...base,
    gateway: gatewayOf(hop),
    interface: wordOrNull(hop.dev),
    flags: hop === entry ? flags : [...flags, ...stringsOf(hop.flags).filter((flag) => !flags.includes(flag))],
  }));
}

export function parseIpRouteJson(text: string): ParseResult<Route[]> {
  const json = parseJson(text);
  if (!json.ok) return json;
  if (!Array.isArray(json.value)) return unparseable('ip -j route: expected a JSON array of routes');
  const routes: Route[] = [];
  for (const [index, entry] of json.value.entries()) {
    if (!isObject(entry)) return unparseable(`ip -j route: entry ${index} is not an object`);
    if (!isWord(entry.dst)) {
      return unparseable(`ip -j route: entry ${index} has no dst`);
    }
    routes.push(...toRoutes(entry, normaliseDestination(entry.dst)));
  }
  return parsed(routes);
}
