import { rule } from '@src/shared/diagnosis/rules/minikube-not-found';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, healthySnapshot, healthyWith, vmState } from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('minikube-not-found', () => {
  it('is informational and says minikube was not found on PATH', () => {
    const finding = evaluate(healthyWith(vmState(null, { availability: 'not-installed' })));
    expect(finding).toMatchObject({
      id: 'minikube-not-found',
      severity: 'info',
      title: 'minikube was not found on PATH.',
      fix: null,
    });
    expect(finding?.detail).toContain('the VM and bridge hops are unknown');
    expect(finding?.evidence).toEqual(['`minikube` not found on PATH']);
  });

  it('stays silent when minikube exists, even if it timed out', () => {
    expect(evaluate(healthySnapshot())).toBeNull();
    expect(evaluate(healthyWith(vmState(null, { availability: 'timeout' })))).toBeNull();
    expect(evaluate(healthyWith(null))).toBeNull();
  });
});
