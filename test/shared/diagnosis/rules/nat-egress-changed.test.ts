import { diagnose } from '@src/shared/diagnosis';
import { rule } from '@src/shared/diagnosis/rules/nat-egress-changed';
import type { EgressHistory, Snapshot } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import {
  evaluatorFor,
  healthySnapshot,
  inet,
  lookup,
  loopback,
  netIf,
  netstatDefault,
  route,
  vmProbe,
  vmRunning,
  vmTarget,
} from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

/** bridge100 came up on Wi-Fi (en0); since 10:05 the Mac goes out through USB Ethernet (en7). */
const MOVED: EgressHistory = {
  bridges: [{ bridge: 'bridge100', firstSeenAt: '2025-03-14T09:00:00.000Z', egressThen: 'en0' }],
  changes: [{ at: '2025-03-14T09:05:00.000Z', from: 'en0', to: 'en7' }],
};

/** The healthy Mac after moving to en7, with the VM reaching nothing. */
function movedAndFailing(history: EgressHistory | null = MOVED, targetsOk = false): Snapshot {
  const healthy = healthySnapshot();
  return {
    ...healthy,
    interfaces: [
      loopback(),
      netIf('en0', [], { up: false, running: false }),
      netIf('en7', [inet('10.0.5.20', 24)]),
      netIf('bridge100', [inet('192.168.64.1', 24)], { members: ['vmenet0'] }),
      netIf('vmenet0', []),
    ],
    routes: [netstatDefault('10.0.5.1', 'en7'), route('10.0.5', null, 'en7'), route('192.168.64', null, 'bridge100')],
    defaultRoute: lookup('10.0.5.1', 'en7'),
    leases: null,
    hostProbes: null,
    vm: vmRunning(
      vmProbe({
        routes: [route('default', '192.168.64.1', 'eth0', { metric: 1024 })],
        targets: [vmTarget('registry-1.docker.io:443', targetsOk), vmTarget('1.1.1.1:443', targetsOk)],
      }),
    ),
    ...(history ? { egressHistory: history } : {}),
  };
}

describe('nat-egress-changed', () => {
  it('the egress moved since the bridge came up and the VM reaches nothing: a likely cause, restart the network', () => {
    const finding = evaluate(movedAndFailing());
    expect(finding).toMatchObject({
      id: 'nat-egress-changed',
      severity: 'warning',
      title: "The egress moved from en0 to en7 since bridge100 came up; vmnet's NAT may still point at en0.",
      evidence: [
        'bridge100 first seen up at 2025-03-14T09:00:00.000Z, egress then en0',
        'egress en0 → en7 at 2025-03-14T09:05:00.000Z',
        'egress now en7 (route get default: gateway 10.0.5.1, interface en7)',
        'the VM reaches none of its 2 probe targets',
      ],
      fix: null,
    });
    expect(finding?.detail).toContain("Restart the VM's network: `minikube stop` then `minikube start`");
    expect(finding?.detail).toContain('likely cause');
    expect(diagnose(movedAndFailing()).findings.find((f) => f.id === rule.id)?.causes).toEqual([
      'vm-internet-unreachable',
    ]);
  });

  it('stays silent while the VM still reaches its targets', () => {
    expect(evaluate(movedAndFailing(MOVED, true))).toBeNull();
  });

  it('stays silent without a history (a one-off check), or when the egress is the one the bridge came up with', () => {
    expect(evaluate(movedAndFailing(null))).toBeNull();
    const sameEgress: EgressHistory = {
      bridges: [{ bridge: 'bridge100', firstSeenAt: '2025-03-14T09:00:00.000Z', egressThen: 'en7' }],
      changes: [],
    };
    expect(evaluate(movedAndFailing(sameEgress))).toBeNull();
    // A bridge the watcher never saw, or saw with no egress at all, is no evidence either way.
    expect(evaluate(movedAndFailing({ bridges: [], changes: MOVED.changes }))).toBeNull();
    const noEgressThen = { ...MOVED, bridges: [{ ...MOVED.bridges[0]!, egressThen: null }] };
    expect(evaluate(movedAndFailing(noEgressThen))).toBeNull();
  });

  it('stays silent for a user-mode VM, whose traffic vmnet never NATs', () => {
    const snapshot = movedAndFailing();
    const vm = {
      ...snapshot.vm!,
      listing: {
        provider: 'minikube' as const,
        name: 'minikube',
        state: 'running' as const,
        rawState: 'Running',
        ips: ['192.168.64.2'],
        driver: 'docker',
        network: 'user-mode' as const,
        networkEvidence: [],
      },
    };
    expect(evaluate({ ...snapshot, vm })).toBeNull();
  });

  it('a healthy Mac with its history stays silent', () => {
    expect(evaluate(healthySnapshot({ egressHistory: MOVED }))).toBeNull();
  });
});
