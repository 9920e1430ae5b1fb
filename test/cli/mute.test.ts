// `bridgelight mute` / `unmute` against a real settings.json, and `check` honouring what they wrote.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWatchPrinter } from '@src/cli/commands/watch';
import { createStyle } from '@src/cli/style';
import { settingsFilePath } from '@src/node/settings-file';
import type { Diagnosis } from '@src/shared/model';
import { applyMutes } from '@src/shared/mute';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDiagnosis, update } from '../main/fixtures';
import { runCli } from '../support/cli';

const SEED = new URL('../fixtures/bundles/seed', import.meta.url).pathname;

let dir: string;
let settingsPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bl-mute-'));
  settingsPath = join(dir, 'Bridgelight', 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli(argv, { settingsPath });
const stored = () => JSON.parse(readFileSync(settingsPath, 'utf8')) as Record<string, unknown>;

describe('bridgelight mute / unmute', () => {
  it('lists nothing at first, mutes, lists, unmutes; each change is in the settings file', async () => {
    expect(await cli('mute')).toMatchObject({ code: 0, stdout: `No finding is muted (${settingsPath}).\n` });
    const muted = await cli('mute', 'nat-source-stale');
    expect(muted.code).toBe(0);
    expect(muted.stdout).toContain('Muted nat-source-stale (every VM)');
    expect(muted.stdout).toContain('Undo: bridgelight unmute nat-source-stale\n');
    expect(await cli('mute', 'vm-dns-failure', '--vm', 'lima/default')).toMatchObject({ code: 0 });
    expect(stored().mutedFindings).toEqual([
      { id: 'nat-source-stale', vm: null },
      { id: 'vm-dns-failure', vm: 'lima/default' },
    ]);
    const listed = await cli('mute');
    expect(listed.stdout).toBe(
      `Muted (${settingsPath}):\n  nat-source-stale  every VM\n  vm-dns-failure    lima/default\n`,
    );
    expect(await cli('unmute', 'nat-source-stale')).toMatchObject({
      code: 0,
      stdout: 'Unmuted nat-source-stale (every VM): it counts again.\n',
    });
    expect(stored().mutedFindings).toEqual([{ id: 'vm-dns-failure', vm: 'lima/default' }]);
  });

  it('keeps every other setting exactly as the app wrote it', async () => {
    const app = { launchAtLogin: true, probeTargets: ['1.1.1.1:443'], minikubeProfile: 'work', checkForUpdates: false };
    await cli('mute', 'nat-source-stale');
    writeFileSync(settingsPath, JSON.stringify({ ...app, mutedFindings: stored().mutedFindings }));
    await cli('mute', 'egress-multiple-ipv4');
    expect(stored()).toEqual({
      ...app,
      mutedFindings: [
        { id: 'nat-source-stale', vm: null },
        { id: 'egress-multiple-ipv4', vm: null },
      ],
    });
  });

  it('muting twice or unmuting what is not muted changes nothing, and says which mutes the id has', async () => {
    await cli('mute', 'vm-dns-failure', '--vm', 'lima/default');
    const before = readFileSync(settingsPath, 'utf8');
    expect((await cli('mute', 'vm-dns-failure', '--vm', 'lima/default')).stdout).toContain('already muted');
    const unmute = await cli('unmute', 'vm-dns-failure');
    expect(unmute.code).toBe(0);
    expect(unmute.stdout).toBe(
      "vm-dns-failure (every VM) was not muted; nothing changed. It is muted as: bridgelight unmute vm-dns-failure --vm 'lima/default'\n",
    );
    expect(readFileSync(settingsPath, 'utf8')).toBe(before);
  });

  it('an unknown id or a bad --vm: one line on stderr, usage status, nothing written', async () => {
    for (const argv of [
      ['mute', 'nat-source-stail'],
      ['mute', 'nat-source-stale', '--vm', 'nobody/x'],
      ['mute', 'nat-source-stale', '--vm', 'minikube'],
      ['unmute', 'nope'],
      ['unmute'],
      ['mute', '--vm', 'lima/default'],
    ]) {
      const run = await cli(...argv);
      expect(run.code, argv.join(' ')).toBe(64);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    expect((await cli('mute', 'nat-source-stail')).stderr).toMatch(
      /^bridgelight mute: "nat-source-stail" is not a finding id \(one of: egress-multiple-ipv4, /,
    );
    expect(() => readFileSync(settingsPath)).toThrow();
  });

  it('a settings file it cannot use is never rewritten', async () => {
    await cli('mute', 'nat-source-stale');
    for (const broken of ['{ not json', '[1, 2]', JSON.stringify({ mutedFindings: [{ id: 'gone-id', vm: null }] })]) {
      writeFileSync(settingsPath, broken);
      const run = await cli('mute', 'egress-multiple-ipv4');
      expect(run.code, broken).toBe(65);
      expect(run.stderr).toMatch(/nothing was written\)\n$/);
      expect(readFileSync(settingsPath, 'utf8')).toBe(broken);
      expect((await cli('mute')).code).toBe(65);
    }
  });

  it('finds the file where the app keeps it (Electron userData/settings.json)', () => {
    expect(settingsFilePath('darwin', {}, '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/Bridgelight/settings.json',
    );
    expect(settingsFilePath('linux', {}, '/home/ann')).toBe('/home/ann/.config/Bridgelight/settings.json');
    expect(settingsFilePath('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ann')).toBe('/xdg/Bridgelight/settings.json');
    expect(settingsFilePath('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/ann')).toBe(
      '/home/ann/.config/Bridgelight/settings.json',
    );
  });
});

describe('check honours the mutes', () => {
  const check = async (...extra: string[]) => {
    const run = await cli('check', '--replay', SEED, ...extra);
    return { ...run, diagnosis: extra.includes('--json') ? (JSON.parse(run.stdout) as Diagnosis) : null };
  };

  it('seed, nothing muted: red, exit 2, no muted mark', async () => {
    const run = await check('--json');
    expect(run.code).toBe(2);
    expect(run.diagnosis?.findings.some((f) => 'muted' in f)).toBe(false);
  });

  it('the stale NAT source muted: the finding is marked muted, the verdict stays red, the exit status is yellow', async () => {
    await cli('mute', 'nat-source-stale');
    const run = await check('--json');
    expect(run.code).toBe(1);
    expect(run.diagnosis?.verdict).toBe('red');
    expect(run.diagnosis?.findings.find((f) => f.id === 'nat-source-stale')?.muted).toBe(true);
    expect(run.diagnosis?.findings.find((f) => f.id === 'egress-multiple-ipv4')).not.toHaveProperty('muted');
    const text = await check();
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('▲ DEGRADED');
    expect(text.stdout).toContain('– 1 muted finding left out of the light; without them: BROKEN');
    expect(text.stdout).toContain('– MUTED ERROR  NAT translates VM traffic to 172.2.9.61');
    expect(text.stdout).toContain('muted: bridgelight unmute nat-source-stale');
    // What still counts comes first.
    expect(text.stdout.indexOf('WARNING')).toBeLessThan(text.stdout.indexOf('MUTED'));
  });

  it('both muted: green, exit 0; unmuted again: red', async () => {
    await cli('mute', 'nat-source-stale');
    await cli('mute', 'egress-multiple-ipv4');
    expect((await check()).code).toBe(0);
    await cli('unmute', 'nat-source-stale');
    await cli('unmute', 'egress-multiple-ipv4');
    expect((await check()).code).toBe(2);
  });

  it('a mute for one VM does not silence a finding of the host', async () => {
    await cli('mute', 'egress-multiple-ipv4', '--vm', 'minikube/minikube');
    await cli('mute', 'nat-source-stale', '--vm', 'lima/default');
    const run = await check('--json');
    expect(run.code).toBe(2);
    expect(run.diagnosis?.findings.some((f) => f.muted)).toBe(false);
  });

  it('a broken settings file mutes nothing and says so on stderr', async () => {
    await cli('mute', 'nat-source-stale');
    writeFileSync(settingsPath, '{ not json');
    const run = await check('--json');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^bridgelight check: .* is not valid JSON .*; no finding is muted\n$/);
  });
});

describe('watch lines with mutes', () => {
  it('mark the muted ids and take the light from what is not muted', () => {
    const lines: string[] = [];
    const print = createWatchPrinter((text) => lines.push(text), false, createStyle(false));
    print(update(applyMutes(seedDiagnosis(), [{ id: 'nat-source-stale', vm: null }]), '2026-01-01T10:00:05.000Z'));
    expect(lines).toEqual(['10:00:05  ▲ DEGRADED  nat-source-stale (muted), egress-multiple-ipv4\n']);
  });
});
