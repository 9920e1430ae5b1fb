import type { TargetProbe } from '../../model';
import type { Facts } from '../facts';
import type { Rule } from '../rule';
import { capitalise, formatRoute, noneReached } from '../text';

export function describeVmTarget(probe: TargetProbe): string {
  const outcome = probe.ok
    ? `connected${probe.ms === null ? '' : ` in ${probe.ms} ms`}`
    : `failed: ${probe.error ?? 'no reason given'}`;
  return `VM → ${probe.target} ${outcome}`;
}

function routeLine(facts: Facts): string {
  if (facts.vm.defaultRoute) return `VM route: ${formatRoute('linux', facts.vm.defaultRoute)}`;
  return facts.vm.routes === null ? 'VM routes: not reported' : 'VM routes: no default route';
}

function where(facts: Facts): string {
  if (facts.vm.routes !== null && facts.vm.defaultRoute === null) {
    return 'The VM has no default route, so it has no way out at all: restart the VM so DHCP gives it one.';
  }
  if (facts.host.anyOk) {
    return (
      "The host itself reaches the internet, so the break lies on the VM's own part of the path (bridge or NAT): " +
      'the other findings and the hops say where.'
    );
  }
  return 'The other findings and the hops say where along the path it breaks.';
}

export const rule: Rule = {
  id: 'vm-internet-unreachable',
  scope: 'vm',
  colours: ['vm'],
  evaluate(facts) {
    if (facts.vm.status !== 'probed' || !facts.vm.targets.allFailed) return null;
    return {
      id: 'vm-internet-unreachable',
      severity: 'error',
      title: `${capitalise(noneReached('the VM', facts.vm.targetProbes))}.`,
      detail: `Inside the VM every connection failed: images can't be pulled. ${where(facts)}`,
      evidence: [routeLine(facts), ...facts.vm.targetProbes.map(describeVmTarget)],
      fix: null,
    };
  },
};
