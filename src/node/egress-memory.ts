// What a long-running watcher remembers between checks and a one-off check cannot know: the egress interface each
// vmnet bridge was first seen up with, and each change of egress since. nat-egress-changed reads it.
import { deriveFacts } from '../shared/diagnosis';
import type { BridgeSighting, EgressChange, EgressHistory, Snapshot } from '../shared/model';
import { vmnetBridges } from '../shared/vmnet-bridges';

/** Enough to show the recent moves; a laptop that roams all day must not grow the snapshot without bound. */
export const MAX_EGRESS_CHANGES = 20;

export class EgressMemory {
  private bridges: BridgeSighting[] = [];
  private changes: EgressChange[] = [];
  private lastEgress: string | null | undefined = undefined;

  /** Takes in one snapshot (in time order) and returns the history as of it. */
  observe(snapshot: Snapshot): EgressHistory {
    // A snapshot without interfaces or routes says nothing about bridges or egress: keep what was known.
    if (snapshot.interfaces === null || (snapshot.routes === null && snapshot.defaultRoute === null)) {
      return this.history();
    }
    const at = snapshot.takenAt;
    const egress = deriveFacts(snapshot).egress?.name ?? null;
    if (this.lastEgress !== undefined && egress !== this.lastEgress) {
      this.changes = [...this.changes, { at, from: this.lastEgress, to: egress }].slice(-MAX_EGRESS_CHANGES);
    }
    this.lastEgress = egress;
    const up = vmnetBridges(snapshot.interfaces).map((bridge) => bridge.name);
    // A bridge that went away and comes back is a new network: vmnet sets its NAT up again then.
    this.bridges = [
      ...this.bridges.filter((sighting) => up.includes(sighting.bridge)),
      ...up
        .filter((name) => !this.bridges.some((sighting) => sighting.bridge === name))
        .map((bridge) => ({ bridge, firstSeenAt: at, egressThen: egress })),
    ];
    return this.history();
  }

  private history(): EgressHistory {
    return { bridges: this.bridges.map((b) => ({ ...b })), changes: this.changes.map((c) => ({ ...c })) };
  }
}
