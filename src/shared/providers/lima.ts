// Lima (`limactl`): instances named by Lima's identifier rule (pkg/identifiers: alphanumerics joined by single
// `.`, `_` or `-`, at most 76 characters).
import { commandBy, type ProviderWording, restartBy } from './wording';

export const LIMA_NAME = /^(?=.{1,76}$)[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;
/** Lima's instance states; tools built on Lima (Colima) print the same words. */
export const LIMA_STATES = { Running: 'running', Stopped: 'stopped' } as const;

export const LIMA: ProviderWording = {
  id: 'lima',
  toolName: 'Lima',
  vmNoun: 'instance',
  tool: 'limactl',
  nameRule: LIMA_NAME,
  listArgs: ['list', '--json'],
  states: LIMA_STATES,
  command: commandBy('limactl', LIMA_NAME, { ssh: ['shell'], status: ['list'] }),
  restartCommands: restartBy('limactl', [['restart']], LIMA_NAME),
};
