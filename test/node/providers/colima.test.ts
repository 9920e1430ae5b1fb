import { colima } from '@src/node/providers/colima';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import { describe } from 'vitest';
import { listedCases, shDashC } from './listed-cases';
import { realSample } from './replay';

describe('Colima provider: the default QEMU profile without a network address', () => {
  listedCases({
    provider: colima,
    listKey: BUNDLE_FILES.colimaList,
    sample: realSample('colima/mcp-macos-colima-list-json-default-qemu-no-address.jsonl'),
    expected: [['default', 'running', 'user-mode']],
    running: {
      name: 'default',
      argv: ['colima', 'ssh', '-p', 'default', '--', 'sh', '-c', 'echo SCRIPT | base64 -d | sh'],
    },
    inVm: shDashC,
  });
});
