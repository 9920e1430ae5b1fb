import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectSnapshot } from '@src/node/collect';
import { checkReplay, collectOptions } from '@src/node/engine';
import { recordBundle } from '@src/node/record-bundle';
import type { CommandSpec } from '@src/shared/command';
import { diagnoseAll } from '@src/shared/diagnosis';
import { extractIpRouteSection } from '@src/shared/vm-probe';
import { afterEach, describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const real = (path: string) => readFileSync(new URL(`../fixtures/real/${path}`, import.meta.url), 'utf8');
const PROFILE_LIST = real('minikube-profile-list/headlamp-plugins-json-vfkit-nat-DECOMMENTED.json');
const STATUS =
  '{"Name":"minikube-1","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}';
const PROBE = `@@bridgelight-vm-probe v1\n@@section ip-route\n${real('vm-ip-route/apple-container-vmnet-ip-route-EXCERPT.txt')}@@end\n`;

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('recording a v2 bundle', () => {
  it('records minikube profile list, names the VM with its driver and network, and replays to the same diagnosis', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-record-'));
    const out = join(dir, 'bundle');
    const answers: Record<string, string> = {
      'minikube-profile-list.json': PROFILE_LIST,
      'minikube-status.json': STATUS,
      'vm-probe.txt': PROBE,
    };
    const run = async (spec: CommandSpec) =>
      spec.key in answers
        ? commandResult({ stdout: answers[spec.key] })
        : commandResult({ outcome: 'failed', exitCode: 1 });
    const recorded = await recordBundle(
      {
        // Only minikube is installed: the other providers' tools are not on PATH.
        livePorts: () => ({
          runner: { run, locate: (tool) => tool === 'minikube' },
          prober: { probe: async () => null },
        }),
        collect: collectSnapshot,
        diagnose: diagnoseAll,
        extractIpRouteSection,
        redact: null,
      },
      {
        dir: out,
        options: collectOptions('darwin', { probe: false }),
        generator: 'test',
        now: () => new Date('2026-01-01T00:00:00Z'),
      },
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ version: 2, profile: 'minikube-1' });
    expect(manifest.vms).toEqual([
      {
        provider: 'minikube',
        name: 'minikube-1',
        driver: 'vfkit',
        network: 'vmnet-shared',
        files: ['minikube-profile-list.json', 'minikube-status.json', 'vm-probe.txt', 'vm-ip-route.txt'],
      },
    ]);
    expect(readFileSync(join(out, 'minikube-profile-list.json'), 'utf8')).toBe(PROFILE_LIST);
    const replayed = await checkReplay(out, {});
    expect(replayed.diagnosis).toEqual(JSON.parse(readFileSync(join(out, 'diagnosis.json'), 'utf8')));
    expect(replayed.diagnosis.vm).toMatchObject({ profile: 'minikube-1', driver: 'vfkit', network: 'vmnet-shared' });
    expect(recorded.verdict).toBe(replayed.diagnosis.verdict);
  });
});
