// Running one command through the port and turning its outcome into text to parse or a note saying why not.
import type { CommandResult, CommandRunner, CommandSpec } from '../shared/command';
import type { InputNote } from '../shared/model';
import type { ParseResult } from '../shared/parse-result';

/** Collects notes about inputs while the collectors run, in a stable order. */
export class Notes {
  readonly list: InputNote[] = [];
  add(source: string, problem: InputNote['problem'], detail: string): InputNote {
    // One line each: a parser quoting a whole bad file would drown the finding that cites it.
    const line = detail.replace(/\s+/g, ' ').trim();
    const note = { source, problem, detail: line.length > 160 ? `${line.slice(0, 157)}…` : line };
    this.list.push(note);
    return note;
  }
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ''
  );
}

export interface RunOutcome {
  /** The output to parse, or null when it is unusable (and a note says why). */
  text: string | null;
  result: CommandResult;
  /** The note added when `text` is null. */
  note: InputNote | null;
}

/** Why a command's result can't be used, as an input note; null when it can. */
export function unusable(
  spec: CommandSpec,
  result: CommandResult,
  acceptFailure: boolean,
): Omit<InputNote, 'source'> | null {
  const program = spec.argv[0] ?? spec.key;
  switch (result.outcome) {
    case 'text':
      return null;
    case 'missing':
      return { problem: 'missing', detail: result.detail || `${spec.key} is not in the bundle` };
    case 'refused':
      return { problem: 'refused', detail: result.detail || `${spec.key} was refused` };
    case 'not-found':
      return { problem: 'not-found', detail: `${program} was not found` };
    case 'timeout':
      return { problem: 'timeout', detail: `${program} did not answer within ${spec.timeoutMs / 1000} s` };
    case 'failed': {
      if (acceptFailure && result.stdout.trim().length > 0) return null;
      const why = firstLine(result.stderr) || firstLine(result.stdout) || `exit status ${result.exitCode}`;
      return { problem: 'failed', detail: `${spec.argv.join(' ')}: ${why}` };
    }
  }
}

/** Runs one command and notes why its output is unusable, if it is. `acceptFailure` keeps stdout on non-zero exit. */
export async function runCommand(
  runner: CommandRunner,
  notes: Notes,
  spec: CommandSpec,
  acceptFailure = false,
): Promise<RunOutcome> {
  const result = await runner.run(spec);
  const problem = unusable(spec, result, acceptFailure);
  if (problem === null) return { text: result.stdout, result, note: null };
  return { text: null, result, note: notes.add(spec.key, problem.problem, problem.detail) };
}

export function parseInto<T>(
  notes: Notes,
  source: string,
  text: string | null,
  parse: (text: string) => ParseResult<T>,
): T | null {
  if (text === null) return null;
  const parsed = parse(text);
  if (parsed.ok) {
    for (const left of parsed.notes ?? []) notes.add(source, 'unparseable', left);
    return parsed.value;
  }
  notes.add(source, 'unparseable', parsed.error);
  return null;
}

/** A bundle that lacks (or won't hand over) a command's output says nothing about what the command would have said. */
export function saysNothing(result: CommandResult): boolean {
  return result.outcome === 'missing' || result.outcome === 'refused';
}
