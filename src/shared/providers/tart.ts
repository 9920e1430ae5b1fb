// Tart: local VMs by name. OCI entries (`ghcr.io/…:tag`) are images in the cache, never restarted by name, so
// the strict rule leaves them out of suggested commands.
import { type ListingWording, restartBy } from './wording';

const TART_NAME = /^(?=.{1,64}$)[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const TART: ListingWording = {
  provider: 'tart',
  toolName: 'Tart',
  program: 'tart',
  listArgs: ['list', '--format', 'json'],
  states: { running: 'running', stopped: 'stopped', suspended: 'stopped' },
  // `tart run` keeps the VM in the foreground as long as it runs: the user starts it again in a terminal.
  restartCommands: restartBy('tart', [['stop'], ['run']], TART_NAME),
};
