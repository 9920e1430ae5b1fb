import { rule } from '@src/shared/diagnosis/rules/minikube-unresponsive';
import type { VmObservation } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, healthySnapshot, healthyWith, vmState } from '../snapshot-builder';

const evaluateSnapshot = evaluatorFor(rule);
const evaluate = (vm: VmObservation | null) => evaluateSnapshot(healthyWith(vm));

describe('minikube-unresponsive', () => {
  it('fires when minikube timed out', () => {
    expect(evaluate(vmState(null, { availability: 'timeout' }))).toMatchObject({
      id: 'minikube-unresponsive',
      severity: 'warning',
      title: 'minikube did not answer in time.',
      evidence: ['minikube availability: timeout'],
      fix: null,
    });
  });

  it('fires when minikube failed', () => {
    expect(evaluate(vmState(null, { availability: 'failed', probeError: 'exit status 85' }))).toMatchObject({
      title: 'minikube failed.',
      evidence: ['minikube availability: failed', 'probe error: exit status 85'],
    });
  });

  it('fires when the VM is Running but the probe inside it failed', () => {
    const finding = evaluate(vmState('Running', { probeError: 'ssh: handshake failed: EOF' }));
    expect(finding?.title).toBe('The probe inside the running minikube VM failed.');
    expect(finding?.evidence).toEqual([
      'minikube availability: ok',
      'minikube state: Running',
      'probe error: ssh: handshake failed: EOF',
    ]);
  });

  it('tells each case its own next step: wait for a hung VM, read the failure, or try the ssh by hand', () => {
    const timeout = evaluate(vmState(null, { availability: 'timeout' }))?.detail ?? '';
    const failed = evaluate(vmState(null, { availability: 'failed' }))?.detail ?? '';
    const probe = evaluate(vmState('Running', { probeError: 'ssh: handshake failed: EOF' }))?.detail ?? '';
    expect(timeout).toMatch(/^minikube \(profile "minikube"\) was stopped after it did not answer in time, so the VM/);
    expect(timeout).toContain('try `minikube status` yourself');
    expect(failed).toBe(
      'minikube (profile "minikube") ran and failed, so the VM and bridge hops are unknown. Run `minikube status` to see why.',
    );
    expect(probe).toMatch(/^minikube says the VM is Running, but `minikube ssh/);
    expect(probe).toContain('A VM that has lost its network also fails this way');
  });

  it('stays silent when minikube answered, is absent, or the VM is stopped', () => {
    expect(evaluateSnapshot(healthySnapshot())).toBeNull();
    expect(evaluate(vmState(null, { availability: 'not-installed' }))).toBeNull();
    expect(evaluate(vmState('Stopped'))).toBeNull();
    expect(evaluate(null)).toBeNull();
  });
});
