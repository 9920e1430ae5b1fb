// minikube's wording: `minikube start`, `minikube start -p dev`; a VM is a profile.
import { NAME_PLACEHOLDER, type ProviderWording } from './wording';

const DEFAULT_PROFILE = 'minikube';
/** The profile names minikube's listing parser accepts; any other is never spliced into a command. */
export const MINIKUBE_PROFILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function argv(profile: string, action: string): string[] | null {
  if (!MINIKUBE_PROFILE.test(profile)) return null;
  return profile === DEFAULT_PROFILE ? ['minikube', action] : ['minikube', action, '-p', profile];
}

export const MINIKUBE_WORDING: ProviderWording = {
  id: 'minikube',
  tool: 'minikube',
  toolName: 'minikube',
  vmNoun: 'profile',
  nameRule: MINIKUBE_PROFILE,
  listArgs: ['profile', 'list', '-o', 'json'],
  // minikube's profile Status words (`OK` since v1.3x, `Running` before; `Degraded` for a partly healthy HA cluster).
  states: {
    OK: 'running',
    Running: 'running',
    Degraded: 'running',
    HAppy: 'running',
    Warning: 'running',
    Stopped: 'stopped',
    Paused: 'stopped',
    Nonexistent: 'stopped',
  },
  command: (profile, action) => (argv(profile, action) ?? ['minikube', action, '-p', NAME_PLACEHOLDER]).join(' '),
  restartCommands: ({ name }) => {
    const stop = argv(name, 'stop');
    const start = argv(name, 'start');
    return stop && start ? [stop, start] : null;
  },
};
