// The words and glyphs every face of Bridgelight uses for lights and hops (CLI, tray, popover, Markdown report),
// so a state reads the same wherever a person meets it. Glyphs differ in shape: no state relies on colour alone.
import type { Diagnosis, Finding, Hop, HopId, Light } from './model';

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

/** How a hop that is not part of this VM's path reads, in place of its light. */
export const NOT_ON_PATH = 'not on this path';

const LIGHT_RANK: Record<Light, number> = { red: 0, yellow: 1, unknown: 2, green: 3 };

/** The hop a person should look at first: the worst light on the VM's path, earliest on it. */
export function worstHop(hops: readonly Hop[]): Hop | null {
  let worst: Hop | null = null;
  for (const hop of hops) {
    if (hop.onPath && (!worst || LIGHT_RANK[hop.light] < LIGHT_RANK[worst.light])) worst = hop;
  }
  return worst;
}

/**
 * What is missing for a verdict, in one line: each unknown hop on the path with its reason (`Bridge (the VM's
 * gateway is unknown); NAT (no egress interface known)`). Null when every hop on the path is known.
 */
export function unknownLine(hops: readonly Hop[]): string | null {
  const unknown = hops.filter((hop) => hop.onPath && hop.light === 'unknown');
  if (unknown.length === 0) return null;
  return unknown.map((hop) => `${HOP_LABEL[hop.id]} (${hop.summary})`).join('; ');
}

/** Why the verdict is not green, in one line: what is unknown when it is unknown, else the worst hop's words. */
export function verdictReason(diagnosis: Diagnosis): string | null {
  if (diagnosis.verdict === 'unknown') return unknownLine(diagnosis.hops);
  const worst = worstHop(diagnosis.hops);
  return worst && worst.light !== 'green' ? worst.summary : null;
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
