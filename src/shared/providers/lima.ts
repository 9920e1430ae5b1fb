// Lima (`limactl`): instances named by Lima's identifier rule (pkg/identifiers: alphanumerics joined by single
// `.`, `_` or `-`, at most 76 characters).
import { type ListingWording, restartBy } from './wording';

export const LIMA_NAME = /^(?=.{1,76}$)[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;
/** Lima's instance states; tools built on Lima (Colima) print the same words. */
export const LIMA_STATES = { Running: 'running', Stopped: 'stopped' } as const;

export const LIMA: ListingWording = {
  provider: 'lima',
  toolName: 'Lima',
  program: 'limactl',
  listArgs: ['list', '--json'],
  states: LIMA_STATES,
  restartCommands: restartBy('limactl', [['restart']], LIMA_NAME),
};
