// The private folder on a system without /proc/self/fd (macOS), where each write first checks the path still
// leads to the folder made; modes whatever the umask; and reading files whose size says nothing (procfs) or
// that are no file at all.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '@src/node/errors';
import { createPrivateDir, readCapped } from '@src/node/safe-fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const proc = vi.hoisted(() => ({ hidden: false }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    existsSync: (path: fs.PathLike) =>
      proc.hidden && String(path).startsWith('/proc/self/fd/') ? false : real.existsSync(path),
  };
});

const dirs: string[] = [];
const tmp = (): string => {
  const dir = fs.mkdtempSync(join(tmpdir(), 'bl-safe-fs-branches-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  proc.hidden = false;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(73);
    return (error as UserError).message;
  }
  throw new Error('expected a UserError');
}

describe('the private folder without /proc (macOS)', () => {
  it('writes by path while the path still leads to the folder it made', () => {
    proc.hidden = true;
    const out = createPrivateDir(join(tmp(), 'bundle'));
    out.write('ifconfig.txt', 'lo0\n');
    expect(fs.readFileSync(join(out.path, 'ifconfig.txt'), 'utf8')).toBe('lo0\n');
    out.discard();
    expect(fs.existsSync(out.path)).toBe(false);
  });

  it('stops writing when the folder was swapped for another folder or a link, and writes into neither', () => {
    proc.hidden = true;
    for (const swap of ['folder', 'link'] as const) {
      const parent = tmp();
      const out = createPrivateDir(join(parent, 'bundle'));
      out.write('first.txt', '1');
      fs.renameSync(out.path, join(parent, 'moved'));
      const elsewhere = join(parent, 'elsewhere');
      fs.mkdirSync(elsewhere);
      if (swap === 'folder') fs.mkdirSync(out.path);
      else fs.symlinkSync(elsewhere, out.path);
      expect(refusal(() => out.write('second.txt', '2'))).toBe(
        `${out.path}: was replaced while recording; nothing more is written`,
      );
      expect(fs.readdirSync(elsewhere)).toEqual([]);
      expect(fs.readdirSync(join(parent, 'moved'))).toEqual(['first.txt']);
      if (swap === 'folder') expect(fs.readdirSync(out.path)).toEqual([]);
      out.close();
    }
  });

  it('with /proc, keeps writing into the folder it holds even after it was moved', () => {
    const parent = tmp();
    const out = createPrivateDir(join(parent, 'bundle'));
    fs.renameSync(out.path, join(parent, 'moved'));
    fs.mkdirSync(out.path);
    out.write('second.txt', '2');
    expect(fs.readdirSync(join(parent, 'moved'))).toEqual(['second.txt']);
    expect(fs.readdirSync(out.path)).toEqual([]);
    out.close();
  });
});

describe('the private folder, whatever else', () => {
  it('makes the folder 0700 and its files 0600 even under a umask that takes the owner’s bits', () => {
    const before = process.umask(0o700);
    try {
      const out = createPrivateDir(join(tmp(), 'bundle'));
      out.write('a.txt', 'a');
      expect(fs.statSync(out.path).mode & 0o7777).toBe(0o700);
      expect(fs.statSync(join(out.path, 'a.txt')).mode & 0o7777).toBe(0o600);
      out.close();
    } finally {
      process.umask(before);
    }
  });

  it('takes a parent others can write to when it is sticky, like /tmp', () => {
    const sticky = tmp();
    fs.chmodSync(sticky, 0o1777);
    const out = createPrivateDir(join(sticky, 'bundle'));
    expect(fs.statSync(out.path).isDirectory()).toBe(true);
    out.close();
  });

  it('says why a folder cannot be created', () => {
    const name = join(tmp(), 'b'.repeat(300));
    expect(refusal(() => createPrivateDir(name))).toBe(`${name}: cannot create (ENAMETOOLONG)`);
  });

  it('writes nothing once closed, and closing twice is harmless', () => {
    const out = createPrivateDir(join(tmp(), 'bundle'));
    out.close();
    // Whatever the next open is handed the folder's old descriptor, nothing is written through it.
    const other = tmp();
    const held = fs.openSync(other, 'r');
    try {
      expect(() => out.write('late.txt', 'x')).toThrow(`${join(out.path)}: closed; nothing more is written`);
      expect(() => out.close()).not.toThrow();
      expect(fs.readdirSync(other)).toEqual([]);
      expect(fs.readdirSync(out.path)).toEqual([]);
    } finally {
      fs.closeSync(held);
    }
  });
});

describe('reading a file whose size says nothing', () => {
  it('reads a procfs file (size 0) whole, and counts the cap while reading', () => {
    const whole = readCapped('/proc/self/status', 1048576, 'status');
    expect('text' in whole && whole.text).toMatch(/^Name:/);
    expect(readCapped('/proc/self/status', 16, 'status')).toEqual({
      problem: 'too-large',
      detail: 'status is over the 0 MB limit: refused',
    });
  });

  it('refuses a folder and a FIFO by what they are, without waiting for a writer', () => {
    const dir = tmp();
    fs.mkdirSync(join(dir, 'folder'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(readCapped(join(dir, 'folder'), 1024, 'netstat-rn.txt')).toEqual({
      problem: 'unparseable',
      detail: 'netstat-rn.txt is a folder: not read',
    });
    expect(readCapped(join(dir, 'fifo'), 1024, 'netstat-rn.txt')).toEqual({
      problem: 'unparseable',
      detail: 'netstat-rn.txt is not a regular file: not read',
    });
  });
});
