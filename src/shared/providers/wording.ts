// How rules and hops speak of a VM's provider: its tool, its word for one VM, the commands a person would type.
// Pure data and string functions, one file per provider (src/shared/providers/<id>.ts), so no rule or hop ever
// spells a tool's name itself.
import type { ProviderId } from '../vm';

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
