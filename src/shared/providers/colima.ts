// Colima: profiles, each a Lima instance underneath, so Lima's names and state words; `colima restart PROFILE`.
import { LIMA_NAME, LIMA_STATES } from './lima';
import { type ListingWording, restartBy } from './wording';

export const COLIMA: ListingWording = {
  provider: 'colima',
  toolName: 'Colima',
  program: 'colima',
  listArgs: ['list', '--json'],
  states: LIMA_STATES,
  restartCommands: restartBy('colima', [['restart']], LIMA_NAME),
};
