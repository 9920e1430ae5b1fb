// The providers inside the multi-VM collection (collectVms), replayed on real listing samples: every installed
// tool lists once, every running VM is probed exactly once under its own key, and a tool missing from PATH costs
// no process at all.
import { Notes } from '@src/node/command-outcome';
import { collectOptions } from '@src/node/engine';
import { collectVms } from '@src/node/providers';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import type { CommandSpec } from '@src/shared/command';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../../support/command-result';
import { realSample } from './replay';

const ROUTES = realSample('vm-ip-route/apple-container-vmnet-ip-route-EXCERPT.txt');
const PROBE = `@@bridgelight-vm-probe v1\n@@section ip-route\n${ROUTES}@@status 0\n@@end\n`;
const UUID = 'C0DE927B-F426-4ABA-A6E7-E30AA429371F';
const INSTALLED = new Set(['limactl', 'container', 'utmctl']);

const ANSWERS: Record<string, string> = {
  [BUNDLE_FILES.limaList]: realSample('lima/trellis-cli-limactl-ls-json-vz-vznat-two-running-EDITED.jsonl'),
  [BUNDLE_FILES.containerList]: realSample('container/crane-container-1.0-ls-all-format-json-running-EDITED.json'),
  [BUNDLE_FILES.utmList]: realSample('utm/tailscale-gokrazy-utm-md-utmctl-list-one-started.txt'),
  // utmctl prints one address per line, IPv4 first (utmctl/UTMCtl.swift, IPAddress; see SOURCES.md).
  'utm.Tsapp.utmctl-ip-address.txt': '192.168.64.5\n',
};

function ports() {
  const specs: CommandSpec[] = [];
  const located: string[] = [];
  return {
    specs,
    located,
    ports: {
      runner: {
        locate: (tool: string) => {
          located.push(tool);
          return INSTALLED.has(tool);
        },
        run: async (spec: CommandSpec) => {
          specs.push(spec);
          if (spec.key.endsWith(BUNDLE_FILES.vmProbe)) return commandResult({ stdout: PROBE });
          const stdout = ANSWERS[spec.key];
          return stdout === undefined
            ? commandResult({ outcome: 'not-found', exitCode: null })
            : commandResult({ stdout });
        },
      },
      prober: { probe: async () => null },
    },
  };
}

describe('the providers in the multi-VM collection', () => {
  it('lists each installed tool once and probes each running VM exactly once, under its own key', async () => {
    const { ports: collectPorts, specs, located } = ports();
    const vms = await collectVms(collectPorts, collectOptions('darwin', { probe: false }), new Notes());
    expect(vms.map((vm) => `${vm.provider}/${vm.profile} ${vm.availability} ${vm.probe?.routes?.length}`)).toEqual([
      'lima/test ok 2',
      'lima/test2 ok 2',
      'container/crane-test ok 2',
      'utm/Tsapp ok 2',
    ]);
    const keys = specs.map((spec) => spec.key).sort();
    expect(keys).toEqual(
      [
        BUNDLE_FILES.limaList,
        BUNDLE_FILES.containerList,
        BUNDLE_FILES.utmList,
        'utm.Tsapp.utmctl-ip-address.txt',
        'lima.test.vm-probe.txt',
        'lima.test2.vm-probe.txt',
        'container.crane-test.vm-probe.txt',
        'utm.Tsapp.vm-probe.txt',
      ].sort(),
    );
    // The tools not installed were looked up on PATH, and nothing of theirs ran.
    expect(located).toEqual(expect.arrayContaining(['minikube', 'colima', 'multipass', 'tart', 'podman']));
    expect(specs.some((spec) => ['minikube', 'colima', 'multipass', 'tart', 'podman'].includes(spec.argv[0]!))).toBe(
      false,
    );
    // UTM's VM is exec-ed by the UUID its listing gave, and keeps the address its look-up found.
    expect(specs.find((spec) => spec.key === 'utm.Tsapp.vm-probe.txt')?.argv.slice(0, 3)).toEqual([
      'utmctl',
      'exec',
      UUID,
    ]);
    expect(vms.find((vm) => vm.provider === 'utm')?.listing?.ips).toEqual(['192.168.64.5']);
  });
});
