// The helpers every rule shares: whether the VM's probes all failed, and whose tool to name.
import { deriveFacts } from '@src/shared/diagnosis/facts';
import { providerOf, vmProbesFailed } from '@src/shared/diagnosis/rule';
import { describe, expect, it } from 'vitest';
import { limaUserMode, SEED, seedSnapshot, vmProbe, vmRunning, vmState, vmTarget } from './snapshot-builder';

describe('vmProbesFailed', () => {
  it('holds when the VM was probed and no target answered', () => {
    const vm = vmRunning(vmProbe({ targets: [vmTarget(SEED.target, false), vmTarget('1.1.1.1:443', false)] }));
    expect(vmProbesFailed(deriveFacts(seedSnapshot({ vm })))).toBe(true);
  });

  it('does not hold when one target answered, or when nothing was probed', () => {
    const vm = vmRunning(vmProbe({ targets: [vmTarget(SEED.target, false), vmTarget('1.1.1.1:443', true)] }));
    expect(vmProbesFailed(deriveFacts(seedSnapshot({ vm })))).toBe(false);
    expect(vmProbesFailed(deriveFacts(seedSnapshot({ vm: vmRunning(vmProbe({ targets: [] })) })))).toBe(false);
    expect(vmProbesFailed(deriveFacts(seedSnapshot({ vm: vmState('Stopped') })))).toBe(false);
  });
});

describe('providerOf', () => {
  it("speaks of the observed VM's tool", () => {
    expect(providerOf(deriveFacts(seedSnapshot({ vm: limaUserMode() }))).tool).toBe('limactl');
  });

  it('speaks of minikube when no VM was observed', () => {
    expect(providerOf(deriveFacts(seedSnapshot({ vm: null }))).tool).toBe('minikube');
  });
});
