import { assembleSnapshot, collectLane, collectSnapshot, NO_EVIDENCE } from '@src/node/collect';
import type { CommandResult, CommandSpec } from '@src/shared/command';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const options = {
  platform: 'darwin' as const,
  profile: 'minikube',
  probeTargets: [],
  dnsName: 'example.com',
  probe: false,
};

function recordingPorts(answer: (spec: CommandSpec) => CommandResult = () => commandResult({ outcome: 'missing' })) {
  const keys: string[] = [];
  return {
    keys,
    ports: {
      runner: {
        run: async (spec: CommandSpec) => {
          keys.push(spec.key);
          return answer(spec);
        },
      },
      prober: { probe: async () => null },
      now: () => new Date('2026-01-01T00:00:00Z'),
    },
  };
}

describe('collector lanes', () => {
  it('runs only host commands in the structural lane, and the VM side only in the refine lane', async () => {
    const structural = recordingPorts();
    const parts = await collectLane('structural', structural.ports, options, NO_EVIDENCE);
    expect(Object.keys(parts)).toEqual(['host']);
    expect(structural.keys.sort()).toEqual(['ifconfig.txt', 'netstat-rn.txt', 'route-get-default.txt']);

    const refine = recordingPorts();
    const refined = await collectLane('refine', refine.ports, options, { ...NO_EVIDENCE, ...parts });
    expect(Object.keys(refined).sort()).toEqual(['dhcpdLeases', 'firewall', 'hostProbes', 'vm']);
    expect(refine.keys.some((key) => key.startsWith('minikube'))).toBe(true);
    // The firewall and bootpd's leases change with no address event: read with the probes, not on every event.
    expect(refine.keys).toEqual(
      expect.arrayContaining([
        'socketfilterfw-getglobalstate.txt',
        'socketfilterfw-getallowsigned.txt',
        'socketfilterfw-listapps.txt',
        'dhcpd-leases.txt',
      ]),
    );
    expect(refine.keys).not.toContain('ifconfig.txt');
  });

  it('assembles the same Snapshot for a one-off check as from the lanes merged by hand', async () => {
    const { ports } = recordingPorts();
    const host = await collectLane('structural', ports, options, NO_EVIDENCE);
    const merged = {
      ...NO_EVIDENCE,
      ...host,
      ...(await collectLane('refine', ports, options, { ...NO_EVIDENCE, ...host })),
    };
    expect(await collectSnapshot(ports, options)).toEqual(assembleSnapshot('darwin', ports.now(), merged));
  });

  it('notes each unusable outcome with its own problem, never by guessing from earlier notes', async () => {
    const outcomes: Record<string, Partial<CommandResult>> = {
      'ifconfig.txt': {
        outcome: 'refused',
        exitCode: null,
        detail: 'ifconfig.txt is 9.0 MB, over the 8 MB limit: refused',
      },
      'netstat-rn.txt': { outcome: 'timeout', exitCode: null },
      'route-get-default.txt': {
        outcome: 'failed',
        exitCode: 1,
        stderr: 'route: writing to routing socket: not in table\n',
      },
    };
    const { ports } = recordingPorts((spec) =>
      commandResult(outcomes[spec.key] ?? { outcome: 'missing', exitCode: null }),
    );
    const snapshot = await collectSnapshot(ports, options);
    expect(snapshot.inputs.map((note) => [note.source, note.problem])).toEqual([
      ['ifconfig.txt', 'refused'],
      ['netstat-rn.txt', 'timeout'],
      ['route-get-default.txt', 'failed'],
      ['minikube-profile-list.json', 'missing'],
      ['minikube-status.json', 'missing'],
      // Without the tool's answer the VM's own routes are looked for too.
      ['vm-ip-route.txt', 'missing'],
    ]);
    expect(snapshot.inputs[2]?.detail).toContain('not in table');
    // A bundle without minikube's answer says nothing about the VM.
    expect(snapshot.vm).toBeNull();
  });

  it('a tool missing from PATH costs one look-up and no process', async () => {
    const { keys, ports } = recordingPorts();
    const looked: string[] = [];
    const runner = {
      ...ports.runner,
      locate: (tool: string) => {
        looked.push(tool);
        return false;
      },
    };
    const snapshot = await collectSnapshot({ ...ports, runner }, options);
    expect(looked).toEqual(['minikube']);
    expect(keys.filter((key) => key.startsWith('minikube') || key === 'vm-probe.txt')).toEqual([]);
    expect(snapshot.vm).toMatchObject({ provider: 'minikube', availability: 'not-installed' });
  });
});
