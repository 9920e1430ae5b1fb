// Which of an interface's IPv4 addresses is the live one and which is left over. Every observation is kept as
// a sentence, because the user has to be able to check the judgement before deleting anything. Three
// independent kinds of evidence: who holds the DHCP lease, whose subnet contains the gateway, whose bound
// probes get answers. When they disagree the role is `unknown`: a wrong "stale" would make us delete the
// address that works.
import { inSubnet, ipv4ToNumber, isLinkLocal, numberToIpv4, prefixToMaskNumber } from '../ipv4';
import type { AddressRole, HostProbe, Ipv4Address, Platform, Snapshot } from '../model';

export interface AddressFact {
  address: string;
  prefixLength: number;
  /** Position in the interface's list (0 = listed first; on macOS that one is vmnet's NAT address). */
  position: number;
  role: AddressRole;
  /** Every observation about the address, as sentences (conflicting ones say which side they are on). */
  evidence: string[];
  /** Observations saying the address no longer works on this network. */
  staleEvidence: string[];
  /** Observations saying the address is the one in use (holds the lease, has the gateway, gets answers). */
  inUseEvidence: string[];
  /** Both kinds of observation exist: the role is unknown and no fix may be built on it. */
  conflict: boolean;
  /** Holds the interface's DHCP lease (macOS: the lease's yiaddr; Linux: dynamic or a finite lifetime). */
  dhcp: boolean;
  /** Linux `secondary` flag (false on macOS). */
  secondary: boolean;
}

export interface RoleInput {
  platform: Platform;
  interfaceName: string;
  addresses: readonly Ipv4Address[];
  /** The gateway this interface's traffic goes to, when known. */
  gateway: string | null;
  leases: Snapshot['leases'];
  hostProbes: readonly HostProbe[] | null;
}

type Side = 'stale' | 'in-use' | 'neutral';

interface Observation {
  side: Side;
  text: string;
}

/** What DHCP says about one address: holds the lease (true), known not to (false), can't tell (null). */
interface DhcpReading {
  holds: boolean | null;
  /** The address is known to be configured without DHCP (a candidate for `static`). */
  configuredStatically: boolean;
  note: string;
}

export function formatCidr(address: string, prefixLength: number): string {
  return `${address}/${prefixLength}`;
}

/** `172.2.9.61`/16 → `172.2.0.0/16`. */
export function networkOf(address: string, prefixLength: number): string {
  const value = ipv4ToNumber(address);
  if (value === null) return formatCidr(address, prefixLength);
  return formatCidr(numberToIpv4((value & prefixToMaskNumber(prefixLength)) >>> 0), prefixLength);
}

function darwinDhcpReadings(input: RoleInput): DhcpReading[] {
  const { addresses, interfaceName, leases } = input;
  const unknown = (note: string): DhcpReading[] =>
    addresses.map(() => ({ holds: null, configuredStatically: false, note }));
  if (leases === null) return unknown('DHCP lease not collected');
  const lease = leases[interfaceName];
  if (lease === undefined) return unknown(`no DHCP lease was collected for ${interfaceName}`);
  if (lease === null) {
    return addresses.map(() => ({
      holds: false,
      configuredStatically: true,
      note: `no DHCP on ${interfaceName} (ipconfig getpacket ${interfaceName} printed nothing)`,
    }));
  }
  const source = `ipconfig getpacket ${interfaceName}`;
  if (!addresses.some((a) => a.address === lease.yiaddr)) {
    return unknown(`DHCP lease (${source}): yiaddr ${lease.yiaddr}, which is none of ${interfaceName}'s addresses`);
  }
  return addresses.map((a) =>
    a.address === lease.yiaddr
      ? { holds: true, configuredStatically: false, note: `DHCP lease (${source}): yiaddr ${lease.yiaddr}` }
      : {
          holds: false,
          configuredStatically: false,
          note: `not the DHCP lease: ${source} gives yiaddr ${lease.yiaddr}`,
        },
  );
}

