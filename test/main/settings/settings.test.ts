import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkSettingsPatch,
  defaultSettings,
  MAX_PROBE_TARGETS,
  SettingsFile,
  settingsFrom,
} from '@src/main/settings/settings';
import { DEFAULT_PROBE_TARGETS } from '@src/shared/targets';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bridgelight-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SettingsFile', () => {
  it('round-trips every field', () => {
    const file = new SettingsFile(join(dir, 'nested', 'settings.json'), recordingLogger());
    const settings = {
      launchAtLogin: true,
      probeTargets: ['1.1.1.1:443', 'example.com:80'],
      minikubeProfile: 'dev-2.cluster_a',
      ignoredAddresses: ['10.0.0.5', '172.2.9.61'],
      checkForUpdates: false,
      mutedFindings: [
        { id: 'egress-multiple-ipv4' as const, vm: null },
        { id: 'vm-dns-failure' as const, vm: 'lima/default' },
      ],
    };
    file.save(settings);
    expect(new SettingsFile(file.path, recordingLogger()).load()).toEqual(settings);
  });

  it('writes through a temporary file that it renames, leaving nothing else behind', () => {
    const file = new SettingsFile(join(dir, 'settings.json'), recordingLogger());
    file.save(defaultSettings());
    file.save({ ...defaultSettings(), minikubeProfile: 'second' });
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(JSON.parse(readFileSync(file.path, 'utf8')).minikubeProfile).toBe('second');
  });

  it('gives defaults without a log line when there is no file yet', () => {
    const log = recordingLogger();
    expect(new SettingsFile(join(dir, 'settings.json'), log).load()).toEqual(defaultSettings());
    expect(log.lines).toEqual([]);
  });

  it('gives defaults and says why for a corrupt file', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{"launchAtLogin": tru');
    const log = recordingLogger();
    expect(new SettingsFile(path, log).load()).toEqual(defaultSettings());
    expect(log.lines.join('\n')).toMatch(/not valid JSON.*using defaults/);
  });

  it('gives defaults for JSON that is not an object', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, '[1,2,3]');
    const log = recordingLogger();
    expect(new SettingsFile(path, log).load()).toEqual(defaultSettings());
    expect(log.lines).toHaveLength(1);
  });

  it('keeps the valid fields of a file and replaces only the invalid ones, one log line each', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(
      path,
      JSON.stringify({
        launchAtLogin: 'yes',
        probeTargets: ['1.1.1.1:443', 'not a target'],
        minikubeProfile: 'work',
        ignoredAddresses: ['172.2.9.61'],
        checkForUpdates: 'no',
        unknownField: 42,
      }),
    );
    const log = recordingLogger();
    const loaded = new SettingsFile(path, log).load();
    expect(loaded).toEqual({
      launchAtLogin: false,
      probeTargets: DEFAULT_PROBE_TARGETS,
      minikubeProfile: 'work',
      ignoredAddresses: ['172.2.9.61'],
      checkForUpdates: true,
      mutedFindings: [],
    });
    expect(log.lines).toHaveLength(3);
  });

  it('keeps valid mutes and drops a list holding an unknown id or a VM that is not PROVIDER/NAME, saying why', () => {
    const good = [{ id: 'nat-source-stale', vm: 'minikube/minikube' }];
    expect(settingsFrom({ mutedFindings: good })).toEqual({
      settings: { ...defaultSettings(), mutedFindings: good },
      problems: [],
    });
    for (const bad of [
      [{ id: 'nat-source-stail', vm: null }],
      [{ id: 'nat-source-stale', vm: 'minikube' }],
      [{ id: 'nat-source-stale', vm: null, note: 'x' }],
      ['nat-source-stale'],
      { id: 'nat-source-stale', vm: null },
    ]) {
      const loaded = settingsFrom({ mutedFindings: bad, minikubeProfile: 'work' });
      expect(loaded.settings.mutedFindings, JSON.stringify(bad)).toEqual([]);
      expect(loaded.settings.minikubeProfile).toBe('work');
      expect(loaded.problems).toEqual([expect.stringMatching(/^mutedFindings.*; using the default$/)]);
    }
  });

  it('does not share the default targets array between loads', () => {
    const a = settingsFrom({}).settings;
    a.probeTargets.push('x.example:1');
    expect(settingsFrom({}).settings.probeTargets).toEqual(DEFAULT_PROBE_TARGETS);
  });

  it('leaves the previous file whole when a write fails half-way', () => {
    const path = join(dir, 'settings.json');
    const file = new SettingsFile(path, recordingLogger());
    file.save({ ...defaultSettings(), minikubeProfile: 'kept' });
    // The temporary file cannot be created (a folder is in the way): the old settings must survive.
    mkdirSync(`${path}.${process.pid}.tmp`);
    expect(() => file.save({ ...defaultSettings(), minikubeProfile: 'lost' })).toThrow();
    expect(JSON.parse(readFileSync(path, 'utf8')).minikubeProfile).toBe('kept');
  });

  it('removes its temporary file when the rename fails', () => {
    const path = join(dir, 'settings.json');
    mkdirSync(join(path, 'occupied'), { recursive: true });
    expect(() => new SettingsFile(path, recordingLogger()).save(defaultSettings())).toThrow();
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});

