// A stranger's bundle, read field by field: which file names are ever opened, the exit status of each way a
// folder or manifest is unusable, and a probe or connect list refused for any one wrong field of any one item.
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BundleRecorder,
  createReplayProber,
  createReplayRunner,
  readBundleFile,
  readManifest,
  validateManifest,
} from '@src/node/bundle';
import { UserError } from '@src/node/errors';
import { createPrivateDir } from '@src/node/safe-fs';
import type { BundleManifest } from '@src/shared/bundle-format';
import { afterEach, describe, expect, it } from 'vitest';

const manifest: BundleManifest = {
  format: 'bridgelight-bundle',
  version: 1,
  platform: 'darwin',
  createdAt: '2026-11-20T09:41:00.000Z',
};

const dirs: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bridgelight-bundle-read-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function bundle(files: Record<string, string>): string {
  const dir = tmp();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function refusalOf(read: () => unknown): { message: string; exitCode: number } {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return { message: (error as UserError).message, exitCode: (error as UserError).exitCode };
  }
  throw new Error('expected a UserError');
}

describe('the bundle folder and its manifest', () => {
  it('says a folder it cannot look at cannot be read, with why (66), not that it does not exist', () => {
    const dir = bundle({ 'manifest.json': '{}' });
    const inside = join(dir, 'manifest.json', 'bundle');
    expect(refusalOf(() => readManifest(inside))).toEqual({
      message: `${inside}: cannot read the bundle folder (ENOTDIR)`,
      exitCode: 66,
    });
  });

  it('refuses a manifest over the size limit as bad data (65), an unreadable one as no input (66)', () => {
    const big = bundle({ 'manifest.json': '' });
    truncateSync(join(big, 'manifest.json'), 8 * 1024 * 1024 + 1);
    expect(refusalOf(() => readManifest(big))).toEqual({
      message: `${big}: manifest.json is over the 8 MB limit: refused`,
      exitCode: 65,
    });
    const folder = tmp();
    mkdirSync(join(folder, 'manifest.json'));
    expect(refusalOf(() => readManifest(folder))).toEqual({
      message: `${folder}: manifest.json is a folder: not read`,
      exitCode: 66,
    });
  });

  it('refuses a recorded command whose argv holds anything but strings', () => {
    const command = { argv: ['/sbin/ifconfig', 5], exitCode: 0, timedOut: false, notFound: false, durationMs: 1 };
    expect(refusalOf(() => validateManifest({ ...manifest, commands: { 'ifconfig.txt': command } })).message).toBe(
      'manifest.json: commands must map file names to { argv, exitCode, timedOut, notFound }',
    );
  });
});

describe('bundle file names', () => {
  it('opens only a plain name inside the folder: no hidden file, no path, no leading dash', () => {
    const dir = bundle({ 'ifconfig.txt': 'lo0: flags=8049\n', '.hidden': 'x' });
    expect(readBundleFile(dir, 'ifconfig.txt')).toEqual({ text: 'lo0: flags=8049\n' });
    for (const name of ['.hidden', '../ifconfig.txt', 'sub/ifconfig.txt', 'ifconfig.txt/', '-rf', '']) {
      expect(readBundleFile(dir, name)).toEqual({
        unavailable: { problem: 'missing', detail: `${name}: not a bundle file name` },
      });
    }
  });

  it('replays a file the manifest does not list as a command that exited 0, and an absent one as nothing', async () => {
    const dir = bundle({ 'ifconfig.txt': 'lo0\n' });
    const runner = createReplayRunner(dir, manifest);
    expect(await runner.run({ key: 'ifconfig.txt', argv: ['/sbin/ifconfig', '-a'], timeoutMs: 1 })).toEqual({
      outcome: 'text',
      stdout: 'lo0\n',
      stderr: '',
      exitCode: 0,
      detail: '',
      durationMs: 0,
    });
    expect(await runner.run({ key: 'netstat-rn.txt', argv: ['/usr/sbin/netstat', '-rn'], timeoutMs: 1 })).toEqual({
      outcome: 'missing',
      stdout: '',
      stderr: '',
      exitCode: null,
      detail: 'netstat-rn.txt is not in the bundle',
      durationMs: 0,
    });
  });
});

describe('replayed probes and connects', () => {
  const probe = { source: '192.0.2.10', target: '198.51.100.10:443', ok: true, ms: 12, error: null };
  const reach = { target: '192.168.64.2:22', ok: false, ms: null, error: 'EHOSTUNREACH' };

  it('takes a probe with a null time or a null error, and refuses one wrong field of any item', async () => {
    const ok = [probe, { ...probe, ok: false, ms: null, error: 'timeout' }];
    const replayed = createReplayProber(bundle({ 'probes.json': JSON.stringify(ok) }));
    expect(replayed.problem).toBeNull();
    expect(await replayed.prober.probe([], [], 1)).toEqual(ok);
    for (const wrong of [
      { ...probe, source: 1 },
      { ...probe, target: null },
      { ...probe, ok: 'yes' },
      { ...probe, ms: '12' },
      { ...probe, error: 5 },
      { source: probe.source, target: probe.target, ok: true, error: null },
    ]) {
      const refused = createReplayProber(bundle({ 'probes.json': JSON.stringify([probe, wrong]) }));
      expect(refused.problem).toBe('probes.json is not a list of probe results');
      expect(await refused.prober.probe([], [], 1)).toBeNull();
    }
  });

  it('takes a connect with a time or an error, and refuses one wrong field of any item', async () => {
    const ok = [reach, { target: '192.168.64.3:22', ok: true, ms: 3, error: null }];
    const replayed = createReplayProber(bundle({ 'vm-reach.json': JSON.stringify(ok) }));
    expect(replayed.problem).toBeNull();
    expect(await replayed.prober.reach?.('192.168.64.3:22', 1)).toEqual(ok[1]);
    for (const wrong of [
      { ...reach, target: 22 },
      { ...reach, ok: null },
      { ...reach, ms: '3' },
      { ...reach, error: false },
      { target: reach.target, ok: false, ms: null },
    ]) {
      const refused = createReplayProber(bundle({ 'vm-reach.json': JSON.stringify([reach, wrong]) }));
      expect(refused.problem).toBe('vm-reach.json is not a list of connect results');
      expect(await refused.prober.reach?.(reach.target, 1)).toBeNull();
    }
  });
});

describe('recording probes', () => {
  it('writes what the probes found into probes.json, which replays the same', async () => {
    const dir = join(tmp(), 'bundle');
    const recorder = new BundleRecorder(createPrivateDir(dir));
    const found = [{ source: '192.0.2.10', target: '198.51.100.10:443', ok: false, ms: null, error: 'timeout' }];
    await recorder.prober({ probe: async () => found }).probe(['192.0.2.10'], ['198.51.100.10:443'], 100);
    recorder.finish(manifest);
    expect(recorder.written()).toEqual(['probes.json']);
    expect(readBundleFile(dir, 'probes.json')).toEqual({ text: `${JSON.stringify(found, null, 2)}\n` });
    expect(await createReplayProber(dir).prober.probe([], [], 1)).toEqual(found);
  });

  it('writes nothing more once closed', () => {
    const recorder = new BundleRecorder(createPrivateDir(join(tmp(), 'bundle')));
    recorder.close();
    expect(() => recorder.writeFile('ifconfig.txt', 'lo0\n')).toThrow();
  });
});
