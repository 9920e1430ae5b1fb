// Which VMs a check covers: `--vm PROVIDER[/NAME]`, repeatable. No selector: every running VM found. A provider
// alone: all of that provider's VMs. Names are checked with the provider's own rule before anything runs.
import { type ParseResult, parsed, unparseable } from './parse-result';
import { wordingFor } from './providers';
import { PROVIDER_IDS, type ProviderId, type VmRef } from './vm';

export interface VmSelector {
  provider: ProviderId;
  /** null: every VM of the provider. */
  name: string | null;
}

const isProviderId = (text: string): text is ProviderId => (PROVIDER_IDS as readonly string[]).includes(text);

/** `lima`, `lima/default`, `minikube/dev` → a selector; anything else → one line saying what is wrong. */
export function parseVmSelector(text: string): ParseResult<VmSelector> {
  const slash = text.indexOf('/');
  const provider = slash === -1 ? text : text.slice(0, slash);
  const name = slash === -1 ? null : text.slice(slash + 1);
  if (!isProviderId(provider))
    return unparseable(`--vm "${text}": "${provider}" is not one of ${PROVIDER_IDS.join(', ')}`);
  if (name === null) return parsed({ provider, name: null });
  const wording = wordingFor(provider);
  if (!wording.nameRule.test(name))
    return unparseable(`--vm "${text}": "${name}" is not a ${wording.toolName} ${wording.vmNoun} name`);
  return parsed({ provider, name });
}

/** The selectors that concern one provider: null when none do (and others do), 'all' or its named VMs. */
export function selectionFor(
  selectors: readonly VmSelector[],
  provider: ProviderId,
): 'discover' | 'all' | 'none' | string[] {
  if (selectors.length === 0) return 'discover';
  const mine = selectors.filter((selector) => selector.provider === provider);
  if (mine.length === 0) return 'none';
  if (mine.some((selector) => selector.name === null)) return 'all';
  return [...new Set(mine.map((selector) => selector.name as string))];
}

export function selectorRef(selector: VmSelector): VmRef | ProviderId {
  return selector.name === null ? selector.provider : `${selector.provider}/${selector.name}`;
}
