// apple/container: containers, each in its own lightweight VM, named by ManagedContainer.nameValid (at most 63
// characters, an alphanumeric first, then alphanumerics, `_`, `.` or `-`).
import { commandBy, type ProviderWording, restartBy } from './wording';

const CONTAINER_ID = /^(?=.{2,63}$)[A-Za-z0-9][A-Za-z0-9_.-]+$/;

export const CONTAINER: ProviderWording = {
  id: 'container',
  toolName: 'apple/container',
  vmNoun: 'container',
  tool: 'container',
  nameRule: CONTAINER_ID,
  listArgs: ['ls', '--all', '--format', 'json'],
  states: { running: 'running', stopped: 'stopped' },
  command: commandBy('container', CONTAINER_ID, { status: ['inspect'], ssh: ['exec', '-it'] }),
  restartCommands: restartBy('container', [['stop'], ['start']], CONTAINER_ID),
};
