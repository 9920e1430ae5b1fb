// The six hops of the path VM → bridge → NAT → egress → gateway → internet, each a light and one line naming
// the real interfaces and addresses. A hop is `unknown` when its inputs are missing, never a guessed colour.
import { inSubnet } from '../ipv4';
import { HOP_IDS, type Hop, type HopId, type Light } from '../model';
import { type EgressFact, type Facts, isUserMode } from './facts';
import type { AddressFact } from './roles';
import { providerOf, vmProbesFailed } from './rule';
import { noneReached, reachedCount } from './text';

interface Reading {
  light: Light;
  summary: string;
  onPath: boolean;
}

const RANK: Record<Light, number> = { unknown: 0, green: 1, yellow: 2, red: 3 };

const reading = (light: Light, summary: string): Reading => ({ light, summary, onPath: true });

/** A hop this VM's traffic does not take: never a light of its own, never part of the verdict. */
const offPath = (why: string): Reading => ({ light: 'unknown', summary: `not on this path: ${why}`, onPath: false });

/** Why the bridge or NAT hop is not on this VM's path, or null when it is. */
function notOnPath(facts: Facts, hop: 'bridge' | 'nat'): string | null {
  const why = facts.vm.networkEvidence.join('; ');
  if (facts.vm.network === 'user-mode') return why || 'the VM uses its own user-mode network';
  if (hop === 'nat' && facts.vm.network === 'vmnet-bridged') return why || 'the VM is bridged, no NAT on this host';
  return null;
}

/** The worst light among the readings; every reading with that light is named in the summary. */
function worstOf(readings: readonly Reading[], fallback: Reading): Reading {
  const top = readings.reduce<Light>((acc, r) => (RANK[r.light] > RANK[acc] ? r.light : acc), 'unknown');
  const named = readings.filter((r) => r.light === top);
  return named.length === 0 ? fallback : reading(top, named.map((r) => r.summary).join('; '));
}

function vmProbedReading(facts: Facts): Reading {
  const vm = facts.vm;
  const problems: string[] = [];
  if (vm.routes !== null && vm.defaultRoute === null) problems.push('the VM has no default route');
  if (vm.targets.allFailed) problems.push(noneReached('the VM', vm.targetProbes));
  if (vm.dns && !vm.dns.ok) problems.push(`DNS lookup of ${vm.dns.name} fails inside the VM`);
  if (vm.internalDns && !vm.internalDns.ok) problems.push(`${vm.internalDns.name} does not resolve inside the VM`);
  // A pull is an HTTPS request: one the VM could try and that did not end with a trusted certificate is a failure.
  for (const probe of vm.tls.filter((p) => p.tried && !(p.handshake && p.verified === true))) {
    problems.push(`HTTPS to ${probe.target} fails inside the VM`);
  }
  if (problems.length > 0) return reading('red', problems.join('; '));
  if (vm.defaultRoute === null && vm.targets.count === 0 && vm.dns === null) {
    return reading('unknown', 'the VM probe reported nothing usable');
  }
  // Routes from inside the VM show it was up when they were read, whatever its tool said (or did not say).
  const state = vm.observation?.state;
  const parts = [state ? `VM ${state}` : 'VM state not recorded'];
  if (vm.defaultRoute) parts.push(`default via ${vm.gateway ?? '(on-link)'} on ${vm.defaultRoute.interface ?? '?'}`);
  for (const other of vm.defaults.slice(1)) {
    const metric = other.metric === undefined ? '' : ` (metric ${other.metric})`;
    parts.push(`also via ${other.gateway ?? '(on-link)'} on ${other.interface ?? '?'}${metric}`);
  }
  if (vm.targets.count > 0) parts.push(`reaches ${reachedCount(vm.targetProbes)}`);
  if (vm.dns) parts.push(`DNS resolves ${vm.dns.name}`);
  return reading('green', parts.join(', '));
}

function vmHop(facts: Facts): Reading {
  const vm = facts.vm.observation;
  const { tool } = providerOf(facts);
  switch (facts.vm.status) {
    case 'no-data':
      return reading('unknown', `no ${tool} data`);
    case 'not-installed':
      return reading('unknown', `${tool} not found on PATH`);
    case 'unresponsive':
      return reading('yellow', `${tool} ${vm?.availability === 'timeout' ? 'did not answer in time' : 'failed'}`);
    case 'not-running':
      return reading('yellow', `${tool} says the VM is ${vm?.state}: nothing inside it was checked`);
    case 'probe-failed':
      return reading('yellow', `the VM is ${vm?.state ?? 'up'} but the probe inside it failed: ${vm?.probeError}`);
    case 'no-probe':
      return reading('unknown', `the VM is ${vm?.state ?? 'in an unknown state'}; nothing was probed inside it`);
    case 'probed':
      return vmProbedReading(facts);
  }
}

