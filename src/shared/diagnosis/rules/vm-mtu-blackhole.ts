import { providerOf, type Rule } from '../rule';
import { describeTls, hostPathMtu, inVm, vmPathMtu } from '../vm-side';

export const rule: Rule = {
  id: 'vm-mtu-blackhole',
  scope: 'vm',
  colours: ['vm'],
  explains: ['vm-internet-unreachable'],
  evaluate(facts) {
    if (facts.vm.status !== 'probed') return null;
    // Small packets pass (TCP connects) and the first full-sized ones (the server's certificates) never arrive.
    const stalled = facts.vm.tls.filter((probe) => probe.connected && !probe.handshake && probe.timedOut);
    const host = hostPathMtu(facts);
    const vm = vmPathMtu(facts);
    if (stalled.length === 0 || host === null || vm === null || host.mtu >= vm.mtu) return null;
    const wording = providerOf(facts);
    const name = facts.vm.observation!.profile;
    const command = inVm(wording, name, `sudo ip link set dev ${vm.name} mtu ${host.mtu}`);
    return {
      id: 'vm-mtu-blackhole',
      severity: 'error',
      title: `Large packets from the internet never reach the VM: ${host.name}'s MTU is ${host.mtu}, the VM's ${vm.mtu}.`,
      detail:
        `Inside the VM, TCP connections are made but the TLS handshake stalls: the VM offers segments sized for ` +
        `an MTU of ${vm.mtu}, the host's path (${host.name}, a VPN or PPPoE link) carries at most ${host.mtu}, and the ` +
        '"fragmentation needed" messages that should shrink them are dropped on the way, so the server\'s ' +
        `certificates never arrive. Set the VM's MTU to ${host.mtu}: \`${command}\` (until the VM restarts; make it ` +
        "permanent in the VM's network configuration or the runtime's MTU setting), then check again.",
      evidence: [
        `${host.name} MTU ${host.mtu} (the host's path)`,
        `VM ${vm.name} MTU ${vm.mtu}`,
        ...stalled.map(describeTls),
      ],
      fix: null,
    };
  },
};
