import { rule } from '@src/shared/diagnosis/rules/vm-bridge-missing';
import { describe, expect, it } from 'vitest';
import {
  evaluatorFor,
  healthySnapshot,
  route,
  seedSnapshot,
  twoBridges,
  vmGatewayOnNoInterface,
  vmProbe,
  vmRunning,
  vmState,
  vmTarget,
} from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('vm-bridge-missing', () => {
  it("fires when no host interface holds the VM's gateway", () => {
    expect(evaluate(vmGatewayOnNoInterface())).toEqual({
      id: 'vm-bridge-missing',
      severity: 'error',
      title: "No host interface holds the VM's gateway 192.168.77.1.",
      detail: expect.stringContaining('Restart the VM'),
      evidence: [
        'VM route: default via 192.168.77.1 dev eth0 src 192.168.77.6 metric 1024',
        'host interfaces with IPv4: en0 (172.2.3.10)',
      ],
      fix: null,
    });
  });

  it('is only informational when the VM reaches the internet without a host bridge', () => {
    const vm = vmRunning(
      vmProbe({ routes: [route('default', '10.0.2.2', 'eth0')], targets: [vmTarget('1.1.1.1:443', true)] }),
    );
    expect(evaluate(seedSnapshot({ vm }))?.severity).toBe('info');
  });

  it('finds the gateway on a second bridge by address', () => {
    expect(evaluate(twoBridges())).toBeNull();
    expect(evaluate(seedSnapshot())).toBeNull();
  });

  it('stays silent when the gateway or the interfaces are unknown', () => {
    expect(evaluate(seedSnapshot({ interfaces: null }))).toBeNull();
    expect(evaluate(healthySnapshot({ vm: vmState('Stopped') }))).toBeNull();
  });
});
