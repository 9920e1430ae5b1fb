import { readFileSync } from 'node:fs';
import { minikubePathModel, parseMinikubeProfileList } from '@src/shared/parsers/providers/minikube';
import { describe, expect, it } from 'vitest';

const real = (name: string) =>
  readFileSync(new URL(`../../../fixtures/real/minikube-profile-list/${name}`, import.meta.url), 'utf8');

describe('minikube profile list -o json', () => {
  it('reads name, state, node IP, driver and path model from a real vfkit listing', () => {
    const parsed = parseMinikubeProfileList(real('headlamp-plugins-json-vfkit-nat-DECOMMENTED.json'));
    expect(parsed).toEqual({
      ok: true,
      value: [
        {
          provider: 'minikube',
          name: 'minikube-1',
          state: 'running',
          rawState: 'OK',
          ips: ['192.168.64.48'],
          driver: 'vfkit',
          network: 'vmnet-shared',
          networkEvidence: [expect.stringContaining('driver vfkit, network nat')],
        },
      ],
    });
  });

  it('refuses a truncated listing with a reason instead of guessing', () => {
    expect(parseMinikubeProfileList(real('pr9996-json-docker-TRUNCATED.json'))).toEqual({
      ok: false,
      error: 'minikube profile list: not JSON',
    });
    expect(parseMinikubeProfileList('{"valid":[{"Status":"OK"}]}')).toMatchObject({ ok: false });
    expect(parseMinikubeProfileList('[]')).toMatchObject({ ok: false });
  });
});

describe('the path model of each driver and network', () => {
  it.each([
    ['docker', null, 'user-mode'],
    ['podman', null, 'user-mode'],
    ['vfkit', 'nat', 'vmnet-shared'],
    ['vfkit', null, 'vmnet-shared'],
    ['vfkit', 'vmnet-shared', 'vmnet-shared'],
    ['krunkit', 'vmnet-shared', 'vmnet-shared'],
    ['qemu2', 'socket_vmnet', 'vmnet-shared'],
    ['qemu2', 'builtin', 'user-mode'],
    ['qemu2', 'user', 'user-mode'],
    ['qemu2', null, 'unknown'],
    ['hyperkit', null, 'vmnet-shared'],
    ['kvm2', 'default', 'unknown'],
    [null, null, 'unknown'],
  ] as const)('%s with network %s is %s', (driver, network, model) => {
    const result = minikubePathModel(driver, network);
    expect(result.network).toBe(model);
    expect(result.evidence).toContain(`driver ${driver ?? '(none)'}`);
  });
});
