// How rules and hops speak of a VM's provider: its tool, its word for one VM, the commands a person would type.
// Pure data and string functions, one file per provider (src/shared/providers/<id>.ts), so no rule or hop ever
// spells a tool's name itself.
import type { ProviderId, VmListing, VmRunState } from '../vm';

export interface ProviderWording {
  id: ProviderId;
  /** The executable, as a person types it and as found on PATH: `minikube`, `limactl`… */
  tool: string;
  /** The runtime as users know it (`minikube`, `Lima`, `UTM`…). */
  toolName: string;
  /** What the tool calls one VM: `profile`, `instance`… */
  vmNoun: string;
  /** The arguments that list the VMs, after `tool`. */
  listArgs: readonly string[];
  /** The tool's rule for a VM's name as Bridgelight accepts it (`--vm PROVIDER/NAME`, bundles, settings). */
  nameRule: RegExp;
  /** The tool's own state words, each with the state Bridgelight reads it as; any other word is `unknown`. */
  states: Readonly<Record<string, VmRunState>>;
  /**
   * The command a person types for `action` (`start`, `stop`, `status`, `unpause`, `ssh`) on the VM `name`; a name
   * that fails the tool's rule is shown as a placeholder, never spliced in.
   */
  command(name: string, action: string): string;
  /**
   * The commands (argv, tool first) that make the driver re-create the VM's network, in order; null when the VM's
   * identifier fails the tool's strict name rule, so nothing unchecked ever reaches a suggested command.
   */
  restartCommands(vm: RestartTarget): string[][] | null;
}

/** What a restart needs of a VM: its name and, for tools that address VMs by it, its stable id. */
export type RestartTarget = Pick<VmListing, 'name' | 'id'>;

/** The placeholder a suggested command shows instead of a name that fails the tool's rule. */
export const NAME_PLACEHOLDER = '<name>';

/** `command` for a tool typed as `tool VERB… NAME`; `verbs` maps an action to the tool's words when they differ. */
export function commandBy(
  tool: string,
  rule: RegExp,
  verbs: Readonly<Record<string, readonly string[]>> = {},
): (name: string, action: string) => string {
  return (name, action) => [tool, ...(verbs[action] ?? [action]), rule.test(name) ? name : NAME_PLACEHOLDER].join(' ');
}

/** The tool's word read as a state, case as the tool prints it; a word the wording does not know is `unknown`. */
export function runStateOf(wording: ProviderWording, rawState: string | null): VmRunState {
  return rawState !== null && Object.hasOwn(wording.states, rawState) ? wording.states[rawState]! : 'unknown';
}

/** `restartCommands` for a tool whose restart is one or more `tool VERB… NAME` lines, NAME checked by `rule`. */
export function restartBy(
  tool: string,
  verbs: readonly (readonly string[])[],
  rule: RegExp,
  identifier: (vm: RestartTarget) => string = (vm) => vm.name,
): (vm: RestartTarget) => string[][] | null {
  return (vm) => {
    const name = identifier(vm);
    return rule.test(name) ? verbs.map((verb) => [tool, ...verb, name]) : null;
  };
}
