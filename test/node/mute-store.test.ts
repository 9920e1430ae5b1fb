import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '@src/node/errors';
import { changeMutes, listMutes, readMutes } from '@src/node/mute-store';
import { type Mute, withMute } from '@src/shared/mute';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bl-mute-store-'));
  path = join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const stale: Mute = { id: 'nat-source-stale', vm: null };

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('the mute list in settings.json', () => {
  it('is empty, without a problem, when the file or the field is absent', () => {
    expect(readMutes(path)).toEqual({ mutes: [], problem: null });
    expect(listMutes(path)).toEqual([]);
    writeFileSync(path, JSON.stringify({ theme: 'dark' }));
    expect(readMutes(path)).toEqual({ mutes: [], problem: null });
  });

  it('reads the stored mutes', () => {
    writeFileSync(path, JSON.stringify({ mutedFindings: [stale, { id: 'nat-source-stale', vm: 'minikube/dev' }] }));
    expect(readMutes(path)).toEqual({
      mutes: [stale, { id: 'nat-source-stale', vm: 'minikube/dev' }],
      problem: null,
    });
  });

  it('says why a file it cannot use mutes nothing', () => {
    writeFileSync(path, '[1, 2]');
    expect(readMutes(path)).toEqual({ mutes: [], problem: `${path} is not a JSON object` });
    writeFileSync(path, 'null');
    expect(readMutes(path).problem).toBe(`${path} is not a JSON object`);
    writeFileSync(path, '"text"');
    expect(readMutes(path).problem).toBe(`${path} is not a JSON object`);
    writeFileSync(path, JSON.stringify({ mutedFindings: 'all' }));
    expect(readMutes(path)).toEqual({ mutes: [], problem: `${path}: mutedFindings must be a list` });
    writeFileSync(path, '{ not json');
    expect(readMutes(path).problem).toMatch(new RegExp(`^${path} is not valid JSON \\(.+\\)$`));
    rmSync(path);
    mkdirSync(path);
    expect(readMutes(path).problem).toMatch(new RegExp(`^cannot read ${path} \\(.*EISDIR.*\\)$`));
  });

  it('refuses to list or change a list it cannot use, with one line and the data-error status', () => {
    writeFileSync(path, '[]');
    const listed = userError(() => listMutes(path));
    expect(listed.message).toBe(`${path} is not a JSON object; fix or remove it`);
    expect(listed.exitCode).toBe(65);
    const changed = userError(() => changeMutes(path, (list) => withMute(list, stale)));
    expect(changed.message).toBe(`${path} is not a JSON object; fix or remove it (nothing was written)`);
    expect(changed.exitCode).toBe(65);
    expect(readFileSync(path, 'utf8')).toBe('[]');
  });

  it('writes the new list beside every other setting, and nothing when the list is unchanged', () => {
    writeFileSync(path, JSON.stringify({ theme: 'dark' }));
    expect(changeMutes(path, (list) => list)).toEqual({ before: [], after: [] });
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify({ theme: 'dark' }));
    expect(changeMutes(path, (list) => withMute(list, stale))).toEqual({ before: [], after: [stale] });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ theme: 'dark', mutedFindings: [stale] });
    expect(listMutes(path)).toEqual([stale]);
  });

  it('refuses a change that would store a bad list, and writes nothing', () => {
    writeFileSync(path, JSON.stringify({ mutedFindings: [stale] }));
    const error = userError(() => changeMutes(path, (list) => [...list, stale]));
    expect(error.message).toBe('mutedFindings: nat-source-stale (every VM) is listed twice (nothing was written)');
    expect(error.exitCode).toBe(65);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ mutedFindings: [stale] });
  });
});