describe('checkSettingsPatch', () => {
  it('accepts each field alone', () => {
    expect(checkSettingsPatch({ launchAtLogin: true })).toEqual({ ok: true, value: { launchAtLogin: true } });
    expect(checkSettingsPatch({ probeTargets: [] })).toEqual({ ok: true, value: { probeTargets: [] } });
    expect(checkSettingsPatch({ minikubeProfile: 'minikube' }).ok).toBe(true);
    expect(checkSettingsPatch({ ignoredAddresses: ['172.2.9.61'] }).ok).toBe(true);
    expect(checkSettingsPatch({ checkForUpdates: false })).toEqual({ ok: true, value: { checkForUpdates: false } });
  });

  it.each([
    ['a non-object', 'launchAtLogin'],
    ['an array', []],
    ['null', null],
    ['an object with a prototype', new Date()],
    ['an unknown key', { shell: '/bin/sh' }],
    ['the read-only status', { launchAtLoginStatus: 'enabled' }],
    ['a non-boolean launchAtLogin', { launchAtLogin: 1 }],
    ['a non-boolean checkForUpdates', { checkForUpdates: 'false' }],
    ['probe targets that are not a list', { probeTargets: '1.1.1.1:443' }],
    ['a probe target without a port', { probeTargets: ['1.1.1.1'] }],
    ['a probe target with a bad port', { probeTargets: ['1.1.1.1:70000'] }],
    ['a probe target that is a URL', { probeTargets: ['https://example.com:443'] }],
    ['a probe target that is not text', { probeTargets: [443] }],
    ['duplicate probe targets', { probeTargets: ['1.1.1.1:443', '1.1.1.1:443'] }],
    [
      'too many probe targets',
      { probeTargets: Array.from({ length: MAX_PROBE_TARGETS + 1 }, (_, i) => `10.0.0.${i}:443`) },
    ],
    ['a profile with a space', { minikubeProfile: 'my profile' }],
    ['a profile starting with a dash (an option)', { minikubeProfile: '-p' }],
    ['a profile with a slash', { minikubeProfile: '../x' }],
    ['a profile of 101 characters, over the limit minikube names have', { minikubeProfile: 'a'.repeat(101) }],
    ['an empty profile', { minikubeProfile: '' }],
    ['an ignored address that is not IPv4', { ignoredAddresses: ['172.2.9'] }],
    ['an ignored address with leading zeros', { ignoredAddresses: ['172.002.9.61'] }],
    ['an ignored IPv6 address', { ignoredAddresses: ['fe80::1'] }],
  ])('rejects %s', (_name, value) => {
    expect(checkSettingsPatch(value).ok).toBe(false);
  });

  it('rejects the whole patch when one field is bad', () => {
    expect(checkSettingsPatch({ launchAtLogin: true, minikubeProfile: 'bad name' }).ok).toBe(false);
  });
});
