import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleRecorder, createReplayProber, createReplayRunner, readManifest } from '@src/node/bundle';
import { UserError } from '@src/node/errors';
import { createPrivateDir, readCapped } from '@src/node/safe-fs';
import type { BundleManifest } from '@src/shared/bundle-format';
import type { CommandRunner } from '@src/shared/command';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const tmp = () => mkdtempSync(join(tmpdir(), 'bl-bundle-'));
const manifest: BundleManifest = {
  format: 'bridgelight-bundle',
  version: 1,
  platform: 'darwin',
  createdAt: '2026-11-20T09:41:00.000Z',
};

function bundle(files: Record<string, string | Buffer>): string {
  const dir = tmp();
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

function expectUserError(fn: () => unknown, code: number, message: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(code);
    expect((error as UserError).message).toMatch(message);
    expect((error as UserError).message).not.toContain('\n');
    return;
  }
  throw new Error('expected a UserError');
}

describe('bundle manifest', () => {
  it('reads a valid v1 manifest', () => {
    expect(readManifest(bundle({ 'manifest.json': JSON.stringify(manifest) })).platform).toBe('darwin');
  });

  it('reads a v2 manifest naming each VM and its files, and refuses a v2 one whose VM list is wrong', () => {
    const vm = {
      provider: 'minikube',
      name: 'dev',
      driver: 'docker',
      network: 'user-mode',
      files: ['minikube-profile-list.json', 'minikube-status.json', 'vm-probe.txt'],
    };
    const v2 = { ...manifest, version: 2, vms: [vm] };
    expect(readManifest(bundle({ 'manifest.json': JSON.stringify(v2) })).vms).toEqual([vm]);
    for (const vms of [
      undefined,
      {},
      [{ ...vm, network: 'nat' }],
      [{ ...vm, files: ['../x'] }],
      [{ ...vm, provider: 'x' }],
    ])
      expectUserError(
        () => readManifest(bundle({ 'manifest.json': JSON.stringify({ ...v2, vms }) })),
        65,
        /vms must be a list/,
      );
  });

  it('refuses a missing folder (66), and a missing or invalid manifest (65)', () => {
    expectUserError(() => readManifest('/nonexistent/bl-bundle'), 66, /no such bundle folder/);
    expectUserError(() => readManifest(bundle({})), 65, /no manifest\.json/);
    expectUserError(() => readManifest(bundle({ 'manifest.json': '{"format":' })), 65, /not valid JSON/);
    expectUserError(() => readManifest(bundle({ 'manifest.json': '[]' })), 65, /not a JSON object/);
    expectUserError(
      () => readManifest(bundle({ 'manifest.json': JSON.stringify({ ...manifest, format: 'x' }) })),
      65,
      /format/,
    );
    expectUserError(
      () => readManifest(bundle({ 'manifest.json': JSON.stringify({ ...manifest, version: 3 }) })),
      65,
      /version 3 is not supported \(this bridgelight reads versions 1 and 2\)/,
    );
    expectUserError(
      () => readManifest(bundle({ 'manifest.json': JSON.stringify({ ...manifest, platform: 'win32' }) })),
      65,
      /platform/,
    );
    expectUserError(
      () => readManifest(bundle({ 'manifest.json': JSON.stringify({ ...manifest, createdAt: 'yesterday' }) })),
      65,
      /createdAt/,
    );
    const file = join(tmp(), 'file');
    writeFileSync(file, '');
    expectUserError(() => readManifest(file), 65, /not one/);
  });
});

