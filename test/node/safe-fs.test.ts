import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '@src/node/errors';
import { createPrivateDir, readCapped } from '@src/node/safe-fs';
import { describe, expect, it } from 'vitest';

const tmp = () => mkdtempSync(join(tmpdir(), 'bl-safe-fs-'));

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(73);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('the private folder a bundle is written to', () => {
  it('says why it cannot use the parent folder or the name', () => {
    const parent = join(tmp(), 'absent');
    expect(refusal(() => createPrivateDir(join(parent, 'b'))).message).toBe(
      `${parent}: cannot use as the bundle's parent folder (ENOENT)`,
    );
    const file = join(tmp(), 'file');
    writeFileSync(file, '');
    expect(refusal(() => createPrivateDir(join(file, 'b'))).message).toBe(`${file}: not a folder (or a link to one)`);
    const open = tmp();
    chmodSync(open, 0o757);
    expect(refusal(() => createPrivateDir(join(open, 'b'))).message).toBe(
      `${open}: writable by other users; choose a folder only you can write to`,
    );
    chmodSync(open, 0o775);
    expect(refusal(() => createPrivateDir(join(open, 'b'))).message).toMatch(/writable by other users/);
    const used = tmp();
    expect(refusal(() => createPrivateDir(used)).message).toBe(
      `${used}: exists already; name a new folder and Bridgelight creates it`,
    );
  });

  it('a parent only its owner can write to is fine', () => {
    const mine = tmp();
    chmodSync(mine, 0o755);
    expect(createPrivateDir(join(mine, 'b')).path).toBe(join(mine, 'b'));
  });

  it('writes each file once, whole, and refuses a name that is not one path segment', () => {
    const out = createPrivateDir(join(tmp(), 'bundle'));
    const text = `${'é'.repeat(100_000)}\n`;
    out.write('big.txt', text);
    expect(readFileSync(join(out.path, 'big.txt'), 'utf8')).toBe(text);
    for (const name of ['a/b', '.', '..'])
      expect(() => out.write(name, 'x')).toThrow(`refusing to write bundle file ${JSON.stringify(name)}`);
    out.write('..x', 'fine');
    expect(readdirSync(out.path).sort()).toEqual(['..x', 'big.txt']);
    out.close();
  });

  it('discards only what it wrote, and the folder', () => {
    const out = createPrivateDir(join(tmp(), 'bundle'));
    out.write('a.txt', 'a');
    out.write('b.txt', 'b');
    out.discard();
    expect(existsSync(out.path)).toBe(false);
  });
});

describe('reading a stranger’s file', () => {
  it('says what is wrong with it, by its label', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'real'), 'x');
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    const read = (...path: string[]) => readCapped(join(dir, ...path), 1024, 'ifconfig.txt');
    expect([read('link'), read('none'), read('real', 'below')]).toEqual([
      { problem: 'unparseable', detail: 'ifconfig.txt is a symbolic link: not followed' },
      { problem: 'missing', detail: 'ifconfig.txt is not in the bundle' },
      { problem: 'unparseable', detail: 'ifconfig.txt cannot be read (ENOTDIR)' },
    ]);
  });

  it('reads a file of exactly the cap, refuses one byte more, and names the cap in MB', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'at'), 'x'.repeat(2048));
    expect(readCapped(join(dir, 'at'), 2048, 'at')).toEqual({ text: 'x'.repeat(2048) });
    writeFileSync(join(dir, 'over'), 'x'.repeat(2049));
    expect(readCapped(join(dir, 'over'), 2048, 'over')).toEqual({
      problem: 'too-large',
      detail: 'over is over the 0 MB limit: refused',
    });
    expect(readCapped(join(dir, 'over'), 1024, 'over')).toMatchObject({ problem: 'too-large' });
    expect(readCapped(join(dir, 'over'), 2 * 1048576, 'over')).toEqual({ text: 'x'.repeat(2049) });
    writeFileSync(join(dir, 'big'), Buffer.alloc(3 * 1048576 + 1, 'a'));
    expect(readCapped(join(dir, 'big'), 3 * 1048576, 'big')).toEqual({
      problem: 'too-large',
      detail: 'big is over the 3 MB limit: refused',
    });
  });

  it('reads a file longer than one chunk whole, multi-byte characters across the chunk edge included', () => {
    const dir = tmp();
    const text = `a${'€'.repeat(50_000)}`;
    writeFileSync(join(dir, 'long'), text);
    expect(readCapped(join(dir, 'long'), 1048576, 'long')).toEqual({ text });
  });
});
