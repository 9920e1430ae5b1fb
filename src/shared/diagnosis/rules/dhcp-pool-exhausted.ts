// bootpd's lease file holds an unexpired lease for every address of a vmnet subnet, so a new VM (or one whose
// identifier changed: a re-created VM, a DUID client) gets none. Old VMs' leases only go when they expire.
import { inSubnet } from '../../ipv4';
import type { BootpdLease } from '../../model';
import type { VmnetBridge } from '../../vmnet-bridges';
import type { Rule } from '../rule';

const LEASES = '/var/db/dhcpd_leases';

interface PoolUse {
  bridge: VmnetBridge;
  /** Addresses bootpd can hand out: the subnet less its network, broadcast and the bridge's own address. */
  size: number;
  live: BootpdLease[];
  expired: number;
}

function poolUse(bridge: VmnetBridge, leases: readonly BootpdLease[], now: number): PoolUse {
  const inPool = leases.filter(
    (lease) => lease.ipAddress !== bridge.address && inSubnet(lease.ipAddress, bridge.address, bridge.prefixLength),
  );
  // bootpd writes one entry per client; two entries for one address count once.
  const byAddress = new Map<string, BootpdLease>();
  for (const lease of inPool) {
    if (lease.expiresAt !== null && lease.expiresAt > now && !byAddress.has(lease.ipAddress)) {
      byAddress.set(lease.ipAddress, lease);
    }
  }
  const size = Math.max(0, 2 ** (32 - bridge.prefixLength) - 3);
  return { bridge, size, live: [...byAddress.values()], expired: inPool.length - byAddress.size };
}

function soonest(live: readonly BootpdLease[]): string {
  const first = Math.min(...live.map((lease) => lease.expiresAt ?? Number.POSITIVE_INFINITY));
  return Number.isFinite(first) ? new Date(first * 1000).toISOString() : 'unknown';
}

export const rule: Rule = {
  id: 'dhcp-pool-exhausted',
  scope: 'host',
  colours: ['vm'],
  explains: ['vm-internet-unreachable', 'vm-dns-failure'],
  evaluate(facts) {
    const leases = facts.dhcpdLeases;
    if (facts.platform !== 'darwin' || leases === null || !Number.isFinite(facts.takenAtSeconds)) return null;
    const full = facts.vmnetBridges
      .map((bridge) => poolUse(bridge, leases, facts.takenAtSeconds))
      .find((use) => use.size > 0 && use.live.length >= use.size);
    if (full === undefined) return null;
    const { bridge } = full;
    return {
      id: 'dhcp-pool-exhausted',
      // A host finding reads the same whichever VM it is reported with: a full pool refuses any VM that asks now.
      severity: 'error',
      title: `Every address of ${bridge.subnet} (${bridge.name}) is leased: new VMs get no IP address.`,
      detail:
        `bootpd hands out ${full.size} addresses on ${bridge.name}, and ${LEASES} holds an unexpired lease for ` +
        `${full.live.length} of them, most likely for VMs that no longer exist. Until one expires, a VM asking for ` +
        `a new address gets no answer. Stop the VMs you still use, move the file aside: \`sudo mv ${LEASES} ` +
        `${LEASES}.old\`, make bootpd read it again: \`sudo pkill -HUP bootpd\`, then start the VMs (each asks ` +
        'for an address afresh). Undo: move the old file back the same way.',
      evidence: [
        `${LEASES}: ${full.live.length} unexpired leases in ${bridge.subnet} for ${full.size} addresses` +
          (full.expired > 0 ? ` (and ${full.expired} expired)` : ''),
        `the first of them expires at ${soonest(full.live)}`,
      ],
      fix: null,
    };
  },
};
