import { container } from '@src/node/providers/container';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';
import { listedCases, shDashC } from './listed-cases';
import { realSample, replay, text } from './replay';

describe('apple/container provider: container 1.0 `ls --all --format json`', () => {
  listedCases({
    provider: container,
    listKey: BUNDLE_FILES.containerList,
    sample: realSample('container/crane-container-1.0-ls-all-format-json-running-EDITED.json'),
    expected: [['crane-test', 'running', 'vmnet-shared']],
    running: {
      name: 'crane-test',
      argv: ['container', 'exec', 'crane-test', 'sh', '-c', 'echo SCRIPT | base64 -d | sh'],
    },
    inVm: shDashC,
  });

  it('a running container carries its vmnet address; a stopped one is not running and has none', async () => {
    const running = replay({
      [BUNDLE_FILES.containerList]: text(
        realSample('container/crane-container-1.0-ls-all-format-json-running-EDITED.json'),
      ),
    });
    expect((await container.list(running.context))?.[0]?.ips).toEqual(['192.168.64.2']);
    const stopped = replay({
      [BUNDLE_FILES.containerList]: text(realSample('container/crane-container-1.0-ls-all-format-json-stopped.json')),
    });
    expect(await container.state(stopped.context, 'crane-test', null)).toEqual({
      availability: 'ok',
      state: 'stopped',
      running: false,
    });
  });

  it('the elided documentation sample is refused in one line, its containers unknown', async () => {
    const elided = realSample('container/apple-container-howto-inspect-jq-older-shape-ELIDED.json');
    const { context, notes } = replay({ [BUNDLE_FILES.containerList]: text(elided) });
    expect(await container.list(context)).toBeNull();
    expect(notes.list.map((note) => note.problem)).toEqual(['unparseable']);
  });
});
