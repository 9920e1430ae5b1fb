import { WORDINGS } from '@src/shared/providers';
import { COLIMA } from '@src/shared/providers/colima';
import { CONTAINER } from '@src/shared/providers/container';
import { LIMA } from '@src/shared/providers/lima';
import { MINIKUBE_WORDING } from '@src/shared/providers/minikube';
import { MULTIPASS } from '@src/shared/providers/multipass';
import { PODMAN } from '@src/shared/providers/podman';
import { TART } from '@src/shared/providers/tart';
import { UTM } from '@src/shared/providers/utm';
import { type ProviderWording, runStateOf } from '@src/shared/providers/wording';
import type { VmListing } from '@src/shared/vm';
import { describe, expect, it } from 'vitest';

const vm = (wording: ProviderWording, name: string, id?: string): VmListing => ({
  provider: wording.id,
  name,
  ...(id === undefined ? {} : { id }),
  state: 'running',
  rawState: null,
  ips: [],
  driver: null,
  network: 'unknown',
  networkEvidence: [],
});

const HOSTILE_NAMES = [
  '',
  '-rf',
  '--all',
  'a b',
  'a;reboot',
  '$(id)',
  '../etc',
  'a\nb',
  `x${'y'.repeat(120)}`,
  'ünïcode',
];

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

  it.each([LIMA, COLIMA, MULTIPASS, CONTAINER, TART, PODMAN])(
    '$toolName suggests nothing for a name that fails its rule',
    (wording) => {
      for (const name of HOSTILE_NAMES) expect(wording.restartCommands(vm(wording, name))).toBeNull();
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

describe('one wording per provider', () => {
  it('lists all eight providers, each under its own id', () => {
    expect(Object.keys(WORDINGS).sort()).toEqual([
      'colima',
      'container',
      'lima',
      'minikube',
      'multipass',
      'podman',
      'tart',
      'utm',
    ]);
    for (const [id, wording] of Object.entries(WORDINGS)) expect(wording.id).toBe(id);
  });

  it('minikube restarts the default profile without -p and others with it', () => {
    expect(MINIKUBE_WORDING.restartCommands({ name: 'minikube' })).toEqual([
      ['minikube', 'stop'],
      ['minikube', 'start'],
    ]);
    expect(MINIKUBE_WORDING.restartCommands({ name: 'dev' })).toEqual([
      ['minikube', 'stop', '-p', 'dev'],
      ['minikube', 'start', '-p', 'dev'],
    ]);
    for (const name of HOSTILE_NAMES) expect(MINIKUBE_WORDING.restartCommands({ name })).toBeNull();
  });

  it('speaks each tool’s own verbs and never splices a name that fails its rule', () => {
    expect(LIMA.command('default', 'ssh')).toBe('limactl shell default');
    expect(PODMAN.command('podman-machine-default', 'start')).toBe('podman machine start podman-machine-default');
    expect(TART.command('sequoia-base', 'start')).toBe('tart run sequoia-base');
    expect(MINIKUBE_WORDING.command('dev', 'status')).toBe('minikube status -p dev');
    for (const wording of Object.values(WORDINGS))
      for (const name of HOSTILE_NAMES) expect(wording.command(name, 'start')).toMatch(/ <name>$/);
  });
});
