import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BundleRecorder,
  createReplayProber,
  createReplayRunner,
  prepareBundleDir,
  readManifest,
} from '../../src/node/bundle';
import { UserError } from '../../src/node/errors';
import type { BundleManifest } from '../../src/shared/bundle-format';
import type { CommandRunner } from '../../src/shared/command';
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
});

describe('bundle recorder', () => {
  it('writes what the inner runner returned (redacted) and a manifest describing every command', async () => {
    const dir = tmp();
    const inner: CommandRunner = {
      run: async (spec) =>
        spec.key === 'minikube-status.json'
          ? commandResult({ outcome: 'not-found', exitCode: null })
          : commandResult({ stdout: 'ether 3c:22:fb:1a:84:8e\n' }),
    };
    const recorder = new BundleRecorder(dir, (text) => text.replace('3c:22:fb:1a:84:8e', '02:00:00:00:00:01'));
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

  it('never writes into a folder that already has files', () => {
    const dir = bundle({ 'keep.txt': 'mine' });
    expectUserError(() => prepareBundleDir(dir), 73, /not empty/);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
    const fresh = join(tmp(), 'a', 'b');
    prepareBundleDir(fresh);
    prepareBundleDir(fresh);
  });
});
