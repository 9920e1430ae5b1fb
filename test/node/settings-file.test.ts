import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettingsJson, watchSettingsFile, writeSettingsJson } from '@src/node/settings-file';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bl-settings-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings.json for the app and the CLI', () => {
  it('reads what it wrote, says absent or not JSON, and writes owner-only through a renamed temporary file', () => {
    const path = join(dir, 'Bridgelight', 'settings.json');
    expect(readSettingsJson(path)).toEqual({ kind: 'absent' });
    writeSettingsJson(path, { mutedFindings: [] });
    expect(readSettingsJson(path)).toEqual({ kind: 'json', value: { mutedFindings: [] } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'Bridgelight'))).toEqual(['settings.json']);
    writeFileSync(path, '{');
    expect(readSettingsJson(path)).toMatchObject({ kind: 'not-json' });
    expect(readSettingsJson(dir)).toMatchObject({ kind: 'unreadable' });
  });

  it('hears a write by another process once per burst, and nothing after it stops', async () => {
    const path = join(dir, 'Bridgelight', 'settings.json');
    const changed = vi.fn();
    const failed = vi.fn();
    const stop = watchSettingsFile(path, changed, failed);
    writeFileSync(join(dir, 'Bridgelight', 'unrelated.json'), '{}');
    writeSettingsJson(path, { mutedFindings: [] });
    writeSettingsJson(path, { mutedFindings: [{ id: 'nat-source-stale', vm: null }] });
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    stop();
    writeSettingsJson(path, { mutedFindings: [] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(changed).toHaveBeenCalledTimes(1);
    expect(failed).not.toHaveBeenCalled();
  });

  it('says why when the folder cannot be watched, and watches nothing', () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    const failed = vi.fn();
    const stop = watchSettingsFile(join(blocker, 'settings.json'), vi.fn(), failed);
    expect(failed).toHaveBeenCalledTimes(1);
    stop();
  });
});

describe('writing settings.json', () => {
  it('writes indented JSON ending in a newline, in a private folder it creates', () => {
    const path = join(dir, 'new', 'Bridgelight', 'settings.json');
    writeSettingsJson(path, { mutedFindings: [], theme: 'dark' });
    expect(readFileSync(path, 'utf8')).toBe('{\n  "mutedFindings": [],\n  "theme": "dark"\n}\n');
    expect(statSync(join(dir, 'new', 'Bridgelight')).mode & 0o777).toBe(0o700);
  });

  it('leaves no temporary file behind when the rename fails, and says why', () => {
    const path = join(dir, 'settings.json');
    mkdirSync(path);
    expect(() => writeSettingsJson(path, {})).toThrow(/EISDIR|EEXIST|ENOTEMPTY/);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('reads a file it may not open as unreadable, with the reason', () => {
    const path = join(dir, 'settings.json');
    mkdirSync(path);
    expect(readSettingsJson(path)).toEqual({ kind: 'unreadable', message: expect.stringContaining('EISDIR') });
    rmSync(path, { recursive: true });
    writeFileSync(path, 'nope');
    expect(readSettingsJson(path)).toEqual({ kind: 'not-json', message: expect.stringMatching(/JSON/) });
  });
});
