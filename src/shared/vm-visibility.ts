// The user's hidden VMs (Settings.hiddenVms) applied to a multi-VM diagnosis: what the tray colours itself by and
// what notifications speak of. The diagnosis itself is never changed (the popover still lists a hidden VM, to
// offer showing it again); this is a view over it. Pure, so main and the popover read it the same way.
import { diagnosisOfVm, worstVerdict } from './diagnosis/multi';
import type { Diagnosis, VmDiagnosis } from './model';
import { wordingFor } from './providers';
import { PROVIDER_IDS, type ProviderId, type VmRef } from './vm';

/** Longest VM name a hidden-VM entry may carry; real tools' rules stop well short of it (Lima: 76). */
export const MAX_VM_NAME = 128;

/**
 * `PROVIDER/NAME` with a provider Bridgelight knows and a name of printable characters. Names are not held to one
 * tool's rule: UTM names may hold spaces, and a VM named oddly must still be hideable.
 */
export function isVmRef(value: unknown): value is VmRef {
  if (typeof value !== 'string') return false;
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const provider = value.slice(0, slash);
  const name = value.slice(slash + 1);
  return (
    (PROVIDER_IDS as readonly string[]).includes(provider as ProviderId) &&
    name.length > 0 &&
    name.length <= MAX_VM_NAME &&
    name.trim() === name &&
    !/[\u0000-\u001f\u007f-\u009f]/.test(name)
  );
}

/** The VMs of a diagnosis the user has not hidden, in the diagnosis' order. */
export function shownVms(diagnosis: Diagnosis, hiddenVms: readonly VmRef[]): VmDiagnosis[] {
  return (diagnosis.vms ?? []).filter((vm) => !hiddenVms.includes(vm.ref));
}

/** The VMs of a diagnosis the user has hidden, in the diagnosis' order. */
export function hiddenVmsOf(diagnosis: Diagnosis, hiddenVms: readonly VmRef[]): VmDiagnosis[] {
  return (diagnosis.vms ?? []).filter((vm) => hiddenVms.includes(vm.ref));
}

/**
 * The diagnosis as if the hidden VMs were not there: their findings gone, the verdict the worst of the shown
 * VMs', and the top-level VM fields those of the first shown VM. With every VM hidden nothing is left to judge,
 * so the verdict is unknown, never green. A diagnosis without hidden VMs is returned as it is.
 */
export function visibleDiagnosis(diagnosis: Diagnosis, hiddenVms: readonly VmRef[]): Diagnosis {
  const hidden = hiddenVmsOf(diagnosis, hiddenVms);
  if (hidden.length === 0) return diagnosis;
  const shown = shownVms(diagnosis, hiddenVms);
  const first = shown[0];
  const findings = diagnosis.findings.filter((finding) => finding.vm === undefined || !hiddenVms.includes(finding.vm));
  if (!first) return { ...diagnosis, verdict: 'unknown', vm: null, bridge: null, hops: [], findings, vms: [] };
  return {
    ...diagnosisOfVm(diagnosis, first),
    verdict: worstVerdict(shown.map((vm) => vm.verdict)),
    findings,
    vms: shown,
  };
}

/** The runtime a VM belongs to, as users know it (`Lima`, `Podman machine`, `UTM`). */
export function vmRuntime(vm: Pick<VmDiagnosis, 'provider'>): string {
  return wordingFor(vm.provider).toolName;
}

/** `Lima instance default`: how a sentence (a notification) names one VM, in its provider's own words. */
export function vmPhrase(vm: Pick<VmDiagnosis, 'provider' | 'name'>): string {
  const { toolName, vmNoun } = wordingFor(vm.provider);
  // "Podman machine" already says what one VM is called.
  const kind = toolName.endsWith(` ${vmNoun}`) ? toolName : `${toolName} ${vmNoun}`;
  return `${kind} ${vm.name}`;
}

/** The VMs whose traffic crosses vmnet's pf NAT on the host: the ones a wrong NAT source cuts off. */
export function vmsBehindNat(vms: readonly VmDiagnosis[]): VmDiagnosis[] {
  return vms.filter((vm) => vm.hops.some((hop) => hop.id === 'nat' && hop.onPath));
}
