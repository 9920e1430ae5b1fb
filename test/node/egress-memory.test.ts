import { EgressMemory, MAX_EGRESS_CHANGES } from '@src/node/egress-memory';
import { diagnose } from '@src/shared/diagnosis';
import type { Snapshot } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import {
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
} from '../shared/diagnosis/snapshot-builder';

/** The healthy Mac at `at`, going out through `egress` (en0 Wi-Fi or en7 Ethernet), with or without bridge100. */
function at(time: string, egress: 'en0' | 'en7', bridgeUp = true): Snapshot {
  const gateway = egress === 'en0' ? '192.168.1.1' : '10.0.5.1';
  return healthySnapshot({
    takenAt: time,
    interfaces: [
      loopback(),
      netIf('en0', egress === 'en0' ? [inet('192.168.1.20', 24)] : []),
      netIf('en7', egress === 'en7' ? [inet('10.0.5.20', 24)] : []),
      ...(bridgeUp
        ? [netIf('bridge100', [inet('192.168.64.1', 24)], { members: ['vmenet0'] }), netIf('vmenet0', [])]
        : []),
    ],
    routes: [netstatDefault(gateway, egress), route('192.168.64', null, 'bridge100')],
    defaultRoute: lookup(gateway, egress),
  });
}

describe('EgressMemory', () => {
  it('remembers the egress each bridge was first seen with, and every change since', () => {
    const memory = new EgressMemory();
    expect(memory.observe(at('2025-03-14T09:00:00.000Z', 'en0'))).toEqual({
      bridges: [{ bridge: 'bridge100', firstSeenAt: '2025-03-14T09:00:00.000Z', egressThen: 'en0' }],
      changes: [],
    });
    memory.observe(at('2025-03-14T09:01:00.000Z', 'en0'));
    expect(memory.observe(at('2025-03-14T09:05:00.000Z', 'en7'))).toEqual({
      bridges: [{ bridge: 'bridge100', firstSeenAt: '2025-03-14T09:00:00.000Z', egressThen: 'en0' }],
      changes: [{ at: '2025-03-14T09:05:00.000Z', from: 'en0', to: 'en7' }],
    });
  });

  it('a bridge that goes away and comes back is seen anew, with the egress of that moment', () => {
    const memory = new EgressMemory();
    memory.observe(at('2025-03-14T09:00:00.000Z', 'en0'));
    expect(memory.observe(at('2025-03-14T09:02:00.000Z', 'en7', false)).bridges).toEqual([]);
    expect(memory.observe(at('2025-03-14T09:03:00.000Z', 'en7')).bridges).toEqual([
      { bridge: 'bridge100', firstSeenAt: '2025-03-14T09:03:00.000Z', egressThen: 'en7' },
    ]);
  });

  it('a snapshot that could not see interfaces or routes changes nothing', () => {
    const memory = new EgressMemory();
    const before = memory.observe(at('2025-03-14T09:00:00.000Z', 'en0'));
    expect(memory.observe({ ...at('2025-03-14T09:01:00.000Z', 'en7'), interfaces: null })).toEqual(before);
    expect(memory.observe({ ...at('2025-03-14T09:01:00.000Z', 'en7'), routes: null, defaultRoute: null })).toEqual(
      before,
    );
  });

  it(`keeps the last ${MAX_EGRESS_CHANGES} changes of a roaming laptop`, () => {
    const memory = new EgressMemory();
    let history = memory.observe(at('2025-03-14T09:00:00.000Z', 'en0'));
    for (let minute = 1; minute <= 30; minute++) {
      const time = `2025-03-14T10:${String(minute).padStart(2, '0')}:00.000Z`;
      history = memory.observe(at(time, minute % 2 === 1 ? 'en7' : 'en0'));
    }
    expect(history.changes).toHaveLength(MAX_EGRESS_CHANGES);
    expect(history.changes.at(-1)).toEqual({ at: '2025-03-14T10:30:00.000Z', from: 'en7', to: 'en0' });
  });

  it('fed to diagnose(): the VM failing after the move is explained by nat-egress-changed', () => {
    const memory = new EgressMemory();
    memory.observe(at('2025-03-14T09:00:00.000Z', 'en0'));
    const moved = at('2025-03-14T09:05:00.000Z', 'en7');
    const failing: Snapshot = {
      ...moved,
      hostProbes: null,
      leases: null,
      vm: vmRunning(
        vmProbe({
          routes: [route('default', '192.168.64.1', 'eth0', { metric: 1024 })],
          targets: [vmTarget('1.1.1.1:443', false)],
        }),
      ),
    };
    const diagnosis = diagnose({ ...failing, egressHistory: memory.observe(failing) });
    expect(diagnosis.findings.find((f) => f.id === 'nat-egress-changed')?.causes).toEqual(['vm-internet-unreachable']);
    expect(diagnose(failing).findings.map((f) => f.id)).not.toContain('nat-egress-changed');
  });
});

describe('EgressMemory: what one missing part still tells', () => {
  it('a snapshot with the default route but no route table still counts', () => {
    const memory = new EgressMemory();
    memory.observe(at('2025-03-14T09:00:00.000Z', 'en0'));
    expect(memory.observe({ ...at('2025-03-14T09:01:00.000Z', 'en7'), routes: null }).changes).toEqual([
      { at: '2025-03-14T09:01:00.000Z', from: 'en0', to: 'en7' },
    ]);
  });

  it('the first snapshot is no change, and the history handed out is a copy', () => {
    const memory = new EgressMemory();
    const first = memory.observe(at('2025-03-14T09:00:00.000Z', 'en0'));
    expect(first.changes).toEqual([]);
    first.bridges[0]!.egressThen = 'tampered';
    first.changes.push({ at: 'x', from: null, to: null });
    expect(memory.observe(at('2025-03-14T09:01:00.000Z', 'en0'))).toEqual({
      bridges: [{ bridge: 'bridge100', firstSeenAt: '2025-03-14T09:00:00.000Z', egressThen: 'en0' }],
      changes: [],
    });
  });
});
