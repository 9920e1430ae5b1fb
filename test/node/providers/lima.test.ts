import { lima } from '@src/node/providers/lima';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';
import { listedCases, shDashC } from './listed-cases';
import { realSample, replay, text } from './replay';

describe('Lima provider: a JSON stream of two QEMU instances (lima#308)', () => {
  listedCases({
    provider: lima,
    listKey: BUNDLE_FILES.limaList,
    sample: realSample('lima/pr308-limactl-list-json-stream-two-instances-qemu.json'),
    expected: [
      ['alpine', 'stopped', 'user-mode'],
      ['default', 'running', 'user-mode'],
    ],
    running: {
      name: 'default',
      argv: ['limactl', 'shell', '--workdir', '/', 'default', 'sh', '-c', 'echo SCRIPT | base64 -d | sh'],
    },
    inVm: shDashC,
  });
});

describe('Lima provider: vz instances on vzNAT (trellis-cli)', () => {
  it('reads vzNAT as vmnet shared NAT, each instance running', async () => {
    const sample = realSample('lima/trellis-cli-limactl-ls-json-vz-vznat-two-running-EDITED.jsonl');
    const { context } = replay({ [BUNDLE_FILES.limaList]: text(sample) });
    const listings = await lima.list(context);
    expect(listings?.map((vm) => [vm.name, vm.state, vm.driver, vm.network])).toEqual([
      ['test', 'running', 'vz', 'vmnet-shared'],
      ['test2', 'running', 'vz', 'vmnet-shared'],
    ]);
    expect(await lima.state(context, 'test2', null)).toEqual({ availability: 'ok', state: 'Running', running: true });
  });

  it('an empty listing (Lima prints nothing without instances) is no VMs, not a failure', async () => {
    const { context, notes } = replay({ [BUNDLE_FILES.limaList]: text('') });
    expect(await lima.list(context)).toEqual([]);
    expect(notes.list).toEqual([]);
  });
});
