// Replaying a provider on real listing samples: a runner that answers each command key from a fixture (or a given
// outcome) and records every spec it was asked, and the context a provider gets from the collector.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_TIMEOUTS } from '@src/node/collect';
import { Notes } from '@src/node/command-outcome';
import type { ProviderContext } from '@src/node/providers/port';
import type { CommandResult, CommandSpec } from '@src/shared/command';
import { commandResult } from '../../support/command-result';

const REAL = path.resolve(__dirname, '../../fixtures/real');

/** A real sample's text, verbatim. */
export const realSample = (file: string): string => readFileSync(path.join(REAL, file), 'utf8');

export type Answer = Partial<CommandResult> | ((spec: CommandSpec) => Partial<CommandResult>);

export interface Replay {
  context: ProviderContext;
  notes: Notes;
  /** Every command asked, in order. */
  specs: CommandSpec[];
}

/** Keys not in `answers` are `missing`, as in a bundle without the file. */
export function replay(answers: Record<string, Answer>): Replay {
  const notes = new Notes();
  const specs: CommandSpec[] = [];
  const context: ProviderContext = {
    runner: {
      run: async (spec) => {
        specs.push(spec);
        const answer: Answer = Object.hasOwn(answers, spec.key) ? answers[spec.key]! : MISSING;
        return commandResult(typeof answer === 'function' ? answer(spec) : answer);
      },
    },
    notes,
    timeouts: DEFAULT_TIMEOUTS,
    // As the multi-VM collection does: each VM's files under its own name.
    vmKey: (vm, file) => `vm-${vm}/${file}`,
  };
  return { context, notes, specs };
}

const MISSING: Partial<CommandResult> = { outcome: 'missing', exitCode: null };
export const text = (stdout: string): Partial<CommandResult> => ({ stdout });
export const TIMED_OUT: Partial<CommandResult> = { outcome: 'timeout', exitCode: null };
export const NOT_FOUND: Partial<CommandResult> = { outcome: 'not-found', exitCode: null };
