// How rules and hops speak of a VM's provider: its tool, its word for one VM, the commands a person would type.
// Pure data and string functions, one file per provider (src/shared/providers/<id>.ts), so no rule or hop ever
// spells a tool's name itself.
import type { ProviderId, VmListing, VmRunState } from '../vm';

export interface ProviderWording {
  id: ProviderId;
  /** The executable, as a person types it: `minikube`, `limactl`… */
  tool: string;
  /** What the tool calls one VM: `profile`, `instance`… */
  vmNoun: string;
  /** The command a person types for `action` (`start`, `stop`, `status`, `unpause`, `ssh`) on the VM `name`. */
  command(name: string, action: string): string;
  /** The commands, in order, that make the driver re-create the VM's network (stop, then start). */
  restart(name: string): string[];
}

/**
 * How a provider's listing is read and which commands it may suggest (argv only). The listing parsers use it;
 * ProviderWording above is what rules and hops say. Two views of one provider, until they are joined in one type.
 */
export interface ListingWording {
  provider: ProviderId;
  /** The runtime as users know it (`Lima`, `multipass`, `UTM`…). */
  toolName: string;
  /** The program the provider runs, found on PATH or in its fixed home. */
  program: string;
  /** The arguments that list the VMs, after `program`. */
  listArgs: readonly string[];
  /** The tool's own state words, each with the state Bridgelight reads it as; any other word is `unknown`. */
  states: Readonly<Record<string, VmRunState>>;
  /**
   * The commands (argv, program first) that restart the VM, in order; null when the VM's identifier fails the
   * tool's strict name rule, so nothing unchecked ever reaches a suggested command.
   */
  restartCommands(vm: VmListing): string[][] | null;
}

/** The tool's word read as a state, case as the tool prints it; a word the wording does not know is `unknown`. */
export function runStateOf(wording: ListingWording, rawState: string | null): VmRunState {
  return rawState !== null && Object.hasOwn(wording.states, rawState) ? wording.states[rawState]! : 'unknown';
}

/** `restartCommands` for a tool whose restart is one or more `program VERB… NAME` lines, NAME checked by `rule`. */
export function restartBy(
  program: string,
  verbs: readonly (readonly string[])[],
  rule: RegExp,
  identifier: (vm: VmListing) => string = (vm) => vm.name,
): (vm: VmListing) => string[][] | null {
  return (vm) => {
    const name = identifier(vm);
    return rule.test(name) ? verbs.map((verb) => [program, ...verb, name]) : null;
  };
}
