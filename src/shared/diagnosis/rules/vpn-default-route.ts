import type { Facts, VpnFact } from '../facts';
import { networkOf } from '../roles';
import { type Rule, vmProbesFailed } from '../rule';

function vmSubnet(facts: Facts): string {
  const bridge = facts.bridge;
  const held = bridge?.iface.ipv4.find((a) => a.address === bridge.address);
  return held ? networkOf(held.address, held.prefixLength) : 'private vmnet';
}

function title(vpn: VpnFact): string {
  return vpn.kind === 'full'
    ? `A VPN (${vpn.tunnel}) holds the default route.`
    : `A VPN (${vpn.tunnel}) takes all traffic with the routes 0.0.0.0/1 and 128.0.0.0/1.`;
}

function darwinDetail(facts: Facts, vpn: VpnFact): string {
  const physical = facts.egress?.name ?? 'the physical interface';
  const subnet = vmSubnet(facts);
  return (
    `vmnet's NAT rule only translates traffic that leaves through ${physical}. VM traffic routed into ` +
    `${vpn.tunnel} keeps its ${subnet} source address, which the far end of the VPN neither knows nor routes ` +
    'back, so the VM loses the internet while the Mac keeps it. Disconnect the VPN, or set it to split ' +
    'tunnelling so internet traffic leaves through the physical interface, then check again. (Workaround for ' +
    `experts: a pf rule \`nat on ${vpn.tunnel} from ${subnet} to any -> (${vpn.tunnel})\` in the anchor ` +
    'com.apple.internet-sharing/shared_v4.)'
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

function severityNote(failed: boolean): string {
  return failed
    ? ' The VM reaches none of its targets, which is what this causes.'
    : " The VM's own probes show no failure from it, so this is a warning.";
}

export const rule: Rule = {
  id: 'vpn-default-route',
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
      detail: detail + severityNote(failed),
      evidence: [...vpn.routes, ...physical],
      fix: null,
    };
  },
};
