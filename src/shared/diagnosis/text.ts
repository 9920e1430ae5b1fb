// Wording shared by facts, rules and hops, so that one route or address reads the same everywhere and matches
// what the user sees in netstat / ip route.
import type { Platform, Route, RouteLookup } from '../model';

function flagText(flags: readonly string[]): string {
  // Parsers may keep macOS flags as letters (`U`,`G`) or as one word (`UGScg`); Linux flags are words.
  return flags.every((f) => f.length === 1) ? flags.join('') : flags.join(',');
}

/** A route the way the platform's own tool prints it: netstat columns on macOS, `ip route` on Linux. */
export function formatRoute(platform: Platform, route: Route): string {
  const iface = route.interface ?? '?';
  if (platform === 'darwin') {
    const parts = [route.destination, route.gateway ?? '(on-link)', flagText(route.flags), iface];
    return parts.filter((p) => p !== '').join(' ');
  }
  const parts = [route.destination];
  if (route.gateway !== null) parts.push(`via ${route.gateway}`);
  parts.push(`dev ${iface}`);
  if (route.prefsrc !== undefined) parts.push(`src ${route.prefsrc}`);
  if (route.metric !== undefined) parts.push(`metric ${route.metric}`);
  return parts.join(' ');
}

export function formatLookup(platform: Platform, lookup: RouteLookup): string {
  const via = lookup.gateway === null ? 'no gateway' : `gateway ${lookup.gateway}`;
  const iface = lookup.interface ?? '?';
  return platform === 'darwin'
    ? `route get default: ${via}, interface ${iface}`
    : `default ${lookup.gateway === null ? '' : `via ${lookup.gateway} `}dev ${iface}`;
}

/** Distinct targets, in first-seen order (host probes repeat a target once per bound source address). */
export function distinctTargets(probes: readonly { target: string }[]): string[] {
  return [...new Set(probes.map((p) => p.target))];
}

/** `the VM cannot reach its probe target 1.1.1.1:443` / `the VM reaches none of its 3 probe targets`. */
export function noneReached(who: string, probes: readonly { target: string }[]): string {
  const targets = distinctTargets(probes);
  return targets.length === 1
    ? `${who} cannot reach its probe target ${targets[0]}`
    : `${who} reaches none of its ${targets.length} probe targets`;
}

/** `2/3 probe targets`: a target counts as reached when any probe to it answered. */
export function reachedCount(probes: readonly { target: string; ok: boolean }[]): string {
  const reached = distinctTargets(probes.filter((p) => p.ok)).length;
  return `${reached}/${distinctTargets(probes).length} probe targets`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
