import { rule } from '@src/shared/diagnosis/rules/vm-internet-unreachable';
import { describe, expect, it } from 'vitest';
import {
  evaluatorFor,
  healthySnapshot,
  healthyWith,
  route,
  seedSnapshot,
  vmInternetUnreachable,
  vmProbe,
  vmRunning,
  vmState,
  vmTarget,
} from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('vm-internet-unreachable', () => {
  it('fires when every VM target failed, listing each', () => {
    expect(evaluate(vmInternetUnreachable())).toEqual({
      id: 'vm-internet-unreachable',
      severity: 'error',
      title: 'The VM reaches none of its 2 probe targets.',
      detail: expect.stringContaining("The host itself reaches the internet, so the break lies on the VM's own part"),
      evidence: [
        'VM route: default via 192.168.64.1 dev eth0 metric 1024',
        'VM → registry-1.docker.io:443 failed: timeout',
        'VM → 1.1.1.1:443 failed: no route to host',
      ],
      fix: null,
    });
  });

  it('says when the VM has no default route at all', () => {
    const vm = vmRunning(
      vmProbe({ routes: [route('172.17.0.0/16', null, 'docker0')], targets: [vmTarget('1.1.1.1:443', false)] }),
    );
    const finding = evaluate(seedSnapshot({ vm }));
    expect(finding?.title).toBe('The VM cannot reach its probe target 1.1.1.1:443.');
    expect(finding?.evidence[0]).toBe('VM routes: no default route');
    expect(finding?.detail).toContain('The VM has no default route');
  });

  it('stays silent when one target answers, nothing was probed, or the VM is not running', () => {
    const partly = vmRunning(vmProbe({ targets: [vmTarget('a:443', false), vmTarget('b:443', true)] }));
    expect(evaluate(seedSnapshot({ vm: partly }))).toBeNull();
    expect(evaluate(seedSnapshot())).toBeNull();
    expect(evaluate(healthyWith(vmState('Stopped')))).toBeNull();
    expect(evaluate(healthySnapshot())).toBeNull();
  });
});
