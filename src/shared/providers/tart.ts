// Tart: local VMs by name. OCI entries (`ghcr.io/…:tag`) are images in the cache, never restarted by name, so
// the strict rule leaves them out of suggested commands.
import { commandBy, type ProviderWording, restartBy } from './wording';

const TART_NAME = /^(?=.{1,64}$)[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const TART: ProviderWording = {
  id: 'tart',
  toolName: 'Tart',
  vmNoun: 'VM',
  tool: 'tart',
  nameRule: TART_NAME,
  listArgs: ['list', '--format', 'json'],
  states: { running: 'running', stopped: 'stopped', suspended: 'stopped' },
  // `tart run` keeps the VM in the foreground as long as it runs: the user starts it again in a terminal.
  command: commandBy('tart', TART_NAME, { start: ['run'], status: ['get'] }),
  restartCommands: restartBy('tart', [['stop'], ['run']], TART_NAME),
};
