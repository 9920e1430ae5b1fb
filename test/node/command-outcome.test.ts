import { Notes, parseInto, runCommand, saysNothing, unusable } from '@src/node/command-outcome';
import type { CommandSpec } from '@src/shared/command';
import { parsed, unparseable } from '@src/shared/parse-result';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const spec: CommandSpec = { key: 'ip-addr.json', argv: ['/usr/sbin/ip', '-j', 'addr', 'show'], timeoutMs: 2_500 };

describe('input notes', () => {
  it('keeps each note on one line and cuts a long one at 160 characters', () => {
    const notes = new Notes();
    expect(notes.add('a.txt', 'unparseable', '  line one\n\tline   two  ')).toEqual({
      source: 'a.txt',
      problem: 'unparseable',
      detail: 'line one line two',
    });
    const exact = 'x'.repeat(160);
    expect(notes.add('b.txt', 'failed', exact).detail).toBe(exact);
    const long = notes.add('c.txt', 'failed', 'y'.repeat(161)).detail;
    expect(long).toBe(`${'y'.repeat(157)}…`);
    expect(notes.list.map((note) => note.source)).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });
});

describe('why a command result is unusable', () => {
  it('says nothing against a command that answered', () => {
    expect(unusable(spec, commandResult({ stdout: 'x' }), false)).toBeNull();
  });

  it('names the bundle file when a replay lacks or refuses it, unless the runner said why', () => {
    expect(unusable(spec, commandResult({ outcome: 'missing', exitCode: null }), false)).toEqual({
      problem: 'missing',
      detail: 'ip-addr.json is not in the bundle',
    });
    expect(unusable(spec, commandResult({ outcome: 'missing', exitCode: null, detail: 'gone' }), false)).toEqual({
      problem: 'missing',
      detail: 'gone',
    });
    expect(unusable(spec, commandResult({ outcome: 'refused', exitCode: null }), false)).toEqual({
      problem: 'refused',
      detail: 'ip-addr.json was refused',
    });
    expect(unusable(spec, commandResult({ outcome: 'refused', exitCode: null, detail: 'a link' }), false)).toEqual({
      problem: 'refused',
      detail: 'a link',
    });
  });

  it('names the program that was not found or timed out (the key when there is no argv)', () => {
    expect(unusable(spec, commandResult({ outcome: 'not-found', exitCode: null }), false)).toEqual({
      problem: 'not-found',
      detail: '/usr/sbin/ip was not found',
    });
    expect(unusable(spec, commandResult({ outcome: 'timeout', exitCode: null }), false)).toEqual({
      problem: 'timeout',
      detail: '/usr/sbin/ip did not answer within 2.5 s',
    });
    const bare = { ...spec, argv: [] };
    expect(unusable(bare, commandResult({ outcome: 'not-found', exitCode: null }), false)?.detail).toBe(
      'ip-addr.json was not found',
    );
  });

  it('quotes the first non-blank line of stderr, else stdout, else the exit status', () => {
    const failed = (stdout: string, stderr: string) =>
      unusable(spec, commandResult({ exitCode: 3, stdout, stderr }), false);
    expect(failed('out', '\n   \n  Error: no such device  \nmore')).toEqual({
      problem: 'failed',
      detail: '/usr/sbin/ip -j addr show: Error: no such device',
    });
    expect(failed('\n  partial output \n', '  \n')?.detail).toBe('/usr/sbin/ip -j addr show: partial output');
    expect(failed('', '')?.detail).toBe('/usr/sbin/ip -j addr show: exit status 3');
  });

  it('keeps what a failed command printed only when asked to and only when it printed something', () => {
    expect(unusable(spec, commandResult({ exitCode: 1, stdout: 'data\n' }), true)).toBeNull();
    expect(unusable(spec, commandResult({ exitCode: 1, stdout: ' \n ' }), true)).toEqual({
      problem: 'failed',
      detail: '/usr/sbin/ip -j addr show: exit status 1',
    });
    expect(unusable(spec, commandResult({ exitCode: 1, stdout: 'data' }), false)?.problem).toBe('failed');
  });
});

describe('running one command', () => {
  it('hands back the output to parse, or null and the note it added under the command key', async () => {
    const notes = new Notes();
    const ok = await runCommand({ run: async () => commandResult({ stdout: 'text' }) }, notes, spec);
    expect(ok).toMatchObject({ text: 'text', note: null });
    expect(notes.list).toEqual([]);
    const bad = await runCommand({ run: async () => commandResult({ exitCode: 2, stderr: 'boom' }) }, notes, spec);
    expect(bad.text).toBeNull();
    expect(bad.note).toEqual({ source: 'ip-addr.json', problem: 'failed', detail: '/usr/sbin/ip -j addr show: boom' });
    expect(notes.list).toEqual([bad.note]);
    const kept = await runCommand(
      { run: async () => commandResult({ exitCode: 2, stdout: 'half' }) },
      new Notes(),
      spec,
      true,
    );
    expect(kept).toMatchObject({ text: 'half', note: null });
  });

  it('parses text, notes what the parser left out or could not read, and skips absent text', () => {
    const notes = new Notes();
    expect(parseInto(notes, 'src', null, () => parsed(1))).toBeNull();
    expect(notes.list).toEqual([]);
    expect(parseInto(notes, 'src', 'a', (text) => parsed(text.length, ['left out x', 'left out y']))).toBe(1);
    expect(parseInto(notes, 'src', 'a', () => parsed(7))).toBe(7);
    expect(parseInto(notes, 'other', 'a', () => unparseable('not JSON'))).toBeNull();
    expect(notes.list).toEqual([
      { source: 'src', problem: 'unparseable', detail: 'left out x' },
      { source: 'src', problem: 'unparseable', detail: 'left out y' },
      { source: 'other', problem: 'unparseable', detail: 'not JSON' },
    ]);
  });

  it('treats only a missing or refused bundle file as saying nothing', () => {
    expect(saysNothing(commandResult({ outcome: 'missing', exitCode: null }))).toBe(true);
    expect(saysNothing(commandResult({ outcome: 'refused', exitCode: null }))).toBe(true);
    expect(saysNothing(commandResult({ outcome: 'timeout', exitCode: null }))).toBe(false);
    expect(saysNothing(commandResult({ exitCode: 1 }))).toBe(false);
    expect(saysNothing(commandResult())).toBe(false);
  });
});
