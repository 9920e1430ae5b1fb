import { tart } from '@src/node/providers/tart';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';
import { listedCases, shDashC } from './listed-cases';
import { realSample, replay, text } from './replay';

const LISTED = realSample('tart/rspec-tart-list-format-json-local-and-oci.json');
// The real sample lists every VM stopped; the same text with its first (local) VM started.
const STARTED = LISTED.replace('"Running" : false', '"Running" : true').replace(
  '"State" : "stopped"',
  '"State" : "running"',
);
const IP_KEY = `vm-ubuntu/${BUNDLE_FILES.tartIp}`;

describe('Tart provider: a local VM and two OCI images', () => {
  listedCases({
    provider: tart,
    listKey: BUNDLE_FILES.tartList,
    sample: STARTED,
    expected: [
      ['ubuntu', 'running', 'vmnet-shared'],
      ['ghcr.io/cirruslabs/ubuntu:latest', 'stopped', 'vmnet-shared'],
      [
        'ghcr.io/cirruslabs/ubuntu@sha256:c502647d3cd0d7a3d76e3704f4be566a1a12b5588d5a96df0f452d941899f2b7',
        'stopped',
        'vmnet-shared',
      ],
    ],
    running: { name: 'ubuntu', argv: ['tart', 'exec', 'ubuntu', 'sh', '-c', 'echo SCRIPT | base64 -d | sh'] },
    inVm: shDashC,
  });

  it('asks `tart ip` for each running VM only, and keeps the address it prints', async () => {
    const { context, specs } = replay({
      [BUNDLE_FILES.tartList]: text(STARTED),
      [IP_KEY]: text(realSample('tart/tart172-tart-ip-base.txt')),
    });
    const listings = await tart.list(context);
    expect(listings?.map((vm) => vm.ips)).toEqual([['192.168.64.34'], [], []]);
    expect(specs.map((spec) => spec.argv.join(' '))).toEqual(['tart list --format json', 'tart ip ubuntu']);
  });

  it('`tart ip` without an answer leaves the VM listed, without addresses, and a note', async () => {
    const { context, notes } = replay({
      [BUNDLE_FILES.tartList]: text(STARTED),
      [IP_KEY]: { exitCode: 1, stdout: realSample('tart/tart460-tart-ip-resolver-arp-no-ip-found.txt') },
    });
    const [vm] = (await tart.list(context)) ?? [];
    expect(vm).toMatchObject({ name: 'ubuntu', state: 'running', ips: [] });
    expect(notes.list).toEqual([
      { source: IP_KEY, problem: 'failed', detail: 'tart ip ubuntu: no IP address found, is your VM running?' },
    ]);
  });

  it('the real sample as listed (all stopped) runs no address look-up at all', async () => {
    const { context, specs } = replay({ [BUNDLE_FILES.tartList]: text(LISTED) });
    expect((await tart.list(context))?.every((vm) => vm.state === 'stopped')).toBe(true);
    expect(specs).toHaveLength(1);
  });
});
