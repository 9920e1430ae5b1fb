// Plain `ip route` as printed inside the VM: iproute2 on the minikube ISO and Debian, busybox `ip` elsewhere.
// Strict about the shape of each line (a destination first) so that an error message is not read as a route
// table, lenient about keywords it does not need (`proto`, `table`, `mtu lock N`…), which it skips.
import { isIpv4 } from '../ipv4';
import type { Route } from '../model';
import { type ParseResult, parsed, unparseable } from '../parse-result';
import { normaliseDestination } from './linux/ip-route';

const ROUTE_TYPES = new Set([
  'unicast',
  'local',
  'broadcast',
  'multicast',
  'throw',
  'unreachable',
  'prohibit',
  'blackhole',
  'nat',
  'anycast',
]);
/** Bare words iproute2 appends after the key/value pairs (its `flags` in JSON). */
const ROUTE_FLAGS = new Set([
  'linkdown',
  'onlink',
  'dead',
  'pervasive',
  'offload',
  'trap',
  'notify',
  'rt_offload',
  'rt_trap',
  'rt_offload_failed',
]);

interface Hop {
  gateway: string | null;
  interface: string | null;
  prefsrc?: string;
  metric?: number;
  flags: string[];
}

/**
 * A dotted quad, or something shaped like an IPv6 address (hex groups, at least two colons, no `:::`). Loose on
 * IPv6 because only its shape matters here, but tight enough that `2:` from an `ip addr` line is not one.
 */
export function isIpAddress(text: string): boolean {
  if (isIpv4(text)) return true;
  const colons = text.split(':').length - 1;
  return /^[0-9a-fA-F:.]{2,45}$/.test(text) && colons >= 2 && colons <= 7 && !text.includes(':::');
}

function isDestination(text: string): boolean {
  if (text === 'default') return true;
  const [address = '', prefix, ...extra] = text.split('/');
  if (extra.length > 0 || !isIpAddress(address)) return false;
  if (prefix === undefined) return true;
  const limit = isIpv4(address) ? 32 : 128;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= limit;
}

/** Reads `via A dev D src S metric M` and bare flags from tokens; null when a value we rely on is malformed. */
function readHop(tokens: string[]): Hop | null {
  const hop: Hop = { gateway: null, interface: null, flags: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (ROUTE_FLAGS.has(token)) {
      hop.flags.push(token);
      continue;
    }
    if (token !== 'via' && token !== 'dev' && token !== 'src' && token !== 'metric') continue;
    // `via inet6 fe80::1`: newer iproute2 names the family of a next hop that differs from the route's.
    if (token === 'via' && (tokens[i + 1] === 'inet' || tokens[i + 1] === 'inet6')) i++;
    const value = tokens[++i];
    if (value === undefined) return null;
    if (token === 'via') {
      if (!isIpAddress(value)) return null;
      hop.gateway = value;
    } else if (token === 'dev') {
      hop.interface = value;
    } else if (token === 'src') {
      if (!isIpAddress(value)) return null;
      hop.prefsrc = value;
    } else {
      if (!/^[0-9]{1,10}$/.test(value)) return null;
      hop.metric = Number(value);
    }
  }
  return hop;
}

function toRoute(destination: string, typeFlags: string[], hop: Hop): Route {
  const route: Route = {
    destination: normaliseDestination(destination),
    gateway: hop.gateway,
    interface: hop.interface,
    flags: [...typeFlags, ...hop.flags],
    scoped: false,
  };
  if (hop.prefsrc !== undefined) route.prefsrc = hop.prefsrc;
  if (hop.metric !== undefined) route.metric = hop.metric;
  return route;
}

/** One `ip route` line (no nexthop continuation) as a Route, or null when it is not one. */
export function parseIpRouteLine(line: string): Route | null {
  const tokens = line.trim().split(/\s+/);
  const typeFlags: string[] = [];
  const type = tokens[0] ?? '';
  if (ROUTE_TYPES.has(type)) {
    tokens.shift();
    if (type !== 'unicast') typeFlags.push(type);
  }
  const destination = tokens.shift();
  if (destination === undefined || !isDestination(destination)) return null;
  const hop = readHop(tokens);
  return hop === null ? null : toRoute(destination, typeFlags, hop);
}

function withNexthop(header: Route, line: string): Route | null {
  const hop = readHop(line.trim().split(/\s+/).slice(1));
  if (hop === null) return null;
  const flags = [...header.flags, ...hop.flags.filter((flag) => !header.flags.includes(flag))];
  return { ...header, gateway: hop.gateway, interface: hop.interface, flags };
}

export function parseIpRouteText(text: string): ParseResult<Route[]> {
  const routes: Route[] = [];
  // A multipath route prints a bare header line, then one (tab-indented) `nexthop via A dev D weight N` per way out.
  // Each next hop becomes its own Route; the first takes the header's place.
  let header: Route | null = null;
  let headerReplaced = false;
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    if (/^\s*nexthop(\s|$)/.test(line)) {
      const route = header === null ? null : withNexthop(header, line);
      if (route === null) return unparseable(`line ${index + 1}: stray nexthop: ${line.trim().slice(0, 120)}`);
      if (headerReplaced) routes.push(route);
      else routes[routes.length - 1] = route;
      headerReplaced = true;
      continue;
    }
    const route = parseIpRouteLine(line);
    if (route === null) return unparseable(`line ${index + 1}: not a route: ${line.trim().slice(0, 120)}`);
    routes.push(route);
    header = route;
    headerReplaced = false;
  }
  return parsed(routes);
}
