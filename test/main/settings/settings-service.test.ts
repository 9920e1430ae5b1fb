import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoginItemPort } from '@src/main/settings/login-item';
import { defaultSettings, SettingsFile, type StoredSettings } from '@src/main/settings/settings';
import { SettingsService, type SettingsStorage } from '@src/main/settings/settings-service';
import { writeSettingsJson } from '@src/node/settings-file';
import type { LoginItemSettings } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../fixtures';

function memoryStorage(initial: StoredSettings = defaultSettings()): SettingsStorage & { saved: StoredSettings[] } {
  const saved: StoredSettings[] = [];
  return {
    saved,
    load: () => structuredClone(initial),
    save: (settings) => {
      saved.push(structuredClone(settings));
    },
  };
}

type Status = LoginItemSettings['status'];
type FakeLoginItem = LoginItemPort & { calls: boolean[]; status: Status; openAtLogin: boolean };

/** SMAppService as Electron reports it; `registrable: false` is an app run from a disk image (stays not-found). */
function loginItem(status: Status, openAtLogin = false, registrable = true): FakeLoginItem {
  const port: FakeLoginItem = {
    calls: [] as boolean[],
    status,
    openAtLogin,
    setLoginItemSettings(settings: { openAtLogin: boolean }) {
      port.calls.push(settings.openAtLogin);
      port.openAtLogin = settings.openAtLogin;
      // SMAppService: a new registration waits for the user's approval.
      if (registrable) port.status = settings.openAtLogin ? 'requires-approval' : 'not-registered';
    },
    getLoginItemSettings: () => ({ openAtLogin: port.openAtLogin, status: port.status }),
  };
  return port;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bridgelight-service-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SettingsService', () => {
  it('persists an ignored address so a restarted app still ignores it', () => {
    const path = join(dir, 'settings.json');
    const service = new SettingsService(
      new SettingsFile(path, recordingLogger()),
      loginItem('not-registered'),
      'darwin',
    );
    service.ignoreAddress('172.2.9.61');
    service.ignoreAddress('172.2.9.61');
    expect(JSON.parse(readFileSync(path, 'utf8')).ignoredAddresses).toEqual(['172.2.9.61']);
    const restarted = new SettingsService(
      new SettingsFile(path, recordingLogger()),
      loginItem('not-registered'),
      'darwin',
    );
    expect(restarted.forRenderer().ignoredAddresses).toEqual(['172.2.9.61']);
  });

  it('refuses to ignore something that is not an IPv4 address, and saves nothing', () => {
    const storage = memoryStorage();
    const service = new SettingsService(storage, loginItem('not-registered'), 'darwin');
    expect(() => service.ignoreAddress('172.2.9.61; rm -rf /')).toThrow(RangeError);
    expect(storage.saved).toEqual([]);
  });

  it('persists mutes for every VM and for one VM, and unmutes exactly the one asked for', () => {
    const path = join(dir, 'settings.json');
    const open = () =>
      new SettingsService(new SettingsFile(path, recordingLogger()), loginItem('not-registered'), 'darwin');
    const service = open();
    service.mute({ id: 'nat-source-stale', vm: null });
    service.mute({ id: 'nat-source-stale', vm: null });
    service.mute({ id: 'vm-dns-failure', vm: 'lima/default' });
    expect(open().forRenderer().mutedFindings).toEqual([
      { id: 'nat-source-stale', vm: null },
      { id: 'vm-dns-failure', vm: 'lima/default' },
    ]);
    service.unmute({ id: 'vm-dns-failure', vm: null });
    expect(open().get().mutedFindings).toHaveLength(2);
    service.unmute({ id: 'vm-dns-failure', vm: 'lima/default' });
    expect(JSON.parse(readFileSync(path, 'utf8')).mutedFindings).toEqual([{ id: 'nat-source-stale', vm: null }]);
  });

  it('saves nothing for a mute or unmute that changes nothing, nor for a bad one', () => {
    const storage = memoryStorage();
    const service = new SettingsService(storage, loginItem('not-registered'), 'darwin');
    service.unmute({ id: 'nat-source-stale', vm: null });
    expect(() => service.mute({ id: 'nope' as 'nat-source-stale', vm: null })).toThrow(RangeError);
    expect(storage.saved).toEqual([]);
    expect(service.get().mutedFindings).toEqual([]);
  });

  it('takes in mutes another process wrote to the file (bridgelight mute), once, keeping the OS’s login item', () => {
    const path = join(dir, 'settings.json');
    const service = new SettingsService(
      new SettingsFile(path, recordingLogger()),
      loginItem('enabled', true),
      'darwin',
    );
    service.update({ minikubeProfile: 'work' });
    const heard: unknown[] = [];
    service.subscribe((next) => heard.push(next.mutedFindings));
    service.reload();
    expect(heard).toEqual([]);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    writeSettingsJson(path, {
      ...written,
      launchAtLogin: false,
      mutedFindings: [{ id: 'nat-source-stale', vm: null }],
    });
    service.reload();
    service.reload();
    expect(heard).toEqual([[{ id: 'nat-source-stale', vm: null }]]);
    expect(service.get()).toMatchObject({ minikubeProfile: 'work', launchAtLogin: true });
  });

  it('tells listeners after saving, with the previous value', () => {
    const storage = memoryStorage();
    const service = new SettingsService(storage, loginItem('not-registered'), 'darwin');
    const seen: [string, string][] = [];
    service.subscribe((next, previous) => seen.push([previous.minikubeProfile, next.minikubeProfile]));
    service.update({ minikubeProfile: 'dev' });
    expect(storage.saved.at(-1)?.minikubeProfile).toBe('dev');
    expect(seen).toEqual([['minikube', 'dev']]);
  });

  it('changes nothing when the file cannot be saved', () => {
    const storage = memoryStorage();
    storage.save = () => {
      throw new Error('disk full');
    };
    const service = new SettingsService(storage, loginItem('not-registered'), 'darwin');
    expect(() => service.update({ minikubeProfile: 'dev' })).toThrow('disk full');
    expect(service.get().minikubeProfile).toBe('minikube');
  });

  it('lets the OS decide launchAtLogin at start (the user may have removed the login item)', () => {
    const service = new SettingsService(
      memoryStorage({ ...defaultSettings(), launchAtLogin: true }),
      loginItem('not-registered'),
      'darwin',
    );
    expect(service.forRenderer()).toMatchObject({ launchAtLogin: false, launchAtLoginStatus: 'disabled' });
  });

  it('registers the login item and reports that macOS wants approval', () => {
    const port = loginItem('not-registered');
    const service = new SettingsService(memoryStorage(), port, 'darwin');
    service.update({ launchAtLogin: true });
    expect(port.calls).toEqual([true]);
    expect(service.forRenderer()).toMatchObject({ launchAtLogin: true, launchAtLoginStatus: 'requires-approval' });
  });

  it('picks up an approval given in System Settings', () => {
    const port = loginItem('requires-approval', true);
    const service = new SettingsService(memoryStorage(), port, 'darwin');
    const changes: boolean[] = [];
    service.subscribe((next) => changes.push(next.launchAtLogin));
    port.status = 'enabled';
    service.refreshLoginStatus();
    service.refreshLoginStatus();
    expect(service.forRenderer().launchAtLoginStatus).toBe('enabled');
    expect(changes).toEqual([true]);
  });

  // Every value Electron documents for LoginItemSettings.status (macOS 13+ SMAppService).
  it.each([
    { status: 'enabled', shown: { launchAtLogin: true, launchAtLoginStatus: 'enabled' } },
    { status: 'requires-approval', shown: { launchAtLogin: true, launchAtLoginStatus: 'requires-approval' } },
    { status: 'not-registered', shown: { launchAtLogin: false, launchAtLoginStatus: 'disabled' } },
    // A fresh install: never registered yet, so off, and the control stays usable.
    { status: 'not-found', shown: { launchAtLogin: false, launchAtLoginStatus: 'disabled' } },
  ] satisfies { status: Status; shown: object }[])('reads status $status', ({ status, shown }) => {
    const service = new SettingsService(memoryStorage(), loginItem(status, status !== 'not-registered'), 'darwin');
    expect(service.forRenderer()).toMatchObject(shown);
  });

  it('can be switched on from a fresh install (not-found before the first registration)', () => {
    const port = loginItem('not-found');
    const service = new SettingsService(memoryStorage(), port, 'darwin');
    service.update({ launchAtLogin: true });
    expect(port.calls).toEqual([true]);
    expect(service.forRenderer()).toMatchObject({ launchAtLogin: true, launchAtLoginStatus: 'requires-approval' });
  });

  it('says why when a registration still reads not-found (run from a disk image: move it to Applications)', () => {
    const port = loginItem('not-found', false, false);
    const service = new SettingsService(memoryStorage(), port, 'darwin');
    service.update({ launchAtLogin: true });
    expect(service.forRenderer()).toMatchObject({ launchAtLogin: false, launchAtLoginStatus: 'not-found' });
  });

  it('says not-supported on Linux and never touches the login item there', () => {
    const port = loginItem('enabled', true);
    const service = new SettingsService(memoryStorage(), port, 'linux');
    service.update({ launchAtLogin: true });
    expect(port.calls).toEqual([]);
    expect(service.forRenderer().launchAtLoginStatus).toBe('not-supported');
  });

  it('hands the renderer copies, not its own arrays', () => {
    const service = new SettingsService(memoryStorage(), loginItem('not-registered'), 'darwin');
    service.forRenderer().probeTargets.push('evil.example:1');
    expect(service.get().probeTargets).not.toContain('evil.example:1');
  });
});
