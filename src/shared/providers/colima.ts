// Colima: profiles, each a Lima instance underneath, so Lima's names and state words; `colima restart PROFILE`.
import { LIMA_NAME, LIMA_STATES } from './lima';
import { commandBy, type ProviderWording, restartBy } from './wording';

export const COLIMA: ProviderWording = {
  id: 'colima',
  toolName: 'Colima',
  vmNoun: 'profile',
  tool: 'colima',
  nameRule: LIMA_NAME,
  listArgs: ['list', '--json'],
  states: LIMA_STATES,
  command: commandBy('colima', LIMA_NAME, { ssh: ['ssh', '-p'] }),
  restartCommands: restartBy('colima', [['restart']], LIMA_NAME),
};
