import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleRecorder, createReplayRunner, validateManifest } from '@src/node/bundle';
import { UserError } from '@src/node/errors';
import type { PrivateDir } from '@src/node/safe-fs';
import type { BundleManifest } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const manifest: BundleManifest = {
  format: 'bridgelight-bundle',
  version: 1,
  platform: 'linux',
  createdAt: '2026-11-20T09:41:00.000Z',
};

const recorded = { argv: ['/usr/sbin/ip'], exitCode: 0, timedOut: false, notFound: false, durationMs: 1 };

function refusal(value: unknown): string {
  try {
    validateManifest(value);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(65);
    return (error as UserError).message;
  }
  throw new Error('expected a UserError');
}

describe('a stranger’s manifest', () => {
  it('says exactly which field is wrong', () => {
    expect(refusal(null)).toBe('manifest.json is not a JSON object');
    expect(refusal({ ...manifest, format: 'other' })).toBe('manifest.json: format is not "bridgelight-bundle"');
    expect(refusal({ ...manifest, version: '1' })).toBe(
      'manifest.json: version "1" is not supported (this bridgelight reads versions 1 and 2)',
    );
    expect(refusal({ ...manifest, platform: 'win32' })).toBe('manifest.json: platform must be "darwin" or "linux"');
    expect(refusal({ ...manifest, createdAt: 5 })).toBe('manifest.json: createdAt must be an ISO-8601 time');
    expect(refusal({ ...manifest, createdAt: 'not a time' })).toBe('manifest.json: createdAt must be an ISO-8601 time');
  });

  it('takes a darwin or linux manifest with valid commands, profile and targets', () => {
    const full = {
      ...manifest,
      platform: 'darwin',
      commands: { 'ip-addr.json': recorded, 'minikube-status.json': { ...recorded, exitCode: null } },
      profile: 'dev-1',
      probeTargets: ['192.0.2.1:443', 'registry.k8s.io:443'],
    };
    expect(validateManifest(full)).toBe(full);
    expect(validateManifest({ ...manifest, probeTargets: [] }).probeTargets).toEqual([]);
  });

  it('refuses commands that are not { argv, exitCode, timedOut, notFound }', () => {
    const message = 'manifest.json: commands must map file names to { argv, exitCode, timedOut, notFound }';
    for (const commands of [
      [],
      'x',
      { a: null },
      { a: { ...recorded, argv: 'ip' } },
      { a: { ...recorded, argv: [1] } },
      { a: { ...recorded, exitCode: '0' } },
      { a: { ...recorded, timedOut: 'no' } },
      { a: { ...recorded, notFound: 0 } },
      { ok: recorded, bad: { argv: [] } },
    ])
      expect(refusal({ ...manifest, commands }), JSON.stringify(commands)).toBe(message);
  });

  it('gives a profile or targets that could reach a command line no say', () => {
    for (const profile of ['', '-rf', 'a b', 'x'.repeat(101), 7])
      expect(refusal({ ...manifest, profile })).toBe('manifest.json: profile is not a minikube profile name');
    const targets = 'manifest.json: probeTargets must be a list of HOST:PORT';
    for (const probeTargets of [
      '1.1.1.1:443',
      [7],
      ['no port'],
      ['192.0.2.1:443', 'x'],
      Array.from({ length: 33 }, () => '192.0.2.1:443'),
    ])
      expect(refusal({ ...manifest, probeTargets })).toBe(targets);
    expect(
      validateManifest({ ...manifest, probeTargets: Array.from({ length: 32 }, () => '192.0.2.1:443') }).probeTargets,
    ).toHaveLength(32);
  });
});

