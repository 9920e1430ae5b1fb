// The evidence lines a Lima instance's path model shows the user: one line per extra network (its interface, what
// it is, its metric) and the line that says which network carries the traffic, or why none of them does.
import { parseLimaList } from '@src/shared/parsers/providers/lima';
import { describe, expect, it } from 'vitest';

const USER_MODE = "Lima's user-mode network (slirp, 192.168.5.0/24) carries the guest's traffic";

function instanceOf(fields: Record<string, unknown>) {
  const result = parseLimaList(JSON.stringify({ name: 'vm', status: 'Running', ...fields }));
  if (!result.ok) throw new Error(result.error);
  return result.value[0]!;
}

describe('Lima extra networks as evidence', () => {
  it.each([
    [{ lima: 'shared' }, 'vmnet-shared', 'lima0: socket_vmnet shared, metric 100'],
    [{ lima: 'bridged' }, 'vmnet-bridged', 'lima0: socket_vmnet bridged, metric 100'],
    [{ lima: 'user-v2' }, 'user-mode', 'lima0: user-v2 (user-mode), metric 100'],
    [{ lima: ' rd1 ' }, 'unknown', 'lima0: lima: rd1 (its mode is in networks.yaml, not in the listing), metric 100'],
    [
      { socket: '/var/run/socket_vmnet' },
      'unknown',
      'lima0: socket /var/run/socket_vmnet (a socket_vmnet whose mode the listing does not give), metric 100',
    ],
    [{ macAddress: '52:55:55:00:00:01' }, 'unknown', 'lima0: a network the listing does not describe, metric 100'],
    [{ vzNAT: 'true', lima: 'shared' }, 'vmnet-shared', 'lima0: socket_vmnet shared, metric 100'],
  ])('%j is %s', (extra, network, line) => {
    expect(instanceOf({ network: [extra] })).toMatchObject({
      network,
      networkEvidence: [line, 'lima0 is preferred over the user-mode network (metric 200)'],
    });
  });

  it('a host-only network never carries the traffic: the user-mode network does', () => {
    expect(instanceOf({ network: [{ lima: 'host', interface: 'lima9' }] }).networkEvidence).toEqual([
      'lima9: socket_vmnet host (host-only, no internet), metric 100',
      `no extra network below metric 200: ${USER_MODE}`,
    ]);
  });

  it('names an interface by its position when the listing gives none, and keeps a given metric', () => {
    const vm = instanceOf({
      network: [{ lima: 'host' }, 'not an object', { lima: 'shared', metric: 150 }, { lima: 'bridged', metric: 200 }],
    });
    // The undescribed network at the default metric 100 beats the shared one at 150: its mode is unknown.
    expect(vm).toMatchObject({
      network: 'unknown',
      networkEvidence: [
        'lima0: socket_vmnet host (host-only, no internet), metric 100',
        'lima1: a network the listing does not describe, metric 100',
        'lima2: socket_vmnet shared, metric 150',
        'lima3: socket_vmnet bridged, metric 200',
        'lima1 is preferred over the user-mode network (metric 200)',
      ],
    });
  });

  it('a metric that is not a finite number is the default 100', () => {
    const vm = instanceOf({
      network: [
        { lima: 'shared', metric: '50' },
        { lima: 'bridged', metric: 120 },
      ],
    });
    expect(vm.network).toBe('vmnet-shared');
    expect(vm.networkEvidence[0]).toBe('lima0: socket_vmnet shared, metric 100');
  });

  it('the lowest metric wins whatever its position; equal metrics of the same model are no tie', () => {
    const vm = instanceOf({
      network: [
        { lima: 'shared', metric: 190 },
        { lima: 'bridged', metric: 110, interface: 'br0' },
      ],
    });
    expect(vm.network).toBe('vmnet-bridged');
    expect(vm.networkEvidence.at(-1)).toBe('br0 is preferred over the user-mode network (metric 200)');
    const same = instanceOf({ network: [{ lima: 'shared' }, { vzNAT: true }] });
    expect(same.network).toBe('vmnet-shared');
    expect(same.networkEvidence.at(-1)).toBe('lima0 is preferred over the user-mode network (metric 200)');
  });

  it('a tie names both interfaces and the metric', () => {
    expect(
      instanceOf({
        network: [
          { lima: 'bridged', metric: 50 },
          { lima: 'shared', metric: 50 },
        ],
      }),
    ).toMatchObject({
      network: 'unknown',
      networkEvidence: [
        'lima0: socket_vmnet bridged, metric 50',
        'lima1: socket_vmnet shared, metric 50',
        'lima0 and lima1 tie at metric 50',
      ],
    });
  });

  it('a network that is not a list, and a null one', () => {
    expect(instanceOf({ network: { lima: 'shared' } })).toMatchObject({
      network: 'unknown',
      networkEvidence: ["the listing's `network` is not a list"],
    });
    expect(instanceOf({ network: null, config: { networks: [{ lima: 'shared' }] } })).toMatchObject({
      network: 'user-mode',
      networkEvidence: [`no extra network listed: ${USER_MODE}`],
    });
    expect(instanceOf({ network: [] }).networkEvidence).toEqual([`no extra network below metric 200: ${USER_MODE}`]);
  });

  it('takes the driver from config.vmType when the instance has no vmType', () => {
    expect(instanceOf({ config: { vmType: 'vz' } }).driver).toBe('vz');
    expect(instanceOf({ vmType: 'qemu', config: { vmType: 'vz' } }).driver).toBe('qemu');
    expect(instanceOf({ config: 'vz' }).driver).toBeNull();
  });
});
