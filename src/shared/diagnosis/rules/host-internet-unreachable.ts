import { describeHostProbe } from '../roles';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'host-internet-unreachable',
  scope: 'host',
  colours: ['internet'],
  evaluate(facts) {
    if (!facts.host.allFailed) return null;
    const iface = facts.egress?.name ?? 'the egress interface';
    return {
      id: 'host-internet-unreachable',
      severity: 'error',
      title: 'The host itself reaches none of the probe targets.',
      detail:
        `Every connection from every address on ${iface} failed, so the problem lies before the VM's part of the ` +
        'path: the host is offline, the gateway or the network beyond it drops the traffic, or a firewall blocks ' +
        "these targets. Fix the host's own connection first; the VM can't do better than the host.",
      evidence: facts.hostProbes.map(describeHostProbe),
      fix: null,
    };
  },
};
