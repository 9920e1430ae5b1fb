// What the user reads when the VM tool or the VM itself is the problem, word for word, for each branch.
import { rule as hostUnreachable } from '@src/shared/diagnosis/rules/host-internet-unreachable';
import { rule as denied } from '@src/shared/diagnosis/rules/local-network-denied';
import { rule as notFound } from '@src/shared/diagnosis/rules/minikube-not-found';
import { rule as unresponsive } from '@src/shared/diagnosis/rules/minikube-unresponsive';
import { rule as notRunning } from '@src/shared/diagnosis/rules/vm-not-running';
import type { VmObservation } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { emptySnapshot, evaluatorFor, healthyWith, hostInternetUnreachable, vmState } from '../snapshot-builder';

const on = (rule: Parameters<typeof evaluatorFor>[0], vm: VmObservation | null) => evaluatorFor(rule)(healthyWith(vm));

describe('host-internet-unreachable wording', () => {
  it('says the problem lies before the VM, in full', () => {
    expect(evaluatorFor(hostUnreachable)(hostInternetUnreachable())?.detail).toBe(
      "Every connection from every address on en0 failed, so the problem lies before the VM's part of the path: the " +
        'host is offline, the gateway or the network beyond it drops the traffic, or a firewall blocks these targets. ' +
        "Fix the host's own connection first; the VM can't do better than the host.",
    );
  });

  it('without an egress interface, speaks of "the egress interface"', () => {
    const snapshot = { ...emptySnapshot(), hostProbes: hostInternetUnreachable().hostProbes };
    expect(evaluatorFor(hostUnreachable)(snapshot)?.detail).toMatch(
      /^Every connection from every address on the egress interface failed, /,
    );
  });
});

describe('minikube-not-found wording', () => {
  it('explains PATH for apps started from the Dock', () => {
    expect(on(notFound, vmState(null, { availability: 'not-installed' }))?.detail).toBe(
      "Without minikube the VM side of the path cannot be checked, so the VM and bridge hops are unknown; the host's " +
        'side is still checked. If minikube is installed, put its folder on PATH: apps started from the Dock or at ' +
        "login don't see the PATH set in shell profiles (Homebrew's /opt/homebrew/bin, for instance).",
    );
  });
});

describe('minikube-unresponsive wording', () => {
  it('a timeout: the tool was stopped, try status yourself', () => {
    expect(on(unresponsive, vmState(null, { availability: 'timeout', profile: 'dev' }))?.detail).toBe(
      'minikube (profile "dev") was stopped after it did not answer in time, so the VM and bridge hops are unknown. ' +
        'A VM hung or unreachable over its bridge makes minikube wait: try `minikube status -p dev` yourself.',
    );
  });

  it('a failed probe: try the ssh yourself', () => {
    expect(on(unresponsive, vmState('Running', { probeError: 'EOF' }))?.detail).toBe(
      'minikube says the VM is Running, but `minikube ssh` could not run the probe, so the VM and bridge hops are ' +
        'unknown. A VM that has lost its network also fails this way: try `minikube ssh` yourself.',
    );
  });

  it('a timed-out tool lists its state when it gave one', () => {
    expect(on(unresponsive, vmState('Running', { availability: 'timeout' }))?.evidence).toEqual([
      'minikube availability: timeout',
      'minikube state: Running',
    ]);
  });
});

describe('vm-not-running wording', () => {
  it('says the state and how to start it, in full', () => {
    expect(on(notRunning, vmState('Stopped'))?.detail).toBe(
      'minikube reports profile "minikube" as Stopped, so nothing inside the VM could be checked and the VM and ' +
        'bridge hops are unknown. Start it with `minikube start` and check again.',
    );
  });

  it.each([
    ['paused', 'Resume it with `minikube unpause`'],
    ['NONEXISTENT', 'Create it with `minikube start`'],
    ['Paused', 'Resume it with `minikube unpause`'],
  ])('reads %s whatever its case', (state, step) => {
    // A state word minikube's wording does not know is not "running", so the VM counts as not running.
    const finding = on(notRunning, vmState(state));
    expect(finding?.title).toBe(`The minikube VM is not running (${state}).`);
    expect(finding?.detail).toContain(`hops are unknown. ${step} and check again.`);
  });
});

describe('local-network-denied wording', () => {
  const reach = (target: string, error = 'EHOSTUNREACH') => ({ target, ok: false, ms: null, error });

  it('with a route to the VM on this Mac', () => {
    const finding = on(denied, vmState('Running', { reach: reach('192.168.64.2:22') }));
    expect(finding?.detail).toBe(
      'This Mac refused a connection to profile "minikube" at 192.168.64.2:22 at once (EHOSTUNREACH), although a ' +
        'route to it exists: on macOS 15 and later that is Local Network privacy, which blocks same-network ' +
        "connections from apps not allowed to make them, and minikube's own client with them, so the VM only looks " +
        'unreachable. Open System Settings → Privacy & Security → Local Network and turn on Bridgelight and the ' +
        'terminal app you run `bridgelight` or `minikube` from, then check again.',
    );
    expect(finding?.evidence).toEqual([
      'connect from this Mac to 192.168.64.2:22: EHOSTUNREACH',
      'minikube state (profile minikube): Running',
      "bridge100 holds 192.168.64.1/24, the VM's network",
    ]);
  });

  it('a target without a port, and a VM whose state the tool did not give', () => {
    const finding = on(denied, vmState(null, { availability: 'timeout', reach: reach('192.168.64.2', 'EPERM') }));
    expect(finding?.evidence).toEqual([
      'connect from this Mac to 192.168.64.2: EPERM',
      'minikube state (profile minikube): unknown',
      "bridge100 holds 192.168.64.1/24, the VM's network",
    ]);
  });

  it('a target named by host name is not looked up in the interfaces', () => {
    const finding = on(denied, vmState('Running', { reach: reach('minikube.local:22') }));
    expect(finding?.evidence).toHaveLength(2);
    expect(finding?.detail).toContain('although minikube runs it: on macOS 15');
  });

  it('the port is taken off the end only', () => {
    const finding = on(denied, vmState('Running', { reach: reach('192.168.64.2:22x') }));
    expect(finding?.evidence).toHaveLength(2);
  });
});