function linuxDhcpReading(address: Ipv4Address): DhcpReading {
  const lifetime = address.validLifetime;
  const finite = typeof lifetime === 'number';
  if (address.dynamic === true || finite) {
    const parts = [address.dynamic === true ? 'dynamic' : null, finite ? `valid_lft ${lifetime}sec` : null];
    return { holds: true, configuredStatically: false, note: `${parts.filter(Boolean).join(', ')}: from DHCP` };
  }
  if (lifetime === null) {
    return {
      holds: false,
      configuredStatically: true,
      note: 'valid_lft forever, not dynamic: configured by hand or statically, not by DHCP',
    };
  }
  return { holds: null, configuredStatically: false, note: 'lifetime and dynamic flag not reported' };
}

function dhcpReadings(input: RoleInput): DhcpReading[] {
  return input.platform === 'darwin' ? darwinDhcpReadings(input) : input.addresses.map(linuxDhcpReading);
}

function dhcpObservation(reading: DhcpReading, someoneElseHolds: boolean): Observation {
  if (reading.holds === true) return { side: 'in-use', text: reading.note };
  // Not holding the lease only says "left over" when another address does hold it.
  if (reading.holds === false && someoneElseHolds) return { side: 'stale', text: reading.note };
  return { side: 'neutral', text: reading.note };
}

/** Evidence names at most this many other addresses, then says how many more: 1,000 addresses stay linear. */
export const MAX_LISTED = 5;

/**
 * "a, b, c and 12 more": the first MAX_LISTED of `others` (indices that never include the address described).
 * Reads only those few, never the whole list: with 130,000 addresses split across the gateway's subnet, a count
 * by walking the list for each address was quadratic.
 */
