import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveSupportBundle, suggestedBundleName } from '@src/main/bundle/save-dialog';
import { collectOptions } from '@src/node/engine';
import { type BundleEngine, recordBundle } from '@src/node/record-bundle';
import type { Snapshot } from '@src/shared/model';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commandResult } from '../../support/command-result';
import { recordingLogger, seedDiagnosis } from '../fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bridgelight-bundle-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const IFCONFIG = 'en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500\n\tether a4:83:e7:12:34:56\n';

/** Collects by running one command through the ports, as the real collectors do. */
function fakeEngine(redact: BundleEngine['redact']): BundleEngine {
  return {
    livePorts: () => ({
      runner: {
        run: async (spec) => commandResult({ stdout: spec.key === 'ifconfig.txt' ? IFCONFIG : '', durationMs: 3 }),
      },
      prober: { probe: async () => [] },
    }),
    async collect(ports, options) {
      await ports.runner.run({ key: 'ifconfig.txt', argv: ['/sbin/ifconfig'], timeoutMs: 1000 });
      return { platform: options.platform, takenAt: ports.now!().toISOString() } as Snapshot;
    },
    diagnose: () => seedDiagnosis(),
    extractIpRouteSection: () => null,
    redact,
  };
}

const request = (out: string) => ({
  dir: out,
  options: collectOptions('darwin', { profile: 'minikube', probeTargets: ['1.1.1.1:443'] }),
  generator: 'bridgelight 0.1.0 (app)',
  now: () => new Date('2025-01-01T10:00:00.000Z'),
});

describe('recordBundle', () => {
  it('writes a replayable bundle: outputs, diagnosis and manifest', async () => {
    const out = join(dir, 'bundle');
    const recorded = await recordBundle(fakeEngine(null), request(out));
    expect(recorded).toEqual({ dir: out, files: 3, verdict: 'red' });
    expect(readdirSync(out).sort()).toEqual(['diagnosis.json', 'ifconfig.txt', 'manifest.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'bridgelight-bundle',
      version: 2,
      platform: 'darwin',
      createdAt: '2025-01-01T10:00:00.000Z',
      generator: 'bridgelight 0.1.0 (app)',
      redacted: false,
      profile: 'minikube',
      probeTargets: ['1.1.1.1:443'],
      commands: { 'ifconfig.txt': { argv: ['/sbin/ifconfig'], exitCode: 0 } },
      vms: [],
    });
    expect(JSON.parse(readFileSync(join(out, 'diagnosis.json'), 'utf8')).verdict).toBe('red');
  });

  it('redacts what it writes and says so in the manifest', async () => {
    const out = join(dir, 'bundle');
    await recordBundle(
      fakeEngine({ file: (text) => text.replace(/a4:83:e7:12:34:56/g, '02:00:00:00:00:01'), value: (value) => value }),
      request(out),
    );
    expect(readFileSync(join(out, 'ifconfig.txt'), 'utf8')).toContain('ether 02:00:00:00:00:01');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).redacted).toBe(true);
  });

  it('refuses a folder that already has files in it', async () => {
    const out = join(dir, 'used');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await expect(recordBundle(fakeEngine(null), request(out))).rejects.toThrow(/exists already/);
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });
});

describe('saveSupportBundle', () => {
  function deps(overrides: Partial<Parameters<typeof saveSupportBundle>[0]> = {}) {
    return {
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: join(dir, 'chosen') })),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
      showItemInFolder: vi.fn(),
      record: vi.fn(async (path: string) => ({ dir: path, files: 9, verdict: 'red' as const })),
      defaultFolder: '/Users/me/Desktop',
      log: recordingLogger(),
      now: () => new Date(2025, 0, 2, 3, 4, 5),
      ...overrides,
    };
  }

  it('suggests a new dated folder on the Desktop, records there and reveals it', async () => {
    const d = deps();
    expect(await saveSupportBundle(d)).toBe(join(dir, 'chosen'));
    expect(d.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: '/Users/me/Desktop/bridgelight-bundle-2025-01-02-030405' }),
    );
    expect(d.record).toHaveBeenCalledWith(join(dir, 'chosen'));
    expect(d.showItemInFolder).toHaveBeenCalledWith(join(dir, 'chosen'));
  });

  it('does nothing when the user cancels', async () => {
    const d = deps({ showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })) });
    expect(await saveSupportBundle(d)).toBeNull();
    expect(d.record).not.toHaveBeenCalled();
  });

  it('says what went wrong', async () => {
    const d = deps({ record: vi.fn(async () => Promise.reject(new Error('folder is not empty; choose a new one'))) });
    expect(await saveSupportBundle(d)).toBeNull();
    expect(d.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'error', detail: 'folder is not empty; choose a new one' }),
    );
    expect(d.showItemInFolder).not.toHaveBeenCalled();
  });

  it('names bundles so they sort by time', () => {
    expect(suggestedBundleName(new Date(2025, 10, 30, 23, 59, 1))).toBe('bridgelight-bundle-2025-11-30-235901');
  });
});
