// When to tell the user, decided from diagnoses alone. Two findings notify: the egress interface gained another
// IPv4 address, and NAT now leaves with a stale one. Each appearance notifies once, keyed by the finding and
// the addresses involved; it re-arms only after it has stayed gone for a quiet period, so an address that
// flaps a hundred times in a few seconds is one notification, not fifty.
import type { Diagnosis, Finding } from '../../shared/model';

export const NOTIFYING_FINDINGS = ['egress-multiple-ipv4', 'nat-source-stale'] as const;
export type NotifyingFinding = (typeof NOTIFYING_FINDINGS)[number];

export interface NotificationRequest {
  key: string;
  findingId: NotifyingFinding;
  title: string;
  body: string;
  /** The addresses "Ignore this address" would ignore; the notification is skipped when all are ignored. */
  subjects: string[];
  /** Whether the finding offers a fix (a "Fix…" action makes sense). */
  fixable: boolean;
  /** The user muted the finding: its appearance is used up silently, like an ignored address's. */
  muted: boolean;
}

export interface NotifierOptions {
  show(request: NotificationRequest): void;
  now?: () => number;
  /** How long a finding must stay gone before its reappearance notifies again. */
  quietMs?: number;
}

export const DEFAULT_QUIET_MS = 60_000;

interface Tracked {
  present: boolean;
  armed: boolean;
  /** When it was first seen gone, while it is gone. */
  goneAt: number;
}

function isNotifying(id: string): id is NotifyingFinding {
  return (NOTIFYING_FINDINGS as readonly string[]).includes(id);
}

function egressAddresses(diagnosis: Diagnosis): string[] {
  return (diagnosis.egress?.addresses ?? []).filter((a) => a.role !== 'link-local').map((a) => a.address);
}

/** The extra addresses: not the DHCP one; when none is known to be DHCP, every one after the first. */
function extraAddresses(diagnosis: Diagnosis): string[] {
  const usable = (diagnosis.egress?.addresses ?? []).filter((a) => a.role !== 'link-local');
  const extras = usable.filter((a) => a.role !== 'dhcp');
  return (extras.length === usable.length ? extras.slice(1) : extras).map((a) => a.address);
}

function request(diagnosis: Diagnosis, finding: Finding & { id: NotifyingFinding }): NotificationRequest | null {
  const iface = diagnosis.egress?.interface ?? 'the egress interface';
  if (finding.id === 'egress-multiple-ipv4') {
    const all = egressAddresses(diagnosis);
    const extras = extraAddresses(diagnosis);
    if (all.length < 2 || extras.length === 0) return null;
    const roles = (diagnosis.egress?.addresses ?? [])
      .filter((a) => a.role !== 'link-local')
      .map((a) => `${a.address} (${a.role}${a.address === diagnosis.egress?.natSource ? ', used by NAT' : ''})`);
    return {
      key: `${finding.id}|${[...all].sort().join(',')}`,
      findingId: finding.id,
      title: `${iface} has ${all.length} IPv4 addresses`,
      body: `${roles.join(', ')}. VM traffic may leave with a different address than the Mac's.`,
      subjects: extras,
      fixable: finding.fix !== null,
      muted: finding.muted === true,
    };
  }
  const stale = finding.fix?.address ?? diagnosis.egress?.natSource ?? null;
  if (!stale) return null;
  return {
    key: `${finding.id}|${stale}`,
    findingId: finding.id,
    title: `The VM's traffic leaves with stale ${stale}`,
    body: finding.fix
      ? `NAT on ${iface} uses an address that no longer works. Fix removes it: ${finding.fix.command}`
      : `NAT on ${iface} uses an address that no longer works.`,
    subjects: [stale],
    fixable: finding.fix !== null,
    muted: finding.muted === true,
  };
}

export function notificationRequests(diagnosis: Diagnosis): NotificationRequest[] {
  const requests: NotificationRequest[] = [];
  for (const finding of diagnosis.findings) {
    if (!isNotifying(finding.id)) continue;
    const made = request(diagnosis, finding as Finding & { id: NotifyingFinding });
    if (made) requests.push(made);
  }
  return requests;
}

export class Notifier {
  private readonly tracked = new Map<string, Tracked>();
  private readonly now: () => number;
  private readonly quietMs: number;

  constructor(private readonly options: NotifierOptions) {
    this.now = options.now ?? Date.now;
    this.quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
  }

  /** Feed every new diagnosis; `ignored` is the user's ignore list at that moment. */
  observe(diagnosis: Diagnosis | null, ignored: readonly string[]): void {
    if (!diagnosis) return;
    const now = this.now();
    const current = new Map(notificationRequests(diagnosis).map((made) => [made.key, made]));
    for (const [key, entry] of this.tracked) {
      if (current.has(key) || !entry.present) continue;
      entry.present = false;
      entry.goneAt = now;
    }
    for (const [key, made] of current) {
      let entry = this.tracked.get(key);
      if (!entry) {
        entry = { present: false, armed: true, goneAt: now };
        this.tracked.set(key, entry);
      } else if (!entry.present && now - entry.goneAt >= this.quietMs) {
        entry.armed = true;
      }
      entry.present = true;
      if (!entry.armed) continue;
      // An ignored or muted appearance is used up silently: un-ignoring or unmuting later does not replay it.
      entry.armed = false;
      if (made.muted || made.subjects.every((address) => ignored.includes(address))) continue;
      this.options.show(made);
    }
    this.forgetLongGone(now);
  }

  // Keys of addresses long gone would otherwise pile up over weeks of DHCP changes.
  private forgetLongGone(now: number): void {
    for (const [key, entry] of this.tracked)
      if (!entry.present && now - entry.goneAt >= this.quietMs) this.tracked.delete(key);
  }
}
