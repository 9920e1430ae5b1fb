// multipass: instance names are hostnames (multipass's valid_hostname: a letter first, letters, digits and
// inner hyphens).
import { commandBy, type ProviderWording, restartBy } from './wording';

const MULTIPASS_NAME = /^(?=.{1,63}$)[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

export const MULTIPASS: ProviderWording = {
  id: 'multipass',
  toolName: 'multipass',
  vmNoun: 'instance',
  tool: 'multipass',
  nameRule: MULTIPASS_NAME,
  listArgs: ['list', '--format', 'json'],
  // multipass's instance states (InstanceStatus): a suspended or deleted instance carries no traffic.
  states: {
    Running: 'running',
    'Delayed Shutdown': 'running',
    Stopped: 'stopped',
    Suspended: 'stopped',
    Deleted: 'stopped',
  },
  command: commandBy('multipass', MULTIPASS_NAME, { ssh: ['shell'], status: ['info'] }),
  restartCommands: restartBy('multipass', [['restart']], MULTIPASS_NAME),
};
