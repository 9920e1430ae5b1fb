import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectOptions, CollectPorts } from '@src/node/collect';
import { type CheckOptions, checkReplay, collectOptions, hostPlatform } from '@src/node/engine';
import { UserError } from '@src/node/errors';
import type { BundleManifest } from '@src/shared/bundle-format';
import { diagnoseAll } from '@src/shared/diagnosis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptySnapshot } from '../shared/diagnosis/snapshot-builder';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bl-engine-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.unstubAllGlobals();
});

const v1: BundleManifest = {
  format: 'bridgelight-bundle',
  version: 1,
  platform: 'linux',
  createdAt: '2026-11-20T09:41:00.000Z',
};

const vm = (name: string) => ({
  provider: 'minikube' as const,
  name,
  driver: 'docker',
  network: 'user-mode' as const,
  files: [],
});

/** Replays `manifest` with a collector that only notes what it was asked; returns the options and ports. */
async function replayed(manifest: object, options: CheckOptions = {}, files: Record<string, string> = {}) {
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const seen: { options?: CollectOptions; ports?: CollectPorts } = {};
  const snapshot = emptySnapshot('linux');
  const result = await checkReplay(dir, options, {
    steps: {
      collect: async (ports, given) => {
        seen.ports = ports;
        seen.options = given;
        return snapshot;
      },
      diagnose: diagnoseAll,
    },
  });
  return { ...seen, result };
}

describe('the options of one check', () => {
  it('fills in the default targets, DNS name and probing, and no VM selection', () => {
    expect(collectOptions('darwin', {})).toEqual({
      platform: 'darwin',
      profile: null,
      probeTargets: ['1.1.1.1:443', '8.8.8.8:443', 'registry.k8s.io:443'],
      dnsName: 'registry.k8s.io',
      probe: true,
      timeouts: undefined,
      internalName: null,
    });
  });

  it('keeps what was asked, and an empty --vm list means every VM', () => {
    const asked = {
      profile: 'dev',
      vms: [{ provider: 'lima' as const, name: 'default' }],
      probeTargets: ['192.0.2.1:443'],
      dnsName: 'example.com',
      probe: false,
      timeouts: { probeMs: 5 },
      internalName: 'git.corp.example',
    };
    expect(collectOptions('linux', asked)).toEqual({ platform: 'linux', ...asked });
    expect(collectOptions('linux', { vms: [] })).not.toHaveProperty('vms');
  });

  it('runs on macOS and Linux only, and says so with the software status elsewhere', () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    try {
      for (const os of ['darwin', 'linux'] as const) {
        Object.defineProperty(process, 'platform', { value: os });
        expect(hostPlatform()).toBe(os);
      }
      Object.defineProperty(process, 'platform', { value: 'win32' });
      expect(hostPlatform).toThrow(new UserError('bridgelight runs on macOS and Linux, not on win32', 70));
      try {
        hostPlatform();
      } catch (error) {
        expect((error as UserError).exitCode).toBe(70);
      }
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
  });
});

describe('which VMs and targets a replay covers', () => {
  it('v1: the recorded profile and the recorded probe targets, at the recording time, on its platform', async () => {
    const { options, ports } = await replayed({ ...v1, profile: 'dev', probeTargets: ['192.0.2.7:443'] });
    expect(options).toMatchObject({ platform: 'linux', profile: 'dev', probeTargets: ['192.0.2.7:443'] });
    expect(options).not.toHaveProperty('vms');
    expect(ports?.now?.().toISOString()).toBe('2026-11-20T09:41:00.000Z');
    expect(ports).not.toHaveProperty('providers');
  });

  it('v1 without a profile: no selection, and the default targets', async () => {
    const { options } = await replayed({ ...v1, platform: 'darwin' });
    expect(options).toMatchObject({
      platform: 'darwin',
      profile: null,
      probeTargets: ['1.1.1.1:443', '8.8.8.8:443', 'registry.k8s.io:443'],
    });
    expect(options).not.toHaveProperty('vms');
  });

  it('v2: every VM the bundle recorded, unless VMs or a profile were asked for', async () => {
    const v2 = { ...v1, version: 2, profile: 'a', vms: [vm('a'), vm('b')] };
    expect((await replayed(v2)).options?.vms).toEqual([
      { provider: 'minikube', name: 'a' },
      { provider: 'minikube', name: 'b' },
    ]);
    const asked = [{ provider: 'minikube' as const, name: 'b' }];
    expect((await replayed(v2, { vms: asked })).options).toMatchObject({ vms: asked, profile: null });
    const profile = (await replayed(v2, { profile: 'b', probeTargets: ['192.0.2.9:80'] })).options;
    expect(profile).toMatchObject({ profile: 'b', probeTargets: ['192.0.2.9:80'] });
    expect(profile).not.toHaveProperty('vms');
    // An empty VM list falls back to the profile.
    expect((await replayed({ ...v2, vms: [] })).options).toMatchObject({ profile: 'a' });
  });

  it('hands over the stand-in providers, and notes an unusable probes.json', async () => {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(v1));
    writeFileSync(join(dir, 'probes.json'), '{"not":"a list"}');
    let providers: CollectPorts['providers'];
    const result = await checkReplay(
      dir,
      {},
      {
        providers: [],
        steps: {
          collect: async (ports) => {
            providers = ports.providers;
            return emptySnapshot('linux');
          },
          diagnose: diagnoseAll,
        },
      },
    );
    expect(providers).toEqual([]);
    expect(result.snapshot.inputs).toEqual([
      { source: 'probes.json', problem: 'unparseable', detail: 'probes.json is not a list of probe results' },
    ]);
    expect(result.diagnosis).toEqual(diagnoseAll(result.snapshot));
  });
});
