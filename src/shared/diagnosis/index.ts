// diagnose(): Snapshot in, Diagnosis (exactly `bridgelight check --json`) out. Pure, and it never throws: a
// broken rule or an unexpected snapshot costs that one answer, never the whole diagnosis.
import type { BridgeInfo, Diagnosis, EgressInfo, Finding, Hop, Light, Snapshot, VmInfo } from '../model';
import { deriveFacts, type Facts } from './facts';
import { buildHops, unknownHops, verdictOf } from './hops';
import { diagnoseAllWith } from './multi';
import type { Rule } from './rule';
import { RULES } from './rules';

export { isSafeInterfaceName, removeAddressCommand, undoCommand } from './commands';
export type { Facts } from './facts';
export { deriveFacts } from './facts';
export { diagnosisOfVm, worstVerdict } from './multi';
export type { Rule, RuleScope } from './rule';
export { RULES } from './rules';

function attempt<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch {
    return fallback;
  }
}

function runRules(rules: readonly Rule[], facts: Facts): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const finding = attempt(() => rule.evaluate(facts), null);
    // Ids are unique within a Diagnosis (scripts key on them): the first rule to claim one keeps it.
    if (finding && !findings.some((f) => f.id === finding.id)) findings.push(finding);
  }
  return findings;
}

// Root cause first: a finding names the findings of this diagnosis that its rule explains, so they read as its
// consequence rather than as a second problem.
function linkCauses(rules: readonly Rule[], findings: Finding[]): Finding[] {
  const present = new Set(findings.map((f) => f.id));
  return findings.map((finding) => {
    const explained = rules.find((r) => r.id === finding.id)?.explains?.filter((id) => present.has(id)) ?? [];
    return explained.length > 0 ? { ...finding, causes: [...explained] } : finding;
  });
}

function egressInfo(facts: Facts): EgressInfo | null {
  const egress = facts.egress;
  if (egress === null) return null;
  return {
    interface: egress.name,
    gateway: egress.gateway,
    natSource: egress.natSource?.address ?? null,
    // Only the public fields: the Diagnosis is a contract, the rest of AddressFact is not.
    addresses: egress.addresses.map((a) => ({
      address: a.address,
      prefixLength: a.prefixLength,
      role: a.role,
      evidence: [...a.evidence],
    })),
  };
}

function bridgeInfo(facts: Facts): BridgeInfo | null {
  const bridge = facts.bridge;
  return bridge ? { interface: bridge.iface.name, address: bridge.address, members: [...bridge.iface.members] } : null;
}

function vmInfo(facts: Facts): VmInfo | null {
  const vm = facts.vm.observation;
  if (!vm) return null;
  return {
    provider: vm.provider,
    profile: vm.profile,
    state: vm.state,
    gateway: facts.vm.gateway,
    driver: vm.listing?.driver ?? null,
    network: facts.vm.network,
  };
}

function unreadableDiagnosis(): Diagnosis {
  return {
    verdict: 'unknown',
    egress: null,
    bridge: null,
    vm: null,
    hops: unknownHops('the snapshot could not be read'),
    findings: [],
  };
}

/** Fails closed: while an input could not be read, hops that look fine are not proof of an all clear. */
function closedVerdict(hops: readonly Hop[], findings: readonly Finding[]): Light {
  const verdict = verdictOf(hops);
  return verdict === 'green' && findings.some((finding) => finding.id === 'input-unparseable') ? 'unknown' : verdict;
}

/** diagnose() with the rules given: for tests, and for anyone needing a subset. */
export function diagnoseWith(rules: readonly Rule[], snapshot: Snapshot): Diagnosis {
  const facts = attempt<Facts | null>(() => deriveFacts(snapshot), null);
  if (facts === null) return unreadableDiagnosis();
  const hops: Hop[] = attempt(() => buildHops(facts), unknownHops('the hops could not be worked out'));
  const findings = linkCauses(rules, runRules(rules, facts));
  return {
    verdict: closedVerdict(hops, findings),
    egress: attempt(() => egressInfo(facts), null),
    bridge: attempt(() => bridgeInfo(facts), null),
    vm: attempt(() => vmInfo(facts), null),
    hops,
    findings,
  };
}

export function diagnose(snapshot: Snapshot): Diagnosis {
  return diagnoseWith(RULES, snapshot);
}

/** Every VM of the snapshot, each diagnosed as diagnose() does one, merged (see ./multi.ts): `check --json`. */
export function diagnoseAll(snapshot: Snapshot, rules: readonly Rule[] = RULES): Diagnosis {
  return diagnoseAllWith(diagnoseWith, rules, snapshot);
}
