import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../../../src/shared/diagnosis/facts';
import { rule } from '../../../../src/shared/diagnosis/rules/minikube-not-found';
import { healthySnapshot, healthyWith, vmState } from '../snapshot-builder';

describe('minikube-not-found', () => {
  it('is informational and says minikube was not found on PATH', () => {
    const finding = rule.evaluate(deriveFacts(healthyWith(vmState(null, { availability: 'not-installed' }))));
    expect(finding).toMatchObject({
      id: 'minikube-not-found',
      severity: 'info',
      title: 'minikube was not found on PATH.',
      fix: null,
    });
    expect(finding?.detail).toContain('the VM and bridge hops are unknown');
  });

  it('stays silent when minikube exists, even if it timed out', () => {
    expect(rule.evaluate(deriveFacts(healthySnapshot()))).toBeNull();
    expect(rule.evaluate(deriveFacts(healthyWith(vmState(null, { availability: 'timeout' }))))).toBeNull();
    expect(rule.evaluate(deriveFacts(healthyWith(null)))).toBeNull();
  });
});