/**
 * Without the VM's own gateway the host's vmnet bridges are still worth naming: each is a NAT path of its own, and
 * the user sees which ones there are. Still unknown: nothing says which one the VM uses.
 */
function withoutGateway(facts: Facts): string {
  const bridges = facts.vmnetBridges.slice(0, 3);
  if (bridges.length === 0) return "the VM's gateway is unknown";
  const named = bridges.map((bridge) => {
    const members = bridge.members.length > 0 ? ` (members ${bridge.members.join(', ')})` : '';
    return `${bridge.name} ${bridge.address}/${bridge.prefixLength}${members}`;
  });
  const more =
    facts.vmnetBridges.length > bridges.length ? ` and ${facts.vmnetBridges.length - bridges.length} more` : '';
  return `the VM's gateway is unknown; vmnet bridges on this host: ${named.join('; ')}${more}`;
}

function bridgeHop(facts: Facts): Reading {
  const off = notOnPath(facts, 'bridge');
  if (off !== null) return offPath(off);
  const gateway = facts.vm.gateway;
  if (gateway === null) return reading('unknown', withoutGateway(facts));
  if (!facts.interfacesKnown) return reading('unknown', `host interfaces not collected (VM gateway ${gateway})`);
  const bridge = facts.bridge;
  if (bridge) {
    const members = bridge.iface.members;
    const memberText = members.length > 0 ? `members ${members.join(', ')}` : 'no members listed';
    const holds = `${bridge.iface.name} holds ${bridge.address} (${memberText})`;
    const inUse = facts.vm.defaultRoute;
    if (facts.vm.defaultTie) {
      return reading('yellow', `${holds}, but the VM's ${facts.vm.defaults.length} default routes tie on metric`);
    }
    if (bridge.address !== gateway) {
      return reading('yellow', `${holds}, but the VM's traffic uses its default via ${gateway} on ${inUse?.interface}`);
    }
    return reading('green', holds);
  }
  if (facts.vm.targets.anyOk) {
    return reading('unknown', `no host interface holds ${gateway}; the VM reaches the internet another way`);
  }
  const claim = facts.vm.networkEvidence.join('; ');
  return reading('red', `no host interface holds the VM's gateway ${gateway}${claim ? `, though ${claim}` : ''}`);
}

function natSourceReading(egress: EgressFact, source: AddressFact): Reading {
  const says = `NAT translates to ${source.address}`;
  const several = egress.addresses.length > 1;
  switch (source.role) {
    case 'stale':
      return reading('red', `${says} — a stale address`);
    case 'link-local':
      return reading('red', `${says} — a link-local address, which routers drop`);
    case 'dhcp':
      return reading('green', `${says} — the DHCP address`);
    case 'static':
      return reading('green', `${says} — a static address`);
    case 'unknown':
      return several
        ? reading(
            'yellow',
            `${says} — which of ${egress.name}'s ${egress.addresses.length} addresses is live can't be told`,
          )
        : reading('green', `${says}, ${egress.name}'s only IPv4 address`);
  }
}

function natHop(facts: Facts): Reading {
  const off = notOnPath(facts, 'nat');
  if (off !== null) return offPath(off);
  const egress = facts.egress;
  const readings: Reading[] = [];
  const vpn = facts.vpn;
  if (vpn) {
    const what =
      facts.platform === 'darwin'
        ? `VM traffic routed into ${vpn.tunnel} (VPN) leaves un-NATed`
        : `VM traffic goes out through ${vpn.tunnel} (VPN); MASQUERADE there is not checked`;
    readings.push(reading(vmProbesFailed(facts) ? 'red' : 'yellow', what));
  }
  // A VPN holding the route is a fact about NAT whether or not the interface behind it is known.
  if (egress === null) return worstOf(readings, reading('unknown', 'no egress interface known'));
  if (egress.iface !== null && egress.addresses.length === 0) {
    readings.push(reading('red', `${egress.name} has no IPv4 address to translate to`));
  }
  if (egress.natSource) readings.push(natSourceReading(egress, egress.natSource));
  return worstOf(readings, reading('unknown', `NAT source unknown: ${egress.natSourceNote}`));
}

