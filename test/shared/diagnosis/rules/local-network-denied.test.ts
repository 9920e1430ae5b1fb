import { diagnose } from '@src/shared/diagnosis';
import { rule } from '@src/shared/diagnosis/rules/local-network-denied';
import type { TargetProbe, VmObservation } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, healthySnapshot, healthyWith, linuxSnapshot, vmRunning, vmState } from '../snapshot-builder';

const evaluateSnapshot = evaluatorFor(rule);
const evaluate = (vm: VmObservation | null) => evaluateSnapshot(healthyWith(vm));

const VM_SSH = '192.168.64.2:22';
const reach = (error: string | null): TargetProbe => ({ target: VM_SSH, ok: error === null, ms: null, error });
/** What a denied Mac sees: the connect refused at once, and the tool's own ssh failing with it. */
const denied = (error = 'EHOSTUNREACH', extra: Partial<VmObservation> = {}): VmObservation =>
  vmState('Running', {
    probeError: 'dial tcp 192.168.64.2:22: connect: no route to host',
    reach: reach(error),
    ...extra,
  });

describe('local-network-denied', () => {
  it.each(['EHOSTUNREACH', 'EPERM'])(
    'names Local Network privacy and its switch when the connect fails with %s',
    (code) => {
      const finding = evaluate(denied(code));
      expect(finding).toMatchObject({
        id: 'local-network-denied',
        severity: 'error',
        title: 'macOS Local Network privacy blocks connections to the minikube VM.',
        fix: null,
      });
      expect(finding?.detail).toContain('System Settings → Privacy & Security → Local Network');
      expect(finding?.detail).toContain(`(${code})`);
      expect(finding?.evidence).toEqual([
        `connect from this Mac to ${VM_SSH}: ${code}`,
        'minikube state (profile minikube): Running',
        "bridge100 holds 192.168.64.1/24, the VM's network",
        'probe error: dial tcp 192.168.64.2:22: connect: no route to host',
      ]);
    },
  );

  it('still holds when the probe ran, and says nothing of a route the Mac does not have', () => {
    const vm = vmRunning(undefined, { reach: { ...reach('EPERM'), target: '10.9.9.9:22' } });
    const finding = evaluate(vm);
    expect(finding?.evidence).toEqual([
      'connect from this Mac to 10.9.9.9:22: EPERM',
      'minikube state (profile minikube): Running',
    ]);
    expect(finding?.detail).toContain('although minikube runs it');
  });

  it.each([
    ['a timeout (the VM side)', 'timeout'],
    ['a refusal by the VM', 'ECONNREFUSED'],
    ['a reset', 'ECONNRESET'],
  ])('stays silent for %s', (_what, error) => {
    expect(evaluate(denied(error))).toBeNull();
  });

  it('stays silent for a connect that worked, none tried, or none recorded', () => {
    expect(evaluate(vmRunning(undefined, { reach: reach(null) }))).toBeNull();
    expect(evaluate(vmRunning())).toBeNull();
    expect(evaluate(vmRunning(undefined, { reach: null }))).toBeNull();
    expect(evaluateSnapshot(healthySnapshot())).toBeNull();
  });

  it('stays silent for a VM its tool calls stopped, a missing tool, no VM, and on Linux', () => {
    expect(evaluate(vmState('Stopped', { reach: reach('EHOSTUNREACH') }))).toBeNull();
    expect(evaluate(vmState(null, { availability: 'not-installed', reach: reach('EHOSTUNREACH') }))).toBeNull();
    expect(evaluate(null)).toBeNull();
    expect(evaluateSnapshot(linuxSnapshot({ vm: denied() }))).toBeNull();
  });

  it('holds when the tool itself timed out over the blocked network', () => {
    expect(evaluate(denied('EHOSTUNREACH', { availability: 'timeout', state: null }))?.id).toBe('local-network-denied');
  });

  it('is reported as the cause of the failed probe, not beside it as a second problem', () => {
    const diagnosis = diagnose(healthyWith(denied()));
    const ids = diagnosis.findings.map((finding) => finding.id);
    expect(ids).toContain('minikube-unresponsive');
    expect(diagnosis.findings.find((finding) => finding.id === 'local-network-denied')?.causes).toEqual([
      'minikube-unresponsive',
    ]);
    expect(ids.indexOf('local-network-denied')).toBeLessThan(ids.indexOf('minikube-unresponsive'));
  });
});
