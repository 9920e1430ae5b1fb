// Every provider's wording, by id. A new provider adds its file beside minikube.ts and one entry here; the
// observation's `provider` type widens with it.
import type { ProviderId } from '../vm';
import { COLIMA } from './colima';
import { CONTAINER } from './container';
import { LIMA } from './lima';
import { MINIKUBE_WORDING } from './minikube';
import { MULTIPASS } from './multipass';
import { PODMAN } from './podman';
import { TART } from './tart';
import { UTM } from './utm';
import type { ProviderWording } from './wording';

export const WORDINGS = {
  minikube: MINIKUBE_WORDING,
  lima: LIMA,
  colima: COLIMA,
  multipass: MULTIPASS,
  container: CONTAINER,
  tart: TART,
  utm: UTM,
  podman: PODMAN,
} as const satisfies Record<ProviderId, ProviderWording>;

/** A provider Bridgelight can speak of (it has a wording file). */
export type WordedProvider = keyof typeof WORDINGS;

/** The provider spoken of when there is no VM observation at all. */
export const DEFAULT_PROVIDER: WordedProvider = 'minikube';

export function wordingFor(id: WordedProvider): ProviderWording {
  return WORDINGS[id];
}

export type { ProviderWording } from './wording';
