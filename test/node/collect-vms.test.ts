import { type CollectOptions, type CollectPorts, collectSnapshot } from '@src/node/collect';
import { Notes } from '@src/node/command-outcome';
import { collectVms } from '@src/node/providers';
import { minikube } from '@src/node/providers/minikube';
import type { CommandResult, CommandSpec } from '@src/shared/command';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';
import {
  LIMA_LIST_KEY,
  LIMA_TWO_RUNNING,
  limaStandIn,
  MINIKUBE_ONE_PROFILE,
  MINIKUBE_STATUS,
  probeOutput,
} from '../support/stand-in-providers';

const options: CollectOptions = {
  platform: 'darwin',
  profile: null,
  probeTargets: [],
  dnsName: 'example.com',
  probe: false,
};

interface FakeMac {
  ports: CollectPorts;
  specs: CommandSpec[];
  located: string[];
  /** The most probe execs that were running at one moment. */
  peakProbes: () => number;
}

/** A Mac with minikube (one profile) and Lima (two instances); every answer waits `delayMs` (no timing asserted). */
function fakeMac(
  setup: {
    missing?: string[];
    delayMs?: number;
    answer?: (spec: CommandSpec) => CommandResult | 'hang' | undefined;
  } = {},
): FakeMac {
  const specs: CommandSpec[] = [];
  const located: string[] = [];
  let probes = 0;
  let peak = 0;
  const standard = (spec: CommandSpec): CommandResult => {
    if (spec.key === 'minikube-profile-list.json') return commandResult({ stdout: MINIKUBE_ONE_PROFILE() });
    if (spec.key.endsWith('minikube-status.json')) return commandResult({ stdout: MINIKUBE_STATUS });
    if (spec.key === LIMA_LIST_KEY) return commandResult({ stdout: LIMA_TWO_RUNNING() });
    if (spec.key.endsWith('vm-probe.txt')) return commandResult({ stdout: probeOutput() });
    return commandResult({ outcome: 'missing', exitCode: null });
  };
  return {
    specs,
    located,
    peakProbes: () => peak,
    ports: {
      providers: [minikube, limaStandIn],
      prober: { probe: async () => null },
      now: () => new Date('2026-01-01T00:00:00Z'),
      runner: {
        locate: (tool) => {
          located.push(tool);
          return !(setup.missing ?? []).includes(tool);
        },
        async run(spec) {
          specs.push(spec);
          const isProbe = spec.key.endsWith('vm-probe.txt');
          if (isProbe) peak = Math.max(peak, ++probes);
          const answer = setup.answer?.(spec) ?? standard(spec);
          // A hanging command is ended by its timeout, as the live runner ends it.
          const wait = answer === 'hang' ? spec.timeoutMs : (setup.delayMs ?? 0);
          await new Promise((resolve) => setTimeout(resolve, wait));
          if (isProbe) probes--;
          return answer === 'hang' ? commandResult({ outcome: 'timeout', exitCode: null }) : answer;
        },
      },
    },
  };
}

const refs = (vms: { provider: string; profile: string }[]) => vms.map((vm) => `${vm.provider}/${vm.profile}`);

