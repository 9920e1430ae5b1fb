import { podman } from '@src/node/providers/podman';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';
import { listedCases } from './listed-cases';
import { realSample, replay, text } from './replay';

const DOCUMENTED = realSample('podman/podman-docs-machine-ls-format-json-qemu.json');
// Podman's documented sample shows a stopped machine; the same text with `Running` true is that machine started.
const STARTED = DOCUMENTED.replace('"Running": false', '"Running": true');

describe('Podman machine provider: the documented `machine ls --format json`', () => {
  listedCases({
    provider: podman,
    listKey: BUNDLE_FILES.podmanMachineList,
    sample: STARTED,
    expected: [['podman-machine-default', 'running', 'user-mode']],
    running: {
      name: 'podman-machine-default',
      argv: ['podman', 'machine', 'ssh', 'podman-machine-default', 'echo SCRIPT | base64 -d | sh'],
    },
    // ssh joins the remote command's words with spaces and the machine's shell parses the result.
    inVm: (argv) => ['sh', '-c', argv.slice(4).join(' ')],
  });

  it('the documented (stopped) machine is user-mode and not running, so nothing runs in it', async () => {
    const { context } = replay({ [BUNDLE_FILES.podmanMachineList]: text(DOCUMENTED) });
    const [machine] = (await podman.list(context)) ?? [];
    expect(machine).toMatchObject({ name: 'podman-machine-default', state: 'stopped', network: 'user-mode' });
    expect(await podman.state(context, 'podman-machine-default', machine ?? null)).toEqual({
      availability: 'ok',
      state: 'Stopped',
      running: false,
    });
  });
});
