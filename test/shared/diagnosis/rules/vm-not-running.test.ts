import { rule } from '@src/shared/diagnosis/rules/vm-not-running';
import type { VmObservation } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, healthySnapshot, healthyWith, vmState } from '../snapshot-builder';

const evaluateSnapshot = evaluatorFor(rule);
const evaluate = (vm: VmObservation | null) => evaluateSnapshot(healthyWith(vm));

describe('vm-not-running', () => {
  it('says the state and how to start the VM', () => {
    expect(evaluate(vmState('Stopped'))).toEqual({
      id: 'vm-not-running',
      severity: 'warning',
      title: 'The minikube VM is not running (Stopped).',
      detail: expect.stringContaining('Start it with `minikube start`'),
      evidence: ['minikube status (profile minikube): Stopped'],
      fix: null,
    });
  });

  it.each([
    ['Paused', 'minikube unpause -p dev'],
    ['Nonexistent', 'minikube start -p dev'],
  ])('names the right command for %s on another profile', (state, command) => {
    expect(evaluate(vmState(state, { profile: 'dev' }))?.detail).toContain(command);
  });

  it('stays silent for a running VM, an unknown state or no minikube', () => {
    expect(evaluateSnapshot(healthySnapshot())).toBeNull();
    expect(evaluate(vmState(null))).toBeNull();
    expect(evaluate(vmState(null, { availability: 'not-installed' }))).toBeNull();
    expect(evaluate(null)).toBeNull();
  });
});
