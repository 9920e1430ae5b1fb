// minikube's wording: `minikube start`, `minikube start -p dev`; a VM is a profile.
import type { ProviderWording } from './wording';

const DEFAULT_PROFILE = 'minikube';

function command(profile: string, action: string): string {
  return profile === DEFAULT_PROFILE ? `minikube ${action}` : `minikube ${action} -p ${profile}`;
}

export const MINIKUBE_WORDING: ProviderWording = {
  id: 'minikube',
  tool: 'minikube',
  vmNoun: 'profile',
  command,
  restart: (profile) => [command(profile, 'stop'), command(profile, 'start')],
};
