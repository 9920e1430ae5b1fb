import { describe, expect, it } from 'vitest';
import { COLIMA } from '../../../src/shared/providers/colima';
import { CONTAINER } from '../../../src/shared/providers/container';
import { LIMA } from '../../../src/shared/providers/lima';
import { MULTIPASS } from '../../../src/shared/providers/multipass';
import { PODMAN } from '../../../src/shared/providers/podman';
import { TART } from '../../../src/shared/providers/tart';
import { UTM } from '../../../src/shared/providers/utm';
import { type ListingWording, runStateOf } from '../../../src/shared/providers/wording';
import type { VmListing } from '../../../src/shared/vm';

const vm = (wording: ListingWording, name: string, id?: string): VmListing => ({
  provider: wording.provider,
  name,
  ...(id === undefined ? {} : { id }),
  state: 'running',
  rawState: null,
  ips: [],
  driver: null,
  network: 'unknown',
  networkEvidence: [],
});

const UUID = '738EECC5-6357-43D9-BE03-298E0B3DE206';

describe('restart commands', () => {
  it.each([
    [LIMA, vm(LIMA, 'default'), [['limactl', 'restart', 'default']]],
    [COLIMA, vm(COLIMA, 'k8s-dev'), [['colima', 'restart', 'k8s-dev']]],
    [MULTIPASS, vm(MULTIPASS, 'primary'), [['multipass', 'restart', 'primary']]],
    [
      CONTAINER,
      vm(CONTAINER, 'my-web-server'),
      [
        ['container', 'stop', 'my-web-server'],
        ['container', 'start', 'my-web-server'],
      ],
    ],
    [
      TART,
      vm(TART, 'sequoia-base'),
      [
        ['tart', 'stop', 'sequoia-base'],
        ['tart', 'run', 'sequoia-base'],
      ],
    ],
    [
      UTM,
      vm(UTM, 'Hermes Sandbox', UUID),
      [
        ['utmctl', 'stop', UUID],
        ['utmctl', 'start', UUID],
      ],
    ],
    [
      PODMAN,
      vm(PODMAN, 'podman-machine-default'),
      [
        ['podman', 'machine', 'stop', 'podman-machine-default'],
        ['podman', 'machine', 'start', 'podman-machine-default'],
      ],
    ],
  ])('case %# restarts a well-named VM with argv pieces', (wording, listing, commands) => {
    expect(wording.restartCommands(listing)).toEqual(commands);
  });

  const HOSTILE = ['', '-rf', '--all', 'a b', 'a;reboot', '$(id)', '../etc', 'a\nb', `x${'y'.repeat(80)}`, 'ünïcode'];

  it.each([LIMA, COLIMA, MULTIPASS, CONTAINER, TART, PODMAN])(
    '$toolName suggests nothing for a name that fails its rule',
    (wording) => {
      for (const name of HOSTILE) expect(wording.restartCommands(vm(wording, name))).toBeNull();
    },
  );

  it('multipass needs a hostname, and Tart never restarts an OCI image by name', () => {
    expect(MULTIPASS.restartCommands(vm(MULTIPASS, '1st'))).toBeNull();
    expect(MULTIPASS.restartCommands(vm(MULTIPASS, 'ends-'))).toBeNull();
    expect(TART.restartCommands(vm(TART, 'ghcr.io/cirruslabs/ubuntu:latest'))).toBeNull();
  });

  it('UTM needs the VM’s UUID, whatever its name', () => {
    expect(UTM.restartCommands(vm(UTM, 'Tsapp'))).toBeNull();
    expect(UTM.restartCommands(vm(UTM, 'Tsapp', 'C0DE927B-F426-4ABA-A6E7'))).toBeNull();
  });
});

describe('runStateOf', () => {
  it('reads only the words the tool prints, case as printed', () => {
    expect(runStateOf(LIMA, 'Running')).toBe('running');
    expect(runStateOf(LIMA, 'running')).toBe('unknown');
    expect(runStateOf(MULTIPASS, 'Suspended')).toBe('stopped');
    expect(runStateOf(UTM, 'paused')).toBe('stopped');
  });

  it('never takes an inherited property for a word', () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(runStateOf(TART, word)).toBe('unknown');
    expect(runStateOf(PODMAN, null)).toBe('unknown');
  });
});
