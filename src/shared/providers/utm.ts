// UTM (`utmctl`): VMs are addressed by their UUID, since names may repeat and contain spaces.
import { LISTED_VM_NAME } from '../names';
import { commandBy, type ProviderWording, restartBy } from './wording';

const UTM_UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export const UTM: ProviderWording = {
  id: 'utm',
  toolName: 'UTM',
  vmNoun: 'VM',
  tool: 'utmctl',
  // A name is only shown (spaces allowed); commands address a VM by its UUID.
  nameRule: LISTED_VM_NAME,
  listArgs: ['list'],
  // utmctl's UTMScriptingStatus words; a paused VM carries no traffic.
  states: { started: 'running', stopped: 'stopped', paused: 'stopped' },
  command: commandBy('utmctl', UTM_UUID),
  restartCommands: restartBy('utmctl', [['stop'], ['start']], UTM_UUID, (vm) => vm.id ?? ''),
};
