import { readFileSync } from 'node:fs';
import { Notes } from '@src/node/command-outcome';
import type { HostProber } from '@src/node/probes';
import { collectVm } from '@src/node/providers';
import { reachTarget, reachVm } from '@src/node/vm-reach';
import type { CommandSpec } from '@src/shared/command';
import type { VmListing } from '@src/shared/vm';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const listing = (extra: Partial<VmListing> = {}): VmListing => ({
  provider: 'minikube',
  name: 'minikube',
  state: 'running',
  rawState: 'Running',
  ips: ['192.168.105.2'],
  driver: 'qemu2',
  network: 'vmnet-shared',
  networkEvidence: [],
  ...extra,
});

describe('which VM this Mac connects to', () => {
  it('is the first usable IPv4 of a vmnet VM, on the ssh port, and only on macOS', () => {
    expect(reachTarget('darwin', listing())).toBe('192.168.105.2:22');
    expect(reachTarget('darwin', listing({ network: 'vmnet-bridged', ips: ['fe80::1', '10.0.0.7'] }))).toBe(
      '10.0.0.7:22',
    );
    expect(reachTarget('linux', listing())).toBeNull();
  });

  it('is none for a user-mode or unknown network, a loopback address or no address', () => {
    expect(reachTarget('darwin', listing({ network: 'user-mode' }))).toBeNull();
    expect(reachTarget('darwin', listing({ network: 'unknown' }))).toBeNull();
    expect(reachTarget('darwin', listing({ ips: ['127.0.0.1', '0.0.0.0'] }))).toBeNull();
    expect(reachTarget('darwin', listing({ ips: [] }))).toBeNull();
    expect(reachTarget('darwin', null)).toBeNull();
  });

  it('asks the prober only when a target applies and the prober can reach', async () => {
    const asked: string[] = [];
    const prober: HostProber = {
      probe: async () => null,
      reach: async (target) => {
        asked.push(target);
        return { target, ok: true, ms: 3, error: null };
      },
    };
    expect(await reachVm(prober, 'darwin', listing(), 500)).toMatchObject({ ok: true });
    expect(await reachVm(prober, 'linux', listing(), 500)).toBeUndefined();
    expect(await reachVm({ probe: async () => null }, 'darwin', listing(), 500)).toBeUndefined();
    expect(asked).toEqual(['192.168.105.2:22']);
  });
});

describe('the VM observation', () => {
  const fixture = (name: string) => readFileSync(`test/fixtures/real/minikube-profile-list/${name}`, 'utf8');
  // A real `minikube profile list -o json`: vfkit on vmnet shared (nat).
  const vfkit = fixture('headlamp-plugins-json-vfkit-nat-DECOMMENTED.json');

  function observe(profileList: string, platform: 'darwin' | 'linux' = 'darwin') {
    const reaches: string[] = [];
    const prober: HostProber = {
      probe: async () => null,
      reach: async (target) => {
        reaches.push(target);
        return { target, ok: false, ms: null, error: 'EHOSTUNREACH' };
      },
    };
    const runner = {
      run: async (spec: CommandSpec) => {
        if (spec.key === 'minikube-profile-list.json') return commandResult({ stdout: profileList });
        if (spec.key === 'minikube-status.json')
          return commandResult({ stdout: '{"Name":"minikube-1","Host":"Running","Kubelet":"Running"}' });
        return commandResult({ outcome: 'failed', exitCode: 1, stderr: 'ssh: connect: no route to host\n' });
      },
    };
    const options = {
      platform,
      profile: null,
      probeTargets: [],
      dnsName: 'example.com',
      probe: false,
    };
    return { reaches, vm: collectVm({ runner, prober }, options, new Notes()) };
  }

  it('carries the connect made to a vmnet VM, so a denial reaches the diagnosis', async () => {
    const { reaches, vm } = observe(vfkit);
    expect((await vm)?.reach).toEqual({ target: '192.168.64.48:22', ok: false, ms: null, error: 'EHOSTUNREACH' });
    expect(reaches).toEqual(['192.168.64.48:22']);
  });

  it('makes no connect on Linux, which has no such privacy check', async () => {
    const { reaches, vm } = observe(vfkit, 'linux');
    expect((await vm)?.listing?.network).toBe('vmnet-shared');
    expect((await vm)?.reach).toBeUndefined();
    expect(reaches).toEqual([]);
  });
});
