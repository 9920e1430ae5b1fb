// The VmProvider port: everything one VM tool (minikube, Lima, multipass…) knows, behind three calls. The
// generic VM collector (./index.ts) does the rest the same way for every provider: the PATH look-up, the
// choice of VM, running the one probe exec and reading its output.
import type { CommandRunner, CommandSpec } from '../../shared/command';
import type { VmAvailability } from '../../shared/model';
import type { WordedProvider } from '../../shared/providers';
import type { VmListing } from '../../shared/vm';
import type { Timeouts } from '../collect';
import type { Notes } from '../command-outcome';

export interface ProviderContext {
  runner: CommandRunner;
  notes: Notes;
  timeouts: Timeouts;
  /**
   * The bundle key (the recorded file's name) of a command run for the one VM `vm`: its state or its probe. Every
   * VM gets its own, so two VMs' answers never share a file. A provider's listing, run once for all its VMs,
   * keeps a plain key of its own.
   */
  vmKey(vm: string, file: string): string;
}

/** What the tool says of one VM's state; null when the evidence says nothing (a bundle without the file). */
export type VmStateAnswer = {
  availability: VmAvailability;
  /** The tool's own word (`Running`, `Stopped`…), null when it gave none. */
  state: string | null;
  /** True only when the tool says the VM runs, so the probe exec may go ahead. */
  running: boolean;
} | null;

export interface VmProvider {
  id: WordedProvider;
  /** The executable, found on PATH: when it is absent nothing of this provider runs. */
  tool: string;
  /** The VM checked when none is named and the listing gives no running one. */
  defaultName: string;
  /** Every VM with its IPs, driver and path model: one command; null when it could not be read (a note says why). */
  list(context: ProviderContext): Promise<VmListing[] | null>;
  /** The state of the VM `name`; `listing` is what `list` said of it, when it said anything. */
  state(context: ProviderContext, name: string, listing: VmListing | null): Promise<VmStateAnswer>;
  /** The one exec that runs the probe script (base64 text) inside the VM `name`; its key comes from vmKey(). */
  probeExec(context: ProviderContext, name: string, encodedScript: string): CommandSpec;
}