function egressHop(facts: Facts): Reading {
  const egress = facts.egress;
  if (egress === null) return reading('unknown', 'no egress interface known');
  const iface = egress.iface;
  if (iface === null) return reading('unknown', `${egress.name}: its addresses were not collected`);
  if (!iface.up) return reading('red', `${iface.name} is down`);
  const addresses = egress.addresses;
  if (addresses.length === 0) return reading('red', `${iface.name} has no IPv4 address`);
  if (addresses.every((a) => a.role === 'link-local')) {
    return reading('red', `${iface.name} has only a link-local address (${addresses[0]?.address}): DHCP got no answer`);
  }
  if (addresses.length > 1) {
    const several = `${iface.name} has ${addresses.length} IPv4 addresses`;
    // Without NAT on the path the first address is not special: the host's own choice applies to the VM too.
    return isUserMode(facts)
      ? reading('green', `${several}; the VM's user-mode network uses the host's own choice`)
      : reading('yellow', several);
  }
  const only = addresses[0] as AddressFact;
  return reading('green', `${iface.name} has one IPv4 address, ${only.address}/${only.prefixLength}`);
}

function gatewayHop(facts: Facts): Reading {
  if (!facts.routesKnown) return reading('unknown', 'routes not collected');
  const vpn = facts.vpn;
  if (facts.defaultRoute === null && vpn === null) return reading('red', 'no default route');
  const egress = facts.egress;
  if (egress === null)
    return reading('unknown', `default via ${vpn?.tunnel ?? '?'} (VPN); the physical gateway is unknown`);
  const gateway = egress.gateway;
  const head =
    vpn?.kind === 'full'
      ? `default via ${vpn.tunnel} (VPN); ${egress.name}'s gateway ${gateway ?? 'unknown'}`
      : `default via ${gateway ?? '(on-link)'} on ${egress.name}`;
  if (gateway === null) return reading(facts.host.anyOk ? 'green' : 'unknown', head);
  if (egress.addresses.some((a) => inSubnet(gateway, a.address, a.prefixLength))) return reading('green', head);
  if (facts.host.anyOk) return reading('green', `${head} (probes through it answered)`);
  if (egress.iface === null) return reading('unknown', `${head} (addresses of ${egress.name} not collected)`);
  return reading('yellow', `${head}, outside every subnet of ${egress.name}`);
}

function internetHop(facts: Facts): Reading {
  const host = facts.host;
  if (host.allFailed) return reading('red', noneReached('the host', facts.hostProbes));
  if (host.anyOk) return reading('green', `the host reaches ${reachedCount(facts.hostProbes)}`);
  const vm = facts.vm;
  if (vm.targets.anyOk) return reading('green', `the VM reaches ${reachedCount(vm.targetProbes)}`);
  const why = vmProbesFailed(facts)
    ? 'the host was not probed; the VM reaches none of its targets'
    : 'nothing was probed';
  return reading('unknown', why);
}

const HOP_READERS: Record<HopId, (facts: Facts) => Reading> = {
  vm: vmHop,
  bridge: bridgeHop,
  nat: natHop,
  egress: egressHop,
  gateway: gatewayHop,
  internet: internetHop,
};

export function buildHops(facts: Facts): Hop[] {
  return HOP_IDS.map((id) => ({ id, ...HOP_READERS[id](facts) }));
}

/**
 * Fails closed: green only when every hop on the VM's path is known and green. Otherwise the worst known light
 * when it is yellow or red (a known fault stays visible), else unknown: a hop nobody could see is never healthy.
 */
export function verdictOf(hops: readonly Hop[]): Light {
  const onPath = hops.filter((hop) => hop.onPath);
  const worst = onPath.reduce<Light>((acc, hop) => (RANK[hop.light] > RANK[acc] ? hop.light : acc), 'unknown');
  if (worst === 'red' || worst === 'yellow') return worst;
  return onPath.length > 0 && onPath.every((hop) => hop.light === 'green') ? 'green' : 'unknown';
}

/** Six unknown hops: what is shown when even the facts could not be derived. */
export function unknownHops(reason: string): Hop[] {
  return HOP_IDS.map((id) => ({ id, light: 'unknown' as const, summary: reason, onPath: true }));
}
