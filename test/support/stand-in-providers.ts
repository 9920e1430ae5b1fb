// Stand-in providers for tests and benches of the multi-VM core: a Lima that lists with `limactl list --json`
// (parsed by the real Lima parser, fed real listing samples) and runs the probe with `limactl shell`. The real
// provider files are src/node/providers/*; these only keep the core's tests independent of them.
import { readFileSync } from 'node:fs';
import { parseInto, runCommand } from '@src/node/command-outcome';
import type { VmProvider } from '@src/node/providers/port';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import { parseLimaList } from '@src/shared/parsers/providers/lima';

export const LIMA_LIST_KEY = 'limactl-list.json';

export const limaStandIn: VmProvider = {
  id: 'lima',
  tool: 'limactl',
  defaultName: 'default',
  async list({ runner, notes, timeouts }) {
    const spec = { key: LIMA_LIST_KEY, argv: ['limactl', 'list', '--json'], timeoutMs: timeouts.minikubeStatusMs };
    const outcome = await runCommand(runner, notes, spec);
    return parseInto(notes, LIMA_LIST_KEY, outcome.text, parseLimaList);
  },
  // Lima's listing carries each instance's state: no command of its own.
  async state(_context, _name, listing) {
    if (listing === null) return null;
    return { availability: 'ok', state: listing.rawState, running: listing.state === 'running' };
  },
  probeExec: ({ timeouts, vmKey }, name, encodedScript) => ({
    key: vmKey(name, BUNDLE_FILES.vmProbe),
    argv: ['limactl', 'shell', name, '--', 'sh', '-c', `echo ${encodedScript} | base64 -d | sh`],
    timeoutMs: timeouts.minikubeSshMs,
  }),
};

export const real = (path: string): string =>
  readFileSync(new URL(`../fixtures/real/${path}`, import.meta.url), 'utf8');

/** `limactl list --json` with two vz instances on vzNAT, both running (trellis-cli's test data). */
export const LIMA_TWO_RUNNING = () => real('lima/trellis-cli-limactl-ls-json-vz-vznat-two-running-EDITED.jsonl');
/** minikube's profile list with one vfkit profile, `minikube-1`, status OK (headlamp's plugin data). */
export const MINIKUBE_ONE_PROFILE = () =>
  real('minikube-profile-list/headlamp-plugins-json-vfkit-nat-DECOMMENTED.json');
export const MINIKUBE_STATUS =
  '{"Name":"minikube-1","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}';
/** The probe script's output around a real VM routing table. */
export const probeOutput = (routesFile = 'vm-ip-route/apple-container-vmnet-ip-route-EXCERPT.txt') =>
  `@@bridgelight-vm-probe v1\n@@section ip-route\n${real(routesFile)}@@end\n`;
