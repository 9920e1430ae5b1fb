import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectPorts } from '@src/node/collect';
import { checkReplay, collectOptions } from '@src/node/engine';
import { minikube } from '@src/node/providers/minikube';
import { bundleEngine, recordBundle } from '@src/node/record-bundle';
import type { CommandSpec } from '@src/shared/command';
import type { Diagnosis } from '@src/shared/model';
import { afterEach, describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';
import {
  LIMA_LIST_KEY,
  LIMA_TWO_RUNNING,
  limaStandIn,
  MINIKUBE_ONE_PROFILE,
  MINIKUBE_STATUS,
} from '../support/stand-in-providers';

const bundlePath = (name: string) => new URL(`../fixtures/bundles/${name}/`, import.meta.url).pathname;
const seedFile = (file: string) => readFileSync(join(bundlePath('seed'), file), 'utf8');
const STAND_INS = [minikube, limaStandIn];

/** The seed Mac (stale first address on en0, bridge100) running minikube-1 and two Lima instances behind it. */
function seedMacWithThreeVms(): CollectPorts {
  const host: Record<string, string> = {
    'ifconfig.txt': seedFile('ifconfig.txt'),
    'netstat-rn.txt': seedFile('netstat-rn.txt'),
    'route-get-default.txt': seedFile('route-get-default.txt'),
    'ipconfig-getpacket-en0.txt': seedFile('ipconfig-getpacket-en0.txt'),
  };
  // Each VM's script prints the seed VM's table: a default via bridge100's 192.168.77.1.
  const probe = `@@bridgelight-vm-probe v1\n@@section ip-route\n${seedFile('vm-ip-route.txt')}@@end\n`;
  const run = async (spec: CommandSpec) => {
    if (spec.key in host) return commandResult({ stdout: host[spec.key] });
    if (spec.key === 'minikube-profile-list.json') return commandResult({ stdout: MINIKUBE_ONE_PROFILE() });
    if (spec.key === LIMA_LIST_KEY) return commandResult({ stdout: LIMA_TWO_RUNNING() });
    if (spec.key.endsWith('minikube-status.json')) return commandResult({ stdout: MINIKUBE_STATUS });
    if (spec.key.endsWith('vm-probe.txt')) return commandResult({ stdout: probe });
    return commandResult({ outcome: 'failed', exitCode: 1 });
  };
  return { runner: { run, locate: () => true }, prober: { probe: async () => null }, providers: STAND_INS };
}

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function recordThreeVms(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'bl-multivm-'));
  const out = join(dir, 'bundle');
  await recordBundle(bundleEngine(seedMacWithThreeVms, null), {
    dir: out,
    options: collectOptions('darwin', { probe: false }),
    generator: 'test',
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return out;
}

const recordedDiagnosis = (out: string) => JSON.parse(readFileSync(join(out, 'diagnosis.json'), 'utf8')) as Diagnosis;

describe('a v2 bundle of several VMs', () => {
  it("holds each VM's files under its own name, listed in the manifest", async () => {
    const out = await recordThreeVms();
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.version).toBe(2);
    expect(
      manifest.vms.map((vm: { provider: string; name: string; files: string[] }) => [vm.provider, vm.name, vm.files]),
    ).toEqual([
      [
        'minikube',
        'minikube-1',
        [
          'minikube-profile-list.json',
          'minikube.minikube-1.minikube-status.json',
          'minikube.minikube-1.vm-probe.txt',
          'minikube.minikube-1.vm-ip-route.txt',
        ],
      ],
      ['lima', 'test', [LIMA_LIST_KEY, 'lima.test.vm-probe.txt', 'lima.test.vm-ip-route.txt']],
      ['lima', 'test2', [LIMA_LIST_KEY, 'lima.test2.vm-probe.txt', 'lima.test2.vm-ip-route.txt']],
    ]);
    for (const vm of manifest.vms) for (const file of vm.files) expect(existsSync(join(out, file))).toBe(true);
    // No VM's file under a plain name: a reader of v1 names finds none of them.
    expect(existsSync(join(out, 'vm-probe.txt'))).toBe(false);
  });

  it('replays to the same multi-VM answer: all three vmnet VMs red, the stale NAT source said once', async () => {
    const out = await recordThreeVms();
    const replayed = await checkReplay(out, {}, { providers: STAND_INS });
    expect(replayed.diagnosis).toEqual(recordedDiagnosis(out));
    expect(replayed.diagnosis.vms?.map((vm) => [vm.ref, vm.bridge, vm.verdict])).toEqual([
      ['minikube/minikube-1', 'bridge100', 'red'],
      ['lima/test', 'bridge100', 'red'],
      ['lima/test2', 'bridge100', 'red'],
    ]);
    expect(replayed.diagnosis.findings.filter((finding) => finding.id === 'nat-source-stale')).toHaveLength(1);
  });

  it('replays one VM of it with --vm, from that VM’s own files', async () => {
    const out = await recordThreeVms();
    const replayed = await checkReplay(out, { vms: [{ provider: 'lima', name: 'test2' }] }, { providers: STAND_INS });
    expect(replayed.diagnosis.vms?.map((vm) => vm.ref)).toEqual(['lima/test2']);
    expect(replayed.diagnosis.vm).toMatchObject({ provider: 'lima', profile: 'test2', gateway: '192.168.77.1' });
    // Its probe came from its own file: no note says a VM file was missing.
    expect(replayed.snapshot.inputs.filter((note) => /vm-probe|vm-ip-route|limactl/.test(note.source))).toEqual([]);
  });
});

describe('v1 bundles replay exactly as before', () => {
  it('asks no provider the bundle never ran, whatever providers there are', async () => {
    const alone = await checkReplay(bundlePath('seed'), {});
    const withMore = await checkReplay(bundlePath('seed'), {}, { providers: STAND_INS });
    expect(withMore.diagnosis).toEqual(alone.diagnosis);
    expect(withMore.diagnosis.vms?.map((vm) => vm.ref)).toEqual(['minikube/minikube']);
  });
});
