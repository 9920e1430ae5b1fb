// One rule = one finding id. Rules read Facts only and return at most one Finding.
import type { FindingId } from '../finding-ids';
import type { Finding } from '../model';
import type { Facts } from './facts';

export interface Rule {
  readonly id: FindingId;
  /** Findings that, when they hold together with this one, are its consequence rather than a second problem. */
  readonly explains?: readonly FindingId[];
  evaluate(facts: Facts): Finding | null;
}

/** The VM was probed and not one of its targets answered. */
export function vmProbesFailed(facts: Facts): boolean {
  return facts.vm.status === 'probed' && facts.vm.targets.allFailed;
}

/** `minikube` or `minikube -p dev`: the command prefix for the observed profile. */
export function minikubeCommand(profile: string, subcommand: string): string {
  return profile === 'minikube' ? `minikube ${subcommand}` : `minikube ${subcommand} -p ${profile}`;
}
