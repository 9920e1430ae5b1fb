// The words and glyphs every face of Bridgelight uses for lights and hops (CLI, tray, popover, Markdown report),
// so a state reads the same wherever a person meets it. Glyphs differ in shape: no state relies on colour alone.
import type { Finding, Hop, HopId, Light } from './model';

export const LIGHT_GLYPH: Record<Light, string> = { green: '✓', yellow: '▲', red: '✕', unknown: '?' };

export const VERDICT_WORD: Record<Light, string> = {
  green: 'All clear',
  yellow: 'Degraded',
  red: 'Broken',
  unknown: 'Unknown',
};

export const HOP_LABEL: Record<HopId, string> = {
  vm: 'VM',
  bridge: 'Bridge',
  nat: 'NAT',
  egress: 'Egress',
  gateway: 'Gateway',
  internet: 'Internet',
};

const LIGHT_RANK: Record<Light, number> = { red: 0, yellow: 1, unknown: 2, green: 3 };

/** The hop a person should look at first: the worst light, earliest on the path. */
export function worstHop(hops: readonly Hop[]): Hop | null {
  let worst: Hop | null = null;
  for (const hop of hops) if (!worst || LIGHT_RANK[hop.light] < LIGHT_RANK[worst.light]) worst = hop;
  return worst;
}

/** The finding that names `finding` among its causes: a consequence is shown under its cause, not as its own problem. */
export function causeOf(findings: readonly Finding[], finding: Finding): Finding | undefined {
  return findings.find((f) => f !== finding && f.causes?.some((id) => id === finding.id));
}

/** `findings` in their order, with each consequence moved to just after its cause. */
export function rootCauseFirst(findings: readonly Finding[]): Finding[] {
  const roots = findings.filter((f) => causeOf(findings, f) === undefined);
  return roots.flatMap((root) => [root, ...findings.filter((f) => causeOf(findings, f) === root)]);
}
