// Podman machine: machine names follow Podman's NameRegex (an alphanumeric first, then alphanumerics, `_`, `.`,
// `-`).
import { commandBy, type ProviderWording, restartBy } from './wording';

const PODMAN_MACHINE = /^(?=.{1,64}$)[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const PODMAN: ProviderWording = {
  id: 'podman',
  toolName: 'Podman machine',
  vmNoun: 'machine',
  tool: 'podman',
  nameRule: PODMAN_MACHINE,
  listArgs: ['machine', 'ls', '--format', 'json'],
  // `podman machine ls --format json` gives booleans, not words: the parser names them `Running` / `Stopped`.
  states: { Running: 'running', Starting: 'unknown', Stopped: 'stopped' },
  command: commandBy('podman', PODMAN_MACHINE, {
    start: ['machine', 'start'],
    stop: ['machine', 'stop'],
    ssh: ['machine', 'ssh'],
    status: ['machine', 'inspect'],
    unpause: ['machine', 'start'],
  }),
  restartCommands: restartBy(
    'podman',
    [
      ['machine', 'stop'],
      ['machine', 'start'],
    ],
    PODMAN_MACHINE,
  ),
};
