// diagnoseAll(): a check of several VMs is today's one-VM diagnose() run once per VM (the snapshot with `vm` set
// to that VM), merged into one Diagnosis: the top-level fields stay the first VM's (old consumers keep working),
// `vms` holds each VM's own answer, VM-scoped findings carry their VM, host-scoped ones appear once, and the
// verdict is the worst of the VMs' (fail closed: one unknown VM keeps the whole answer from green).
import type { Diagnosis, Finding, Light, Snapshot, VmDiagnosis, VmObservation } from '../model';
import { vmRef } from '../vm';
import { bridgeOfVm, vmnetBridges } from '../vmnet-bridges';
import type { Rule } from './rule';

type DiagnoseWith = (rules: readonly Rule[], snapshot: Snapshot) => Diagnosis;

/** The worst light of several, read as verdictOf reads hops: red, then yellow, and green only when all are. */
export function worstVerdict(verdicts: readonly Light[]): Light {
  if (verdicts.includes('red')) return 'red';
  if (verdicts.includes('yellow')) return 'yellow';
  return verdicts.length > 0 && verdicts.every((verdict) => verdict === 'green') ? 'green' : 'unknown';
}

interface VmAnswer {
  vm: VmObservation;
  diagnosis: Diagnosis;
}

/** The host bridge a VM's traffic crosses: the one its routes lead to, else the vmnet bridge whose subnet holds it. */
function bridgeOf(snapshot: Snapshot, { vm, diagnosis }: VmAnswer): string | null {
  if (diagnosis.bridge) return diagnosis.bridge.interface;
  if (!vm.listing || diagnosis.vm?.network === 'user-mode') return null;
  return bridgeOfVm(vm.listing, vmnetBridges(snapshot.interfaces ?? []))?.name ?? null;
}

function vmDiagnosisOf(snapshot: Snapshot, answer: VmAnswer): VmDiagnosis {
  const { vm, diagnosis } = answer;
  return {
    ref: vmRef(vm.provider, vm.profile),
    provider: vm.provider,
    name: vm.profile,
    state: vm.state,
    network: diagnosis.vm?.network ?? vm.listing?.network ?? 'unknown',
    driver: diagnosis.vm?.driver ?? null,
    gateway: diagnosis.vm?.gateway ?? null,
    bridge: bridgeOf(snapshot, answer),
    verdict: diagnosis.verdict,
    hops: diagnosis.hops,
  };
}

/** In rule order: a host finding once (from the first VM whose diagnosis has it), a VM finding per VM, tagged. */
function mergeFindings(rules: readonly Rule[], answers: readonly VmAnswer[]): Finding[] {
  const scopeOf = new Map(rules.map((rule) => [rule.id as string, rule.scope]));
  const order = new Map(rules.map((rule, index) => [rule.id as string, index]));
  // VM by VM: the sort below is stable, so findings of one rule stay in VM order.
  const tagged = answers.flatMap(({ vm, diagnosis }) =>
    diagnosis.findings.map((finding) => ({ finding, ref: vmRef(vm.provider, vm.profile) })),
  );
  // A finding no rule claims (none today) is treated as the VM's: shown for each VM rather than merged away.
  const rank = (id: string) => order.get(id) ?? rules.length;
  tagged.sort((a, b) => rank(a.finding.id) - rank(b.finding.id));
  const seenHost = new Set<string>();
  return tagged.flatMap(({ finding, ref }) => {
    if (scopeOf.get(finding.id) !== 'host') return [{ ...finding, vm: ref }];
    if (seenHost.has(finding.id)) return [];
    seenHost.add(finding.id);
    return [finding];
  });
}

/** diagnoseAll() with the rules given (and the one-VM diagnosis to run per VM). */
export function diagnoseAllWith(diagnoseOne: DiagnoseWith, rules: readonly Rule[], snapshot: Snapshot): Diagnosis {
  const vms = snapshot.vms && snapshot.vms.length > 0 ? snapshot.vms : snapshot.vm ? [snapshot.vm] : [];
  if (vms.length === 0) return diagnoseOne(rules, snapshot);
  const answers = vms.map((vm) => ({ vm, diagnosis: diagnoseOne(rules, { ...snapshot, vm }) }));
  const first = answers[0]!.diagnosis;
  return {
    ...first,
    verdict: worstVerdict(answers.map(({ diagnosis }) => diagnosis.verdict)),
    findings: mergeFindings(rules, answers),
    vms: answers.map((answer) => vmDiagnosisOf(snapshot, answer)),
  };
}

/**
 * One VM's answer read back out of a multi-VM Diagnosis as a one-VM Diagnosis: its verdict, its hops, its
 * findings with the host's. For a front end that speaks of one VM at a time (a watch line, a metric).
 */
export function diagnosisOfVm(diagnosis: Diagnosis, vm: VmDiagnosis): Diagnosis {
  const { vms: _all, ...top } = diagnosis;
  return {
    ...top,
    verdict: vm.verdict,
    bridge: diagnosis.bridge?.interface === vm.bridge ? diagnosis.bridge : null,
    vm: {
      provider: vm.provider,
      profile: vm.name,
      state: vm.state,
      gateway: vm.gateway,
      driver: vm.driver,
      network: vm.network,
    },
    hops: vm.hops,
    findings: diagnosis.findings.filter((finding) => finding.vm === undefined || finding.vm === vm.ref),
  };
}
