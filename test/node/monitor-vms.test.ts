// The watch engine with several VMs: its updates carry the multi-VM diagnosis (every VM, each probed once per
// refine round), which the app and `watch` pass on as they are.
import { readFileSync } from 'node:fs';
import type { CollectPorts } from '@src/node/collect';
import { Monitor } from '@src/node/monitor';
import { minikube } from '@src/node/providers/minikube';
import type { CommandSpec } from '@src/shared/command';
import { afterEach, describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';
import {
  LIMA_LIST_KEY,
  LIMA_TWO_RUNNING,
  limaStandIn,
  MINIKUBE_ONE_PROFILE,
  MINIKUBE_STATUS,
} from '../support/stand-in-providers';

const linux = (name: string) => readFileSync(new URL(`../fixtures/linux/${name}`, import.meta.url), 'utf8');

let monitor: Monitor | null = null;
afterEach(() => monitor?.stop());

describe('the monitor with several VMs', () => {
  it('publishes every VM in one diagnosis, each VM probed exactly once per round', async () => {
    const probes: string[] = [];
    const ports: CollectPorts = {
      providers: [minikube, limaStandIn],
      prober: { probe: async () => null },
      runner: {
        locate: () => true,
        run: async (spec: CommandSpec) => {
          if (spec.key === 'ip-addr.json') return commandResult({ stdout: linux('ns-ip-j-addr-show.json') });
          if (spec.key === 'ip-route.json') return commandResult({ stdout: linux('ns-ip-j-route-show.json') });
          if (spec.key === 'minikube-profile-list.json') return commandResult({ stdout: MINIKUBE_ONE_PROFILE() });
          if (spec.key === LIMA_LIST_KEY) return commandResult({ stdout: LIMA_TWO_RUNNING() });
          if (spec.key.endsWith('minikube-status.json')) return commandResult({ stdout: MINIKUBE_STATUS });
          if (spec.key.endsWith('vm-probe.txt')) {
            probes.push(spec.key);
            return commandResult({
              stdout: '@@bridgelight-vm-probe v1\n@@section ip-route\ndefault via 192.168.77.1 dev eth0\n@@end\n',
            });
          }
          return commandResult({ outcome: 'failed', exitCode: 1 });
        },
      },
    };
    monitor = new Monitor(
      ports,
      { start: () => undefined, stop: () => undefined },
      {
        platform: 'linux',
        check: { probe: false },
      },
    );
    const first = await monitor.start();
    expect(first.diagnosis.vms?.map((vm) => vm.ref)).toEqual(['minikube/minikube-1', 'lima/test', 'lima/test2']);
    expect(first.snapshot.vms).toHaveLength(3);
    expect(probes.sort()).toEqual([
      'lima.test.vm-probe.txt',
      'lima.test2.vm-probe.txt',
      'minikube.minikube-1.vm-probe.txt',
    ]);
  });
});