describe('collecting every VM', () => {
  it('observes every running VM of every installed provider, each probed exactly once', async () => {
    const mac = fakeMac();
    const vms = await collectVms(mac.ports, options, new Notes());
    expect(refs(vms)).toEqual(['minikube/minikube-1', 'lima/test', 'lima/test2']);
    expect(vms.every((vm) => vm.probe?.routes?.length)).toBe(true);
    const probes = mac.specs.filter((spec) => spec.key.endsWith('vm-probe.txt')).map((spec) => spec.key);
    // Several VMs: each VM's files under its own name.
    expect(probes.sort()).toEqual([
      'lima.test.vm-probe.txt',
      'lima.test2.vm-probe.txt',
      'minikube.minikube-1.vm-probe.txt',
    ]);
    expect(mac.specs.filter((spec) => spec.key.endsWith('minikube-status.json')).map((spec) => spec.key)).toEqual([
      'minikube.minikube-1.minikube-status.json',
    ]);
  });

  it('runs the probe execs of all VMs at once', async () => {
    const mac = fakeMac({ delayMs: 30 });
    await collectVms(mac.ports, options, new Notes());
    expect(mac.peakProbes()).toBe(3);
  });

  it('costs a missing tool one look-up and no process, and keeps v1 plain names for a lone VM', async () => {
    const mac = fakeMac({ missing: ['limactl'] });
    const vms = await collectVms(mac.ports, options, new Notes());
    expect(mac.located).toEqual(['minikube', 'limactl']);
    expect(mac.specs.some((spec) => spec.argv[0] === 'limactl')).toBe(false);
    expect(refs(vms)).toEqual(['minikube/minikube-1']);
    expect(mac.specs.map((spec) => spec.key)).toEqual([
      'minikube-profile-list.json',
      'minikube-status.json',
      'vm-probe.txt',
    ]);
  });

  it('holds every exec of the check to one deadline, and a hung VM costs only its own answer', async () => {
    const mac = fakeMac({ answer: (spec) => (spec.argv.includes('test2') ? 'hang' : undefined) });
    const vms = await collectVms(
      mac.ports,
      { ...options, timeouts: { vmDeadlineMs: 150, minikubeSshMs: 60_000, minikubeStatusMs: 60_000 } },
      new Notes(),
    );
    // No command was given more time than the deadline, however long its own timeout.
    expect(mac.specs.every((spec) => spec.timeoutMs <= 150)).toBe(true);
    expect(refs(vms)).toEqual(['minikube/minikube-1', 'lima/test', 'lima/test2']);
    expect(vms[2]!.probeError).toMatch(/did not answer/);
    expect(vms[0]!.probe).not.toBeNull();
    expect(vms[1]!.probe).not.toBeNull();
  });

  it("a provider whose listing hangs: its VMs are unknown ('timeout'), the others still answer", async () => {
    const mac = fakeMac({ answer: (spec) => (spec.key === LIMA_LIST_KEY ? 'hang' : undefined) });
    const notes = new Notes();
    const vms = await collectVms(mac.ports, { ...options, timeouts: { minikubeStatusMs: 50 } }, notes);
    expect(vms.map((vm) => [`${vm.provider}/${vm.profile}`, vm.availability])).toEqual([
      ['minikube/minikube-1', 'ok'],
      ['lima/default', 'timeout'],
    ]);
    expect(notes.list).toContainEqual(expect.objectContaining({ source: LIMA_LIST_KEY, problem: 'timeout' }));
    expect(mac.specs.filter((spec) => spec.argv[0] === 'limactl')).toHaveLength(1);
  });

  it('a provider printing garbage: a note names its listing, the others still answer', async () => {
    const mac = fakeMac({
      answer: (spec) => (spec.key === LIMA_LIST_KEY ? commandResult({ stdout: '<html>502</html>' }) : undefined),
    });
    const snapshot = await collectSnapshot(mac.ports, options);
    expect(snapshot.inputs).toContainEqual(expect.objectContaining({ source: LIMA_LIST_KEY, problem: 'unparseable' }));
    expect(refs(snapshot.vms ?? [])).toEqual(['minikube/minikube-1']);
  });

  it('falls back to the first installed provider when nothing runs, and to "not installed" when no tool is', async () => {
    const none = fakeMac({ missing: ['minikube', 'limactl'] });
    expect(await collectVms(none.ports, options, new Notes())).toEqual([
      {
        provider: 'minikube',
        profile: 'minikube',
        availability: 'not-installed',
        state: null,
        probe: null,
        probeError: null,
      },
    ]);
    expect(none.specs).toEqual([]);
  });
});

describe('--vm selection', () => {
  it('PROVIDER/NAME: only that VM, and no other provider is asked', async () => {
    const mac = fakeMac();
    const vms = await collectVms(mac.ports, { ...options, vms: [{ provider: 'lima', name: 'test2' }] }, new Notes());
    expect(refs(vms)).toEqual(['lima/test2']);
    expect(mac.located).toEqual(['limactl']);
    expect(mac.specs.some((spec) => spec.argv[0] === 'minikube')).toBe(false);
  });

  it('PROVIDER alone: every VM of that provider', async () => {
    const mac = fakeMac();
    const vms = await collectVms(mac.ports, { ...options, vms: [{ provider: 'lima', name: null }] }, new Notes());
    expect(refs(vms)).toEqual(['lima/test', 'lima/test2']);
  });

  it('--profile NAME is --vm minikube/NAME', async () => {
    const mac = fakeMac();
    const vms = await collectVms(mac.ports, { ...options, profile: 'minikube-1' }, new Notes());
    expect(refs(vms)).toEqual(['minikube/minikube-1']);
    expect(mac.specs.some((spec) => spec.argv[0] === 'limactl')).toBe(false);
  });

  it('a provider named but not installed: its VM is "not installed", the others still come', async () => {
    const mac = fakeMac({ missing: ['limactl'] });
    const vms = await collectVms(
      mac.ports,
      {
        ...options,
        vms: [
          { provider: 'minikube', name: null },
          { provider: 'lima', name: 'dev' },
        ],
      },
      new Notes(),
    );
    expect(vms.map((vm) => [`${vm.provider}/${vm.profile}`, vm.availability])).toEqual([
      ['minikube/minikube-1', 'ok'],
      ['lima/dev', 'not-installed'],
    ]);
  });
});