function namesOf(input: RoleInput, others: readonly number[]): string {
  const names = others
    .slice(0, MAX_LISTED)
    .map((i) => input.addresses[i] as Ipv4Address)
    .map((a) => formatCidr(a.address, a.prefixLength));
  const more = others.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

/** "a, b and 7 more": a list in a sentence stays short however many addresses it stands for. */
export function shortList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

/** A finding's evidence describes at most this many addresses, then says how many more it left out. */
export const MAX_EVIDENCE_ADDRESSES = 20;

/** Which routable addresses have the gateway in their subnet, worked out once per interface. */
interface SubnetSplit {
  gateway: string;
  having: number[];
  lacking: number[];
}

function splitBySubnet(input: RoleInput, routable: readonly number[]): SubnetSplit | null {
  const { gateway, addresses } = input;
  if (gateway === null || ipv4ToNumber(gateway) === null) return null;
  const having: number[] = [];
  const lacking: number[] = [];
  for (const i of routable) {
    const a = addresses[i] as Ipv4Address;
    (inSubnet(gateway, a.address, a.prefixLength) ? having : lacking).push(i);
  }
  return { gateway, having, lacking };
}

function subnetObservation(input: RoleInput, index: number, split: SubnetSplit | null): Observation | null {
  const me = input.addresses[index];
  if (split === null || me === undefined) return null;
  const { gateway } = split;
  const network = networkOf(me.address, me.prefixLength);
  if (inSubnet(gateway, me.address, me.prefixLength)) {
    const names = namesOf(input, split.lacking);
    if (names === '') return { side: 'neutral', text: `subnet ${network} contains the gateway ${gateway}` };
    return { side: 'in-use', text: `subnet ${network} contains the gateway ${gateway} (${names} does not)` };
  }
  const names = namesOf(input, split.having);
  if (names === '') return { side: 'neutral', text: `subnet ${network} does not contain the gateway ${gateway}` };
  return { side: 'stale', text: `subnet ${network} does not contain the gateway ${gateway} (${names} does)` };
}

export function describeHostProbe(probe: HostProbe): string {
  const outcome = probe.ok
    ? `connected${probe.ms === null ? '' : ` in ${probe.ms} ms`}`
    : `failed: ${probe.error ?? 'no reason given'}`;
  return `bound probe ${probe.source} → ${probe.target} ${outcome}`;
}

/** Host probes by source address, and how many routable addresses got an answer: worked out once. */
interface ProbeIndex {
  bySource: Map<string, HostProbe[]>;
  answered: Set<string>;
}

function indexProbes(input: RoleInput, routable: readonly number[]): ProbeIndex {
  const bySource = new Map<string, HostProbe[]>();
  for (const probe of input.hostProbes ?? []) {
    const list = bySource.get(probe.source);
    if (list) list.push(probe);
    else bySource.set(probe.source, [probe]);
  }
  const answered = new Set<string>();
  for (const i of routable) {
    const address = input.addresses[i]?.address;
    if (address !== undefined && bySource.get(address)?.some((p) => p.ok)) answered.add(address);
  }
  return { bySource, answered };
}

function probeObservations(input: RoleInput, index: number, probes: ProbeIndex): Observation[] {
  const me = input.addresses[index];
  if (me === undefined) return [];
  const mine = probes.bySource.get(me.address) ?? [];
  if (mine.length === 0) return [];
  const anotherWorks = probes.answered.size > (probes.answered.has(me.address) ? 1 : 0);
  const allFailed = mine.every((p) => !p.ok);
  return mine.map((p) => {
    // A success proves the address works; failures only say "left over" when another address gets answers,
    // otherwise the whole uplink may be down.
    const side: Side = p.ok ? 'in-use' : allFailed && anotherWorks ? 'stale' : 'neutral';
    return { side, text: describeHostProbe(p) };
  });
}

function roleFrom(observations: readonly Observation[], reading: DhcpReading): AddressRole {
  const stale = observations.some((o) => o.side === 'stale');
  const inUse = observations.some((o) => o.side === 'in-use');
  if (stale && inUse) return 'unknown';
  if (stale) return 'stale';
  if (reading.holds === true) return 'dhcp';
  if (reading.configuredStatically) return 'static';
  return 'unknown';
}

function evidenceLines(observations: readonly Observation[], role: AddressRole, conflict: boolean): string[] {
  if (conflict) {
    const label = { stale: 'says stale: ', 'in-use': 'says in use: ', neutral: '' } as const;
    return [
      'conflicting evidence: some says this address is stale, some that it is in use',
      ...observations.map((o) => `${label[o.side]}${o.text}`),
    ];
  }
  const lines = observations.map((o) => o.text);
  if (role === 'unknown') lines.push('the evidence cannot tell whether it is the DHCP address, a static one or stale');
  return lines;
}

function linkLocalFact(address: Ipv4Address, position: number, probeLines: Observation[]): AddressFact {
  return {
    address: address.address,
    prefixLength: address.prefixLength,
    position,
    role: 'link-local',
    evidence: [
      '169.254/16: self-assigned when DHCP got no answer; routers never forward it',
      ...probeLines.map((o) => o.text),
    ],
    staleEvidence: [],
    inUseEvidence: [],
    conflict: false,
    dhcp: false,
    secondary: address.secondary === true,
  };
}

/** Roles for every IPv4 address of one interface, in the interface's order. */
export function assignRoles(input: RoleInput): AddressFact[] {
  const readings = dhcpReadings(input);
  // Link-local addresses never carry traffic past the gateway, so they are not "another address" in comparisons.
  const routable = input.addresses.flatMap((a, i) => (isLinkLocal(a.address) ? [] : [i]));
  const holders = routable.filter((i) => readings[i]?.holds === true).length;
  const split = splitBySubnet(input, routable);
  const probeIndex = indexProbes(input, routable);
  return input.addresses.map((address, index) => {
    const probes = probeObservations(input, index, probeIndex);
    if (isLinkLocal(address.address)) return linkLocalFact(address, index, probes);
    const reading = readings[index] as DhcpReading;
    const someoneElseHolds = holders > (reading.holds === true ? 1 : 0);
    const subnet = subnetObservation(input, index, split);
    const observations = [dhcpObservation(reading, someoneElseHolds), ...(subnet ? [subnet] : []), ...probes];
    const role = roleFrom(observations, reading);
    const staleEvidence = observations.filter((o) => o.side === 'stale').map((o) => o.text);
    const inUseEvidence = observations.filter((o) => o.side === 'in-use').map((o) => o.text);
    const conflict = staleEvidence.length > 0 && inUseEvidence.length > 0;
    return {
      address: address.address,
      prefixLength: address.prefixLength,
      position: index,
      role,
      evidence: evidenceLines(observations, role, conflict),
      staleEvidence,
      inUseEvidence,
      conflict,
      dhcp: reading.holds === true,
      secondary: address.secondary === true,
    };
  });
}
