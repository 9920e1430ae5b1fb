// minikube on the VmProvider port: `minikube profile list -o json` lists the profiles with driver and network,
// `minikube status -o json -p P` gives one profile's state, `minikube ssh -p P -- …` runs the probe script.
import { BUNDLE_FILES } from '../../shared/bundle-format';
import { parseMinikubeStatus } from '../../shared/parsers/minikube-status';
import { parseMinikubeProfileList } from '../../shared/parsers/providers/minikube';
import { parseInto, runCommand, saysNothing } from '../command-outcome';
import type { VmProvider } from './port';

function minikubeArgv(profile: string, ...rest: string[]): string[] {
  return ['minikube', ...rest.slice(0, 1), '-p', profile, ...rest.slice(1)];
}

export const minikube: VmProvider = {
  id: 'minikube',
  tool: 'minikube',
  defaultName: 'minikube',

  async list({ runner, notes, timeouts }) {
    const spec = {
      key: BUNDLE_FILES.minikubeProfileList,
      argv: ['minikube', 'profile', 'list', '-o', 'json'],
      timeoutMs: timeouts.minikubeStatusMs,
    };
    const outcome = await runCommand(runner, notes, spec);
    return parseInto(notes, BUNDLE_FILES.minikubeProfileList, outcome.text, parseMinikubeProfileList);
  },

  async state({ runner, notes, timeouts, vmKey }, profile) {
    const status = await runCommand(
      runner,
      notes,
      {
        key: vmKey(profile, BUNDLE_FILES.minikubeStatus),
        argv: minikubeArgv(profile, 'status', '-o', 'json'),
        timeoutMs: timeouts.minikubeStatusMs,
      },
      true, // minikube status exits non-zero for a stopped VM and still prints its JSON
    );
    if (status.result.outcome === 'not-found') return { availability: 'not-installed', state: null, running: false };
    if (status.result.outcome === 'timeout') return { availability: 'timeout', state: null, running: false };
    // A bundle without minikube's answer says nothing about the VM; a live failure does.
    if (status.text === null)
      return saysNothing(status.result) ? null : { availability: 'failed', state: null, running: false };
    const parsed = parseMinikubeStatus(status.text);
    if (!parsed.ok) {
      // Unreadable output says nothing about the VM: its hops become unknown and the note names the file.
      notes.add(vmKey(profile, BUNDLE_FILES.minikubeStatus), 'unparseable', parsed.error);
      return null;
    }
    const state = parsed.value.state;
    return { availability: 'ok', state, running: state === 'Running' };
  },

  probeExec: ({ timeouts, vmKey }, profile, encodedScript) => ({
    key: vmKey(profile, BUNDLE_FILES.vmProbe),
    argv: minikubeArgv(profile, 'ssh', '--', `echo ${encodedScript} | base64 -d | sh`),
    timeoutMs: timeouts.minikubeSshMs,
  }),
};
