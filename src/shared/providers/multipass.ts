// multipass: instance names are hostnames (multipass's valid_hostname: a letter first, letters, digits and
// inner hyphens).
import { type ListingWording, restartBy } from './wording';

const MULTIPASS_NAME = /^(?=.{1,63}$)[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

export const MULTIPASS: ListingWording = {
  provider: 'multipass',
  toolName: 'multipass',
  program: 'multipass',
  listArgs: ['list', '--format', 'json'],
  // multipass's instance states (InstanceStatus): a suspended or deleted instance carries no traffic.
  states: {
    Running: 'running',
    'Delayed Shutdown': 'running',
    Stopped: 'stopped',
    Suspended: 'stopped',
    Deleted: 'stopped',
  },
  restartCommands: restartBy('multipass', [['restart']], MULTIPASS_NAME),
};
