// What Bridgelight says about one VM runtime, and the only commands it ever suggests for it. Pure data and
// pure functions: rules, hops and the CLI format their text from these, never from a tool's name spelled inline.
import type { ProviderId, VmListing, VmRunState } from '../vm';

export interface ProviderWording {
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
export function runStateOf(wording: ProviderWording, rawState: string | null): VmRunState {
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