describe('replaying a recorded command', () => {
  it('gives a recorded non-zero exit as failed with its output, and a timed-out one as a timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-bundle-validate-'));
    writeFileSync(join(dir, 'ip-addr.json'), 'partial');
    writeFileSync(join(dir, 'ip-route.json'), '[]');
    const runner = createReplayRunner(dir, {
      ...manifest,
      commands: {
        'ip-addr.json': { ...recorded, exitCode: 1 },
        'ip-route.json': { ...recorded, exitCode: null, timedOut: true },
      },
    });
    expect(await runner.run({ key: 'ip-addr.json', argv: [], timeoutMs: 1 })).toEqual({
      outcome: 'failed',
      stdout: 'partial',
      stderr: '',
      exitCode: 1,
      detail: '',
      durationMs: 0,
    });
    expect(await runner.run({ key: 'ip-route.json', argv: [], timeoutMs: 1 })).toMatchObject({
      outcome: 'timeout',
      stdout: '',
    });
  });

  it('finds a tool the recording ran or listed a VM of, never one it found missing or never ran', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-bundle-validate-'));
    const runner = createReplayRunner(dir, {
      ...manifest,
      version: 2,
      commands: {
        'limactl-list.json': { ...recorded, argv: ['limactl', 'list'] },
        'colima.not-found': { ...recorded, argv: ['colima'], exitCode: null, notFound: true },
      },
      vms: [{ provider: 'multipass', name: 'dev', driver: null, network: 'unknown', files: [] }],
    });
    expect(runner.locate?.('limactl')).toBe(true);
    expect(runner.locate?.('multipass')).toBe(true);
    expect(runner.locate?.('colima')).toBe(false);
    expect(runner.locate?.('tart')).toBe(false);
    // Bundles from before v2 only knew minikube.
    expect(runner.locate?.('minikube')).toBe(true);
  });
});

describe('recording', () => {
  function memoryDir(): PrivateDir & { files: Map<string, string> } {
    const files = new Map<string, string>();
    return {
      path: '/nowhere',
      files,
      write: (name, text) => {
        files.set(name, text);
      },
      close: () => {},
      discard: () => files.clear(),
    };
  }

  it('records a tool missing from PATH as not found, and nothing for one it found', () => {
    const out = memoryDir();
    const recorder = new BundleRecorder(out);
    const runner = recorder.runner({ run: async () => commandResult(), locate: (tool) => tool === 'limactl' });
    expect(runner.locate?.('limactl')).toBe(true);
    expect(runner.locate?.('colima')).toBe(false);
    expect(recorder.commands).toEqual({
      'colima.not-found': { argv: ['colima'], exitCode: null, timedOut: false, notFound: true, durationMs: 0 },
    });
    // An inner runner without a look-up finds every tool.
    expect(recorder.runner({ run: async () => commandResult() }).locate?.('tart')).toBe(true);
  });

  it('writes the output of a failed command too, but none for a timeout, and notes each', async () => {
    const out = memoryDir();
    const recorder = new BundleRecorder(out, (text, file) => `${file}:${text}`);
    const results = {
      'a.txt': commandResult({ exitCode: 3, stdout: 'half', durationMs: 7 }),
      'b.txt': commandResult({ outcome: 'timeout', exitCode: null, stdout: 'late' }),
    };
    const runner = recorder.runner({ run: async (spec) => results[spec.key as keyof typeof results] });
    await runner.run({ key: 'a.txt', argv: ['tool', '-x'], timeoutMs: 1 });
    await runner.run({ key: 'b.txt', argv: ['slow'], timeoutMs: 1 });
    expect(recorder.commands).toEqual({
      'a.txt': { argv: ['tool', '-x'], exitCode: 3, timedOut: false, notFound: false, durationMs: 7 },
      'b.txt': { argv: ['slow'], exitCode: null, timedOut: true, notFound: false, durationMs: 1 },
    });
    expect([...out.files]).toEqual([['a.txt', 'a.txt:half']]);
    expect(recorder.lastOutput('a.txt')).toBe('half');
    expect(recorder.lastOutput('b.txt')).toBeUndefined();
    recorder.writeFile('own.json', '{}', true);
    expect(out.files.get('own.json')).toBe('{}');
    expect(recorder.written()).toEqual(['a.txt', 'own.json']);
    expect(() => recorder.writeFile('../x', '')).toThrow('refusing to write bundle file "../x"');
    expect(() => recorder.writeFile('.hidden', '')).toThrow('refusing to write bundle file ".hidden"');
  });

  it('writes no probes.json or vm-reach.json when nothing was probed, and the manifest with every command', () => {
    const out = memoryDir();
    const recorder = new BundleRecorder(out);
    recorder.writeManifest(manifest);
    expect([...out.files.keys()]).toEqual(['manifest.json']);
    expect(out.files.get('manifest.json')).toBe(`${JSON.stringify({ ...manifest, commands: {} }, null, 2)}\n`);
  });
});
