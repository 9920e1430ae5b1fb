// Podman machine: machine names follow Podman's NameRegex (an alphanumeric first, then alphanumerics, `_`, `.`,
// `-`).
import { type ListingWording, restartBy } from './wording';

const PODMAN_MACHINE = /^(?=.{1,64}$)[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const PODMAN: ListingWording = {
  provider: 'podman',
  toolName: 'Podman machine',
  program: 'podman',
  listArgs: ['machine', 'ls', '--format', 'json'],
  // `podman machine ls --format json` gives booleans, not words: the parser names them `Running` / `Stopped`.
  states: { Running: 'running', Starting: 'unknown', Stopped: 'stopped' },
  restartCommands: restartBy(
    'podman',
    [
      ['machine', 'stop'],
      ['machine', 'start'],
    ],
    PODMAN_MACHINE,
  ),
};
