// UTM (`utmctl`): VMs are addressed by their UUID, since names may repeat and contain spaces.
import { type ListingWording, restartBy } from './wording';

const UTM_UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export const UTM: ListingWording = {
  provider: 'utm',
  toolName: 'UTM',
  program: 'utmctl',
  listArgs: ['list'],
  // utmctl's UTMScriptingStatus words; a paused VM carries no traffic.
  states: { started: 'running', stopped: 'stopped', paused: 'stopped' },
  restartCommands: restartBy('utmctl', [['stop'], ['start']], UTM_UUID, (vm) => vm.id ?? ''),
};
