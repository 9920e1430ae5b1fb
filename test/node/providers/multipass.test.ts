import { multipass } from '@src/node/providers/multipass';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';
import { listedCases, shDashC } from './listed-cases';
import { realSample, replay, text } from './replay';

describe("multipass provider: multipass's own formatter test data", () => {
  listedCases({
    provider: multipass,
    listKey: BUNDLE_FILES.multipassList,
    sample: realSample('multipass/multipass-tests-multiple-instances-list-reply.json'),
    expected: [
      ['bogus-instance', 'running', 'vmnet-shared'],
      ['bombastic', 'stopped', 'vmnet-shared'],
    ],
    running: {
      name: 'bogus-instance',
      argv: ['multipass', 'exec', 'bogus-instance', '--', 'sh', '-c', 'echo SCRIPT | base64 -d | sh'],
    },
    inVm: shDashC,
  });

  it('keeps the listed addresses in order, the default network first', async () => {
    const sample = realSample('multipass/multipass-tests-single-instance-list-reply.json');
    const { context } = replay({ [BUNDLE_FILES.multipassList]: text(sample) });
    expect((await multipass.list(context))?.map((vm) => vm.ips)).toEqual([['10.168.32.2', '200.3.123.30']]);
  });

  it('an empty list is no instances', async () => {
    const sample = realSample('multipass/multipass-tests-empty-list-reply.json');
    const { context } = replay({ [BUNDLE_FILES.multipassList]: text(sample) });
    expect(await multipass.list(context)).toEqual([]);
  });
});
