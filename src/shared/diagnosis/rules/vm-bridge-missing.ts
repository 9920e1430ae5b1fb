import { isLinkLocal } from '../../ipv4';
import type { Facts } from '../facts';
import { providerOf, type Rule } from '../rule';
import { formatRoute } from '../text';

function hostAddresses(facts: Facts): string {
  const listed = facts.interfaces
    .filter((i) => !i.flags.includes('LOOPBACK') && i.ipv4.some((a) => !isLinkLocal(a.address)))
    .map((i) => `${i.name} (${i.ipv4.map((a) => a.address).join(', ')})`);
  return listed.length > 0 ? listed.join(', ') : 'none';
}

function vmRoute(facts: Facts): string {
  const route = facts.vm.defaultRoute;
  return route ? `VM route: ${formatRoute('linux', route)}` : `VM gateway ${facts.vm.gateway}`;
}

/** The validated restart commands for the observed VM, as a person types them; null when its name fails the rule. */
function restartAdvice(facts: Facts): string | null {
  const observation = facts.vm.observation;
  if (!observation) return null;
  const id = observation.listing?.id;
  const commands = providerOf(facts).restartCommands({
    name: observation.profile,
    ...(id === undefined ? {} : { id }),
  });
  return commands ? commands.map((argv) => `\`${argv.join(' ')}\``).join(', then ') : null;
}

function missingDetail(facts: Facts): string {
  const restart = restartAdvice(facts);
  return (
    'The VM sends all its traffic to its gateway, but no interface on this host has that address, so the traffic has ' +
    'nowhere to go. The bridge the VM hangs on is gone or has another address: it happens after sleep, after the ' +
    "virtualisation service restarted, or after the VM network's subnet was changed. Restart the VM " +
    `${restart ? `(${restart}) ` : ''}so the driver re-creates its network, and check again.`
  );
}

const ELSEWHERE_DETAIL =
  "The VM's gateway is not an address of this host, yet the VM reaches the internet: its traffic goes another way " +
  "(user-mode networking such as qemu's slirp, or a driver running inside another VM), so the bridge and NAT hops " +
  "on this host don't carry it and are not judged.";

export const rule: Rule = {
  id: 'vm-bridge-missing',
  scope: 'vm',
  colours: ['bridge'],
  evaluate(facts) {
    const gateway = facts.vm.gateway;
    if (gateway === null || !facts.interfacesKnown || facts.bridge !== null) return null;
    // A user-mode VM has no host bridge: its gateway lives in the runtime's own stack, where it belongs.
    if (facts.vm.network === 'user-mode') return null;
    const elsewhere = facts.vm.targets.anyOk;
    // The driver's claim goes beside the evidence that contradicts it, so the reader sees both.
    const claim = facts.vm.networkEvidence.map((line) => `${providerOf(facts).tool} says: ${line}`);
    return {
      id: 'vm-bridge-missing',
      severity: elsewhere ? 'info' : 'error',
      title: elsewhere
        ? `The VM's gateway ${gateway} is not on this host, yet the VM reaches the internet.`
        : `No host interface holds the VM's gateway ${gateway}${claim.length > 0 ? ', though its driver puts it behind a host bridge' : ''}.`,
      detail: elsewhere ? ELSEWHERE_DETAIL : missingDetail(facts),
      evidence: [vmRoute(facts), `host interfaces with IPv4: ${hostAddresses(facts)}`, ...claim],
      fix: null,
    };
  },
};
