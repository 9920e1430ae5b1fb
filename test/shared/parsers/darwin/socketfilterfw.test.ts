import { readdirSync, readFileSync } from 'node:fs';
import { parseSocketfilterfw } from '@src/shared/parsers/darwin/socketfilterfw';
import { describe, expect, it } from 'vitest';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/real/socketfilterfw/${name}`, import.meta.url), 'utf8');

describe('parseSocketfilterfw on real captures', () => {
  it('reads the global state in each wording', () => {
    const state = (name: string) => {
      const result = parseSocketfilterfw(fixture(name));
      return result.ok ? result.value.state : result.error;
    };
    expect(state('m-cli160-getglobalstate-disabled.txt')).toBe(0);
    expect(state('m-cli160-getglobalstate-enabled.txt')).toBe(1);
    expect(state('mac-health-check8-getglobalstate-blockall.txt')).toBe(2);
  });

  it('reads several getters of one run, in the newer "built-in signed software." wording', () => {
    expect(parseSocketfilterfw(fixture('kolide-launcher-data-combined-getters.txt'))).toEqual({
      ok: true,
      value: { state: 2, allowBuiltInSigned: true, apps: null },
    });
  });

  it('reads --listapps in the 2026 form, Block and Allow, in the firewall order', () => {
    const result = parseSocketfilterfw(fixture('nix-darwin1705-listapps.txt'));
    expect(result.ok && result.value.apps?.slice(0, 3)).toEqual([
      { app: '/usr/libexec/sshd-session', allowed: false },
      { app: '/usr/libexec/sshd-auth', allowed: false },
      { app: '/usr/libexec/remoted', allowed: true },
    ]);
    expect(result.ok && result.value.apps).toHaveLength(9);
    expect(result.ok && [result.value.state, result.value.allowBuiltInSigned]).toEqual([null, null]);
  });

  it('reads --listapps in the older ALF form (paths with spaces, padded parentheses)', () => {
    const result = parseSocketfilterfw(fixture('osquery2322-listapps-alf.txt'));
    expect(result.ok && result.value.apps).toEqual([
      { app: '/Users/abanks/Library/Application Support/Dropbox/Dropbox.app', allowed: true },
      { app: '/System/Library/CoreServices/RemoteManagement/ARDAgent.app', allowed: true },
      { app: '/Library/Application Support/Citrix/NetScaler Gateway.app', allowed: true },
    ]);
  });

  it('reads the bare-name form with numeric states (1 allows, 4 blocks)', () => {
    const result = parseSocketfilterfw(fixture('kolide-launcher-apps-state.txt'));
    expect(result.ok && result.value.apps?.map((entry) => `${entry.app}:${entry.allowed}`)).toEqual([
      'replicatord:true',
      'Pop Helper.app:false',
      'Google Chrome:false',
      'rtadvd:true',
      'com.docker.backend:true',
      'sshd-keygen-wrapper:true',
    ]);
  });

  it('parses every real capture', () => {
    const directory = new URL('../../../fixtures/real/socketfilterfw/', import.meta.url);
    for (const file of readdirSync(directory)) {
      expect(parseSocketfilterfw(readFileSync(new URL(file, directory), 'utf8')).ok, file).toBe(true);
    }
  });

  it('refuses text it does not know, and a list shorter than its count', () => {
    expect(
      parseSocketfilterfw('Firewall settings cannot be modified from command line on managed Mac computers.\n'),
    ).toEqual({
      ok: false,
      error: 'socketfilterfw printed none of the lines it is known to print',
    });
    const cut = fixture('nix-darwin1705-listapps.txt').split('\n').slice(0, 5).join('\n');
    expect(parseSocketfilterfw(cut).ok).toBe(false);
  });
});
