// minikube on the VmProvider port, replayed on real captures: the profile listing, one profile's state from
// `minikube status` (which exits non-zero for a stopped VM and still prints its answer), and the probe exec.
import { DEFAULT_TIMEOUTS } from '@src/node/collect';
import { minikube } from '@src/node/providers/minikube';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';
import { NOT_FOUND, realSample, replay, TIMED_OUT, text } from './replay';

const PROFILES = realSample('minikube-profile-list/headlamp-plugins-json-vfkit-nat-DECOMMENTED.json');
const STATUS_KEY = `vm-dev/${BUNDLE_FILES.minikubeStatus}`;

describe('minikube provider: the profile listing', () => {
  it('lists the profiles with `minikube profile list -o json`, bounded by the status timeout', async () => {
    const { context, specs } = replay({ [BUNDLE_FILES.minikubeProfileList]: text(PROFILES) });
    const listings = await minikube.list(context);
    expect(listings?.map((vm) => [vm.name, vm.state, vm.network])).toEqual([['minikube-1', 'running', 'vmnet-shared']]);
    expect(specs).toEqual([
      {
        key: BUNDLE_FILES.minikubeProfileList,
        argv: ['minikube', 'profile', 'list', '-o', 'json'],
        timeoutMs: DEFAULT_TIMEOUTS.minikubeStatusMs,
      },
    ]);
  });

  it('garbage in the listing is no listing, with a note on its file', async () => {
    const { context, notes } = replay({ [BUNDLE_FILES.minikubeProfileList]: text('<html>502</html>\n') });
    expect(await minikube.list(context)).toBeNull();
    expect(notes.list).toMatchObject([{ source: BUNDLE_FILES.minikubeProfileList, problem: 'unparseable' }]);
  });
});

describe("minikube provider: one profile's state", () => {
  it('asks `minikube status -p NAME -o json` under the profile’s own key', async () => {
    const { context, specs } = replay({
      [STATUS_KEY]: text(realSample('minikube-status/pr8813-old-json-paused.json')),
    });
    expect(await minikube.state(context, 'dev', null)).toEqual({ availability: 'ok', state: 'Running', running: true });
    expect(specs).toEqual([
      {
        key: STATUS_KEY,
        argv: ['minikube', 'status', '-p', 'dev', '-o', 'json'],
        timeoutMs: DEFAULT_TIMEOUTS.minikubeStatusMs,
      },
    ]);
  });

  it('reads a stopped VM from the answer printed with a non-zero exit', async () => {
    const { context, notes } = replay({
      [STATUS_KEY]: { exitCode: 7, stdout: realSample('minikube-status/issue14396-all-stopped.txt') },
    });
    expect(await minikube.state(context, 'dev', null)).toEqual({
      availability: 'ok',
      state: 'Stopped',
      running: false,
    });
    expect(notes.list).toEqual([]);
  });

  it('no minikube, a hung one, a failure with nothing printed, a bundle without the file', async () => {
    const stateWith = async (answer: Parameters<typeof replay>[0][string] | undefined) =>
      minikube.state(replay(answer === undefined ? {} : { [STATUS_KEY]: answer }).context, 'dev', null);
    expect(await stateWith(NOT_FOUND)).toEqual({ availability: 'not-installed', state: null, running: false });
    expect(await stateWith(TIMED_OUT)).toEqual({ availability: 'timeout', state: null, running: false });
    expect(await stateWith({ exitCode: 1, stderr: 'E1202 boom\n' })).toEqual({
      availability: 'failed',
      state: null,
      running: false,
    });
    expect(await stateWith(undefined)).toBeNull();
    expect(await stateWith({ outcome: 'refused', exitCode: null })).toBeNull();
  });

  it('unreadable status output says nothing of the VM, and a note names its file', async () => {
    const { context, notes } = replay({ [STATUS_KEY]: text('Segmentation fault\n') });
    expect(await minikube.state(context, 'dev', null)).toBeNull();
    expect(notes.list).toEqual([
      { source: STATUS_KEY, problem: 'unparseable', detail: 'minikube status: Segmentation fault' },
    ]);
  });
});

describe('minikube provider: the probe exec', () => {
  it('hands `minikube ssh -p NAME --` the one line that decodes and runs the script', () => {
    const { context } = replay({});
    expect(minikube.probeExec(context, 'dev', 'U0NSSVBU')).toEqual({
      key: `vm-dev/${BUNDLE_FILES.vmProbe}`,
      argv: ['minikube', 'ssh', '-p', 'dev', '--', 'echo U0NSSVBU | base64 -d | sh'],
      timeoutMs: DEFAULT_TIMEOUTS.minikubeSshMs,
    });
  });
});
