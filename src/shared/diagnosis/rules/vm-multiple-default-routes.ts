// Lima, Colima and some other guests get two default routes: one on the vmnet interface (through the host's
// bridge and pf NAT) and one on the runtime's own user-mode network (slirp, gvproxy). The guest kernel uses the
// lowest metric; on equal metrics it takes whichever it meets first, which is an accident of start-up order.
import type { Route } from '../../model';
import type { Facts } from '../facts';
import type { Rule } from '../rule';
import { formatRoute } from '../text';

function via(route: Route): string {
  const metric = route.metric === undefined ? '' : ` (metric ${route.metric})`;
  return `via ${route.gateway ?? '(on-link)'} on ${route.interface ?? '?'}${metric}`;
}

function detail(facts: Facts, inUse: Route, others: Route[]): { severity: 'warning' | 'info'; text: string } {
  const bridge = facts.bridge;
  const rest = others.map(via).join(', ');
  if (facts.vm.defaultTie) {
    return {
      severity: 'warning',
      text:
        `They share the lowest metric, so which one the guest kernel uses is ambiguous: Linux takes the one it ` +
        `meets first (here the one ${via(inUse)}), and that can change on the next boot. Give the routes different ` +
        'metrics so the choice is deliberate.',
    };
  }
  if (bridge && bridge.address === inUse.gateway) {
    return {
      severity: 'info',
      text:
        `The guest kernel uses the lowest metric, ${via(inUse)}, which leads to ${bridge.iface.name} on this ` +
        `host; ${rest} is used only if that one goes away.`,
    };
  }
  const why = !facts.interfacesKnown
    ? "the host's interfaces were not collected, so whether it leads to a vmnet bridge can't be told"
    : bridge
      ? `it is not the vmnet route: ${bridge.iface.name} holds ${bridge.address}, the gateway of ${rest}`
      : 'no host interface holds its gateway';
  return {
    severity: facts.interfacesKnown ? 'warning' : 'info',
    text:
      `The guest kernel uses the lowest metric, ${via(inUse)}, and ${why}. VM traffic that takes a user-mode ` +
      "network leaves through the runtime's own stack, not this host's bridge and NAT.",
  };
}

export const rule: Rule = {
  id: 'vm-multiple-default-routes',
  scope: 'vm',
  colours: ['bridge'],
  evaluate(facts) {
    const [inUse, ...others] = facts.vm.defaults;
    if (inUse === undefined || others.length === 0) return null;
    const { severity, text } = detail(facts, inUse, others);
    return {
      id: 'vm-multiple-default-routes',
      severity,
      title: facts.vm.defaultTie
        ? `The VM has ${facts.vm.defaults.length} default routes of equal metric.`
        : `The VM has ${facts.vm.defaults.length} default routes; it uses the one ${via(inUse)}.`,
      detail: text,
      evidence: facts.vm.defaults.map((route) => `VM route: ${formatRoute('linux', route)}`),
      fix: null,
    };
  },
};
