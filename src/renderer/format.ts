// Words and orderings the popover shows. Kept apart from the components so each wording lives in one place.
import type { AddressRole, Diagnosis, Finding, Fix, HopId, Light, Severity } from '../shared/model';

export { HOP_LABEL, NOT_ON_PATH, VERDICT_WORD } from '../shared/presentation';

/** Shorter words for a single hop, where "All clear" would overstate what one hop knows. */
export const HOP_LIGHT_WORD: Record<Light, string> = {
  green: 'OK',
  yellow: 'Degraded',
  red: 'Broken',
  unknown: 'Unknown',
};

export const ROLE_WORD: Record<AddressRole, string> = {
  dhcp: 'DHCP lease',
  stale: 'stale',
  'link-local': 'link-local',
  static: 'static',
  unknown: 'unknown',
};

export const SEVERITY_WORD: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** error → warning → info; within a severity the diagnosis' own order, which is meaningful (cause before effect). */
const rank = (finding: Finding): number => (finding.muted ? 10 : 0) + SEVERITY_RANK[finding.severity];

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return (
    findings
      .map((finding, index) => ({ finding, index }))
      // Muted ones last: what still needs attention comes first.
      .sort((a, b) => rank(a.finding) - rank(b.finding) || a.index - b.index)
      .map(({ finding }) => finding)
  );
}

/** The button says exactly what will happen; the ellipsis says a confirmation follows. */
export function fixLabel(fix: Fix): string {
  switch (fix.action) {
    case 'remove-address':
      return `Remove ${fix.address} from ${fix.interface}…`;
  }
}

export function undoLabel(address: string | undefined, iface: string | undefined): string {
  return address && iface ? `Undo: put ${address} back on ${iface}…` : 'Undo…';
}

/** The real names along the path, from whichever parts of the diagnosis are known. */
export function hopSubject(id: HopId, diagnosis: Diagnosis): string | null {
  const { vm, bridge, egress } = diagnosis;
  switch (id) {
    case 'vm':
      return vm ? [vm.profile, vm.state].filter(Boolean).join(' · ') : null;
    case 'bridge':
      return bridge ? `${bridge.interface} ${bridge.address}` : null;
    case 'nat':
      return egress?.natSource ? `source ${egress.natSource}` : null;
    case 'egress':
      return egress ? egress.interface : null;
    case 'gateway':
      return egress?.gateway ?? vm?.gateway ?? null;
    case 'internet':
      return null;
  }
}

/** "checked 12 s ago": coarse on purpose, the label re-renders every second and should not jitter. */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'checked at an unknown time';
  const seconds = Math.round((now - then) / 1000);
  // A slightly future time is clock skew between processes, not news.
  if (seconds < 2) return 'checked just now';
  if (seconds < 60) return `checked ${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `checked ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `checked ${hours} h ago`;
  return `checked ${Math.floor(hours / 24)} d ago`;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Something went wrong.';
}

/** host:port with a port in range. The host is left to main to resolve; this only catches typos early. */
export function isProbeTarget(text: string): boolean {
  const match = text.match(/^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/);
  if (!match) return false;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535;
}
