import type { Facts } from '../facts';
import type { Rule } from '../rule';

function evidence(facts: Facts): string[] {
  if (facts.scopedDefaults.length === 0) return ['no default route in the routing table'];
  return facts.scopedDefaults.map((line) => `${line} (scoped: only sockets bound to that interface may use it)`);
}

export const rule: Rule = {
  id: 'no-default-route',
  scope: 'host',
  colours: ['gateway'],
  evaluate(facts) {
    // A split VPN (0/1 + 128/1) routes everything without a default, so it is not "no route".
    if (!facts.routesKnown || facts.defaultRoute !== null || facts.vpn !== null) return null;
    const renew =
      facts.platform === 'darwin'
        ? 'Reconnect Wi-Fi or Ethernet (or renew the DHCP lease in System Settings > Network > Details > TCP/IP)'
        : 'Reconnect the network or renew the DHCP lease (e.g. `nmcli device reapply <iface>`)';
    return {
      id: 'no-default-route',
      severity: 'error',
      title: 'The host has no default route.',
      detail:
        'Without a default route nothing beyond the directly attached networks is reachable: not from the host, and ' +
        `not from the VM, whose NATed traffic uses the same table. ${renew}. A VPN client that just disconnected ` +
        'may have removed the route without putting it back; reconnecting the network restores it.',
      evidence: evidence(facts),
      fix: null,
    };
  },
};
