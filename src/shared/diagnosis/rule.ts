// One rule = one finding id. Rules read Facts only and return at most one Finding.
import type { FindingId } from '../finding-ids';
import type { Finding, HopId } from '../model';
import { DEFAULT_PROVIDER, type ProviderWording, wordingFor } from '../providers';
import type { Facts } from './facts';

/**
 * Whom a rule's finding is about, in a check of several VMs: `vm` findings are worked out per VM and carry its
 * `vm` ref (the VM's own path, state and tool); `host` findings are the host's alone and reported once.
 */
export type RuleScope = 'vm' | 'host';

export interface Rule {
  readonly id: FindingId;
  readonly scope: RuleScope;
  /**
   * The hops this finding's condition colours (read off ./hops.ts): a mute takes back only their colour
   * (src/shared/mute.ts). Empty for a finding that colours none (input-unparseable keeps an all-clear unknown).
   */
  readonly colours: readonly HopId[];
  /** Findings that, when they hold together with this one, are its consequence rather than a second problem. */
  readonly explains?: readonly FindingId[];
  evaluate(facts: Facts): Finding | null;
}

/** The VM was probed and not one of its targets answered. */
export function vmProbesFailed(facts: Facts): boolean {
  return facts.vm.status === 'probed' && facts.vm.targets.allFailed;
}

/** How to speak of the observed VM's provider (its tool, its commands); the default one without a VM. */
export function providerOf(facts: Facts): ProviderWording {
  return wordingFor(facts.vm.observation?.provider ?? DEFAULT_PROVIDER);
}
