// The egress interface changed (Wi-Fi → Ethernet, a VPN coming up) after the VM's bridge came up, and the VM now
// reaches nothing: vmnet set its NAT up for the old interface and may not have followed. A likely cause, not a
// proven one (pf's rules need root to read), so it says so; only the watcher's history can show it.
import type { BridgeSighting, EgressChange } from '../../model';
import { providerOf, type Rule, vmProbesFailed } from '../rule';
import { noneReached } from '../text';
import { restartVmCommands } from './vm-network';

function sightingOf(bridge: string, sightings: readonly BridgeSighting[]): BridgeSighting | null {
  return sightings.find((sighting) => sighting.bridge === bridge) ?? null;
}

function changesSince(at: string, changes: readonly EgressChange[]): EgressChange[] {
  return changes.filter((change) => change.at >= at);
}

export const rule: Rule = {
  id: 'nat-egress-changed',
  scope: 'vm',
  colours: ['vm'],
  explains: ['vm-internet-unreachable'],
  evaluate(facts) {
    const history = facts.egressHistory;
    const bridge = facts.bridge;
    const now = facts.egress?.name ?? null;
    if (history === null || bridge === null || now === null || !vmProbesFailed(facts)) return null;
    if (facts.vm.network === 'user-mode') return null;
    const sighting = sightingOf(bridge.iface.name, history.bridges);
    if (sighting === null || sighting.egressThen === null || sighting.egressThen === now) return null;
    const wording = providerOf(facts);
    const how = restartVmCommands(facts, ' then ') ?? `stop and start the ${wording.vmNoun} with ${wording.tool}`;
    return {
      id: 'nat-egress-changed',
      severity: 'warning',
      title: `The egress moved from ${sighting.egressThen} to ${now} since ${bridge.iface.name} came up; vmnet's NAT may still point at ${sighting.egressThen}.`,
      detail:
        `${bridge.iface.name} was up while the Mac reached the internet through ${sighting.egressThen}; it now goes ` +
        `through ${now}, and the VM reaches none of its targets. vmnet sets its NAT up for the egress of the moment ` +
        'the network starts and does not always follow a change, which is the likely cause (not proven: reading ' +
        `pf's rules needs root). Restart the VM's network: ${how}, and check again.`,
      evidence: [
        `${bridge.iface.name} first seen up at ${sighting.firstSeenAt}, egress then ${sighting.egressThen}`,
        ...changesSince(sighting.firstSeenAt, history.changes).map(
          (change) => `egress ${change.from ?? 'none'} → ${change.to ?? 'none'} at ${change.at}`,
        ),
        `egress now ${now} (${facts.egress?.chosenBecause ?? 'default route'})`,
        noneReached('the VM', facts.vm.targetProbes),
      ],
      fix: null,
    };
  },
};
