// UTM (`utmctl`): VMs are addressed by their UUID, since names may repeat and contain spaces.
import { commandBy, type ProviderWording, restartBy } from './wording';

/** A VM as `--vm utm/…` names it: its UUID, or a display name without spaces (names with them go by UUID). */
const UTM_NAME = /^(?=.{1,100}$)[A-Za-z0-9][A-Za-z0-9._-]*$/;
const UTM_UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export const UTM: ProviderWording = {
  id: 'utm',
  toolName: 'UTM',
  vmNoun: 'VM',
  tool: 'utmctl',
  nameRule: UTM_NAME,
  listArgs: ['list'],
  // utmctl's UTMScriptingStatus words; a paused VM carries no traffic.
  states: { started: 'running', stopped: 'stopped', paused: 'stopped' },
  command: commandBy('utmctl', UTM_UUID),
  restartCommands: restartBy('utmctl', [['stop'], ['start']], UTM_UUID, (vm) => vm.id ?? ''),
};