describe('replay runner', () => {
  it('hands back files by key, absent ones as missing, and recorded not-found/timeout as such', async () => {
    const dir = bundle({ 'manifest.json': '{}', 'ifconfig.txt': 'lo0: flags=8049<UP> mtu 16384\n' });
    const runner = createReplayRunner(dir, {
      ...manifest,
      commands: {
        'minikube-status.json': { argv: ['minikube'], exitCode: null, timedOut: false, notFound: true, durationMs: 1 },
      },
    });
    expect(await runner.run({ key: 'ifconfig.txt', argv: ['/sbin/ifconfig', '-a'], timeoutMs: 1 })).toMatchObject({
      outcome: 'text',
      stdout: 'lo0: flags=8049<UP> mtu 16384\n',
      exitCode: 0,
    });
    expect(await runner.run({ key: 'netstat-rn.txt', argv: [], timeoutMs: 1 })).toMatchObject({
      outcome: 'missing',
      detail: 'netstat-rn.txt is not in the bundle',
    });
    expect(await runner.run({ key: 'minikube-status.json', argv: [], timeoutMs: 1 })).toMatchObject({
      outcome: 'not-found',
    });
  });

  it('refuses a file over 8 MB and names that cannot stay inside the folder', async () => {
    const dir = bundle({ 'ifconfig.txt': Buffer.alloc(8 * 1024 * 1024 + 1, 'a') });
    mkdirSync(join(dir, 'sub'));
    const runner = createReplayRunner(dir, manifest);
    const big = await runner.run({ key: 'ifconfig.txt', argv: [], timeoutMs: 1 });
    expect(big).toMatchObject({ stdout: '', outcome: 'refused' });
    expect(big.detail).toMatch(/8 MB/);
    expect(await runner.run({ key: '../manifest.json', argv: [], timeoutMs: 1 })).toMatchObject({
      outcome: 'missing',
    });
  });

  it('replays probes.json, and says when it is unusable', async () => {
    const probes = [{ source: '172.2.9.61', target: '198.51.100.10:443', ok: false, ms: null, error: 'timeout' }];
    expect(await createReplayProber(bundle({ 'probes.json': JSON.stringify(probes) })).prober.probe([], [], 1)).toEqual(
      probes,
    );
    expect(createReplayProber(bundle({})).problem).toBeNull();
    expect(await createReplayProber(bundle({})).prober.probe(['1.2.3.4'], ['1.2.3.4:1'], 1)).toBeNull();
    expect(createReplayProber(bundle({ 'probes.json': '{"a":1}' })).problem).toMatch(/not a list/);
    expect(createReplayProber(bundle({ 'probes.json': 'nope' })).problem).toMatch(/not valid JSON/);
  });

  it('replays the connects to VMs by target, and never makes one up', async () => {
    const reaches = [{ target: '192.168.64.2:22', ok: false, ms: null, error: 'EHOSTUNREACH' }];
    const { prober, problem } = createReplayProber(bundle({ 'vm-reach.json': JSON.stringify(reaches) }));
    expect(problem).toBeNull();
    expect(await prober.reach?.('192.168.64.2:22', 1)).toEqual(reaches[0]);
    expect(await prober.reach?.('192.168.64.3:22', 1)).toBeNull();
    expect(await createReplayProber(bundle({})).prober.reach?.('192.168.64.2:22', 1)).toBeNull();
    expect(createReplayProber(bundle({ 'vm-reach.json': '[{"target":1}]' })).problem).toMatch(
      /vm-reach.json is not a list/,
    );
  });
});

