// apple/container: containers, each in its own lightweight VM, named by ManagedContainer.nameValid (at most 63
// characters, an alphanumeric first, then alphanumerics, `_`, `.` or `-`).
import { type ListingWording, restartBy } from './wording';

const CONTAINER_ID = /^(?=.{2,63}$)[A-Za-z0-9][A-Za-z0-9_.-]+$/;

export const CONTAINER: ListingWording = {
  provider: 'container',
  toolName: 'apple/container',
  program: 'container',
  listArgs: ['ls', '--all', '--format', 'json'],
  states: { running: 'running', stopped: 'stopped' },
  restartCommands: restartBy('container', [['stop'], ['start']], CONTAINER_ID),
};
