// The CLI on a recorded bundle of two minikube profiles (named with --vm, each recorded under its own name): the
// JSON contract's `vms` and per-finding `vm`, the exit status from the worst VM, and a metric set per VM.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectOptions } from '@src/node/engine';
import { bundleEngine, recordBundle } from '@src/node/record-bundle';
import type { CommandSpec } from '@src/shared/command';
import type { Diagnosis } from '@src/shared/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { commandResult } from '../support/command-result';

const seed = (file: string) =>
  readFileSync(new URL(`../fixtures/bundles/seed/${file}`, import.meta.url).pathname, 'utf8');

let dir = '';
let bundle = '';

/** The seed Mac; profile `minikube` behind bridge100 cannot reach its target, profile `dev` is stopped. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bl-cli-multivm-'));
  bundle = join(dir, 'bundle');
  const files: Record<string, string> = {
    'ifconfig.txt': seed('ifconfig.txt'),
    'netstat-rn.txt': seed('netstat-rn.txt'),
    'route-get-default.txt': seed('route-get-default.txt'),
    'ipconfig-getpacket-en0.txt': seed('ipconfig-getpacket-en0.txt'),
    'minikube.minikube.minikube-status.json': seed('minikube-status.json'),
    'minikube.minikube.vm-probe.txt': `@@bridgelight-vm-probe v1\n@@section ip-route\n${seed('vm-ip-route.txt')}@@end\n`,
  };
  const run = async (spec: CommandSpec) => {
    if (spec.key in files) return commandResult({ stdout: files[spec.key] });
    // minikube's own words for a stopped profile (exit 7, JSON on stdout).
    if (spec.key === 'minikube.dev.minikube-status.json')
      return commandResult({
        exitCode: 7,
        stdout: seed('minikube-status.json')
          .replace('"Running"', '"Stopped"')
          .replace(/"Running"/g, '"Stopped"'),
      });
    return commandResult({ outcome: 'failed', exitCode: 1 });
  };
  await recordBundle(
    bundleEngine(() => ({ runner: { run, locate: () => true }, prober: { probe: async () => null } }), null),
    {
      dir: bundle,
      options: collectOptions('darwin', {
        probe: false,
        vms: [
          { provider: 'minikube', name: 'minikube' },
          { provider: 'minikube', name: 'dev' },
        ],
      }),
      generator: 'test',
    },
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check --replay of a bundle of two VMs', () => {
  it('--json: one object, top-level fields the first VM’s, vms for both, VM findings naming their VM', async () => {
    const run = await runCli(['check', '--json', '--replay', bundle]);
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    expect(diagnosis.vm).toMatchObject({ provider: 'minikube', profile: 'minikube', state: 'Running' });
    expect(diagnosis.vms?.map((vm) => [vm.ref, vm.state])).toEqual([
      ['minikube/minikube', 'Running'],
      ['minikube/dev', 'Stopped'],
    ]);
    expect(diagnosis.findings.find((f) => f.id === 'vm-not-running')?.vm).toBe('minikube/dev');
    expect(diagnosis.findings.find((f) => f.id === 'nat-source-stale')).not.toHaveProperty('vm');
    // The exit status is the worst VM's.
    expect(diagnosis.verdict).toBe('red');
    expect(run.code).toBe(2);
  });

  it('--vm picks one of them', async () => {
    const run = await runCli(['check', '--json', '--replay', bundle, '--vm', 'minikube/dev']);
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    expect(diagnosis.vms?.map((vm) => vm.ref)).toEqual(['minikube/dev']);
    expect(diagnosis.vm).toMatchObject({ profile: 'dev', state: 'Stopped' });
  });

  it('--format prometheus: a series set per VM', async () => {
    const run = await runCli(['check', '--format', 'prometheus', '--replay', bundle]);
    const verdicts = run.stdout.split('\n').filter((line) => line.startsWith('bridgelight_verdict{'));
    expect(verdicts).toEqual([
      'bridgelight_verdict{provider="minikube",vm="minikube"} 2',
      expect.stringMatching(/^bridgelight_verdict\{provider="minikube",vm="dev"\} [0-3]$/),
    ]);
    expect(run.stdout).toContain(
      'bridgelight_finding{provider="minikube",vm="dev",id="vm-not-running",severity="warning"} 1',
    );
  });
});