describe('bundle recorder', () => {
  it('records the connects to VMs beside the probes, so the replay gives the same answer', async () => {
    const dir = join(tmp(), 'bundle');
    const recorder = new BundleRecorder(createPrivateDir(dir));
    const prober = recorder.prober({
      probe: async () => null,
      reach: async (target) => ({ target, ok: false, ms: null, error: 'EPERM' }),
    });
    expect(await prober.reach?.('192.168.105.2:22', 10)).toMatchObject({ error: 'EPERM' });
    recorder.finish(manifest);
    expect(await createReplayProber(dir).prober.reach?.('192.168.105.2:22', 1)).toEqual({
      target: '192.168.105.2:22',
      ok: false,
      ms: null,
      error: 'EPERM',
    });
    // A prober that never reaches VMs stays one: nothing is recorded and the file is not written.
    const plain = new BundleRecorder(createPrivateDir(join(tmp(), 'plain')));
    expect(plain.prober({ probe: async () => null }).reach).toBeUndefined();
  });

  it('writes what the inner runner returned (redacted) and a manifest describing every command', async () => {
    const dir = join(tmp(), 'bundle');
    const inner: CommandRunner = {
      run: async (spec) =>
        spec.key === 'minikube-status.json'
          ? commandResult({ outcome: 'not-found', exitCode: null })
          : commandResult({ stdout: 'ether 3c:22:fb:1a:84:8e\n' }),
    };
    const recorder = new BundleRecorder(createPrivateDir(dir), (text) =>
      text.replace('3c:22:fb:1a:84:8e', '02:00:00:00:00:01'),
    );
    const runner = recorder.runner(inner);
    const result = await runner.run({ key: 'ifconfig.txt', argv: ['/sbin/ifconfig', '-a'], timeoutMs: 10 });
    expect(result.stdout).toBe('ether 3c:22:fb:1a:84:8e\n');
    await runner.run({ key: 'minikube-status.json', argv: ['minikube', 'status'], timeoutMs: 10 });
    recorder.finish(manifest);
    expect(readFileSync(join(dir, 'ifconfig.txt'), 'utf8')).toBe('ether 02:00:00:00:00:01\n');
    const written = readManifest(dir);
    expect(written.commands?.['ifconfig.txt']).toMatchObject({ argv: ['/sbin/ifconfig', '-a'], exitCode: 0 });
    expect(written.commands?.['minikube-status.json']).toMatchObject({ notFound: true });
    // and the replay of what was recorded gives the same answers
    const replay = createReplayRunner(dir, written);
    expect(await replay.run({ key: 'minikube-status.json', argv: [], timeoutMs: 1 })).toMatchObject({
      outcome: 'not-found',
    });
  });

  it('creates its folder itself (0700, files 0600) and never uses one that exists, empty or not', () => {
    const used = bundle({ 'keep.txt': 'mine' });
    expectUserError(() => createPrivateDir(used), 73, /exists already/);
    expect(readdirSync(used)).toEqual(['keep.txt']);
    expectUserError(() => createPrivateDir(tmp()), 73, /exists already/);
    const linked = join(tmp(), 'link');
    symlinkSync(tmp(), linked);
    expectUserError(() => createPrivateDir(linked), 73, /exists already/);
    const fresh = createPrivateDir(join(tmp(), 'new'));
    fresh.write('a.txt', 'x');
    expect(statSync(fresh.path).mode & 0o777).toBe(0o700);
    expect(statSync(join(fresh.path, 'a.txt')).mode & 0o777).toBe(0o600);
    expect(() => fresh.write('a.txt', 'again')).toThrow(/EEXIST/);
    expectUserError(() => createPrivateDir(join(tmp(), 'no', 'parent')), 73, /parent folder/);
  });

  it('refuses a parent folder other users can write to, unless it is sticky like /tmp', () => {
    const open = tmp();
    chmodSync(open, 0o777);
    expectUserError(() => createPrivateDir(join(open, 'b')), 73, /writable by other users/);
    chmodSync(open, 0o1777);
    expect(createPrivateDir(join(open, 'b')).path).toBe(join(open, 'b'));
  });

  it('writes nothing outside its folder when links are planted or the folder is swapped while recording', async () => {
    const outside = tmp();
    const victim = join(outside, 'victim');
    writeFileSync(victim, 'precious\n');
    const dir = join(tmp(), 'bundle');
    const recorder = new BundleRecorder(createPrivateDir(dir));
    const ok = commandResult({});
    const attacker: CommandRunner = {
      run: async (spec) => {
        // Between the folder's creation and each write: a link in the file's place, then the folder itself
        // moved away and replaced by a link to somewhere else.
        if (spec.key === 'ifconfig.txt') symlinkSync(victim, join(dir, spec.key));
        if (spec.key === 'netstat-rn.txt') {
          renameSync(dir, `${dir}.moved`);
          symlinkSync(outside, dir);
        }
        return { ...ok, stdout: 'attacker-controlled?\n' };
      },
    };
    const runner = recorder.runner(attacker);
    await expect(runner.run({ key: 'ifconfig.txt', argv: ['ifconfig'], timeoutMs: 10 })).rejects.toThrow(/EEXIST/);
    await runner.run({ key: 'netstat-rn.txt', argv: ['netstat'], timeoutMs: 10 }).catch(() => undefined);
    recorder.finish(manifest);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readdirSync(outside)).toEqual(['victim']);
  });
});

describe("reading a stranger's bundle", () => {
  it('reads only regular files, never through a link, and counts the cap while reading', () => {
    const dir = tmp();
    symlinkSync('/dev/zero', join(dir, 'zero'));
    symlinkSync('/etc/shadow', join(dir, 'shadow'));
    mkdirSync(join(dir, 'folder'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(readCapped(join(dir, 'zero'), 1024, 'zero')).toEqual({
      problem: 'unparseable',
      detail: 'zero is a symbolic link: not followed',
    });
    expect(readCapped(join(dir, 'shadow'), 1024, 'shadow')).toMatchObject({ problem: 'unparseable' });
    expect(readCapped(join(dir, 'folder'), 1024, 'folder')).toEqual({
      problem: 'unparseable',
      detail: 'folder is a folder: not read',
    });
    expect(readCapped(join(dir, 'fifo'), 1024, 'fifo')).toEqual({
      problem: 'unparseable',
      detail: 'fifo is not a regular file: not read',
    });
    expect(readCapped('/dev/zero', 1024, 'zero')).toMatchObject({ problem: 'unparseable' });
    // /proc files say they are empty and are not: the cap holds by what was read, not by what stat said.
    expect(statSync('/proc/self/status').size).toBe(0);
    expect(readCapped('/proc/self/status', 16, 'status')).toMatchObject({ problem: 'too-large' });
    expect(readCapped(join(dir, 'none'), 16, 'none')).toMatchObject({ problem: 'missing' });
  });

  it('says a manifest that is a link or a folder is unreadable, not that there is no manifest.json', () => {
    const linked = tmp();
    symlinkSync('/etc/passwd', join(linked, 'manifest.json'));
    expectUserError(() => readManifest(linked), 66, /manifest\.json is a symbolic link/);
    const folder = tmp();
    mkdirSync(join(folder, 'manifest.json'));
    expectUserError(() => readManifest(folder), 66, /manifest\.json is a folder/);
    expect(existsSync(join(folder, 'manifest.json'))).toBe(true);
  });
});
