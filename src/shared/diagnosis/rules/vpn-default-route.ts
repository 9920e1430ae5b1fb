import type { Facts, VpnFact } from '../facts';
import { networkOf } from '../roles';
import { type Rule, vmProbesFailed } from '../rule';

/** The VM network's subnet, from the bridge holding the VM's gateway; null when that is not known. */
function vmSubnet(facts: Facts): string | null {
  const bridge = facts.bridge;
  const held = bridge?.iface.ipv4.find((a) => a.address === bridge.address);
  return held ? networkOf(held.address, held.prefixLength) : null;
}

function title(vpn: VpnFact): string {
  if (vpn.kind === 'full') return `A VPN (${vpn.tunnel}) holds the default route.`;
  return vpn.routes.length > 1
    ? `A VPN (${vpn.tunnel}) takes all traffic with the routes 0.0.0.0/1 and 128.0.0.0/1.`
    : `A VPN (${vpn.tunnel}) takes the traffic to 0.0.0.0/1 (half of all addresses) with its own route.`;
}

// A pf rule is only offered when every value in it is known: a guessed subnet pasted into pf NATs nothing.
function pfWorkaround(tunnel: string, subnet: string | null): string {
  const anchor = 'the anchor com.apple.internet-sharing/shared_v4';
  return subnet
    ? ` (Workaround for experts: a pf rule \`nat on ${tunnel} from ${subnet} to any -> (${tunnel})\` in ${anchor}.)`
    : ` (Experts can add a pf NAT rule on ${tunnel} in ${anchor}; the VM network's subnet it needs is not known ` +
        "here, because the VM's bridge was not found.)";
}

function darwinDetail(facts: Facts, vpn: VpnFact): string {
  const physical = facts.egress?.name ?? 'the physical interface';
  const subnet = vmSubnet(facts);
  return (
    `vmnet's NAT rule only translates traffic that leaves through ${physical}. VM traffic routed into ` +
    `${vpn.tunnel} keeps its ${subnet ?? 'private vmnet'} source address, which the far end of the VPN neither ` +
    'knows nor routes back, so the VM loses the internet while the Mac keeps it. Disconnect the VPN, or set it ' +
    'to split tunnelling so internet traffic leaves through the physical interface, then check again.' +
    pfWorkaround(vpn.tunnel, subnet)
  );
}

function linuxDetail(vpn: VpnFact): string {
  return (
    `VM traffic follows the host's routes into ${vpn.tunnel}. A MASQUERADE rule that is not bound to an output ` +
    `interface (libvirt's) translates it to ${vpn.tunnel}'s address; one bound to the physical interface ` +
    '(`-o eth0`) leaves it untranslated, and the VPN drops it. bridgelight does not read iptables, so it cannot ' +
    'tell which applies. If the VM fails, disconnect the VPN or exclude internet traffic from it and check again.'
  );
}

function severityNote(facts: Facts): string {
  if (vmProbesFailed(facts)) return ' The VM reaches none of its targets, which is what this causes.';
  if (facts.vm.status === 'probed' && facts.vm.targets.count > 0) {
    return " The VM's own probes show no failure from it, so this is a warning.";
  }
  return ' Nothing was probed from inside the VM, so whether it is affected is not known: this is a warning.';
}

export const rule: Rule = {
  id: 'vpn-default-route',
  scope: 'host',
  colours: ['nat'],
  explains: ['vm-internet-unreachable'],
  evaluate(facts) {
    const vpn = facts.vpn;
    if (vpn === null) return null;
    const failed = vmProbesFailed(facts);
    const physical = facts.egress ? [`${facts.egress.chosenBecause} (the physical interface)`] : [];
    const detail = facts.platform === 'darwin' ? darwinDetail(facts, vpn) : linuxDetail(vpn);
    return {
      id: 'vpn-default-route',
      severity: failed ? 'error' : 'warning',
      title: title(vpn),
      detail: detail + severityNote(facts),
      evidence: [...vpn.routes, ...physical],
      fix: null,
    };
  },
};
