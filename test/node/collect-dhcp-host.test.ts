// The macOS DHCP-side collectors (socketfilterfw, /var/db/dhcpd_leases) on real captured outputs, through a fake
// runner and through a replayed bundle: what a Mac's bundle holds is what its check sees again.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectDhcpdLeases, collectFirewall } from '@src/node/collect-dhcp-host';
import { checkReplay } from '@src/node/engine';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import type { CommandResult, CommandRunner, CommandSpec } from '@src/shared/command';
import { afterEach, describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const real = (name: string) => readFileSync(new URL(`real/${name}`, FIXTURES), 'utf8');

const CAPTURES: Record<string, string> = {
  [BUNDLE_FILES.socketfilterfwGlobalState]: real('socketfilterfw/m-cli160-getglobalstate-enabled.txt'),
  [BUNDLE_FILES.socketfilterfwAllowSigned]: real('socketfilterfw/kolide-launcher-data-combined-getters.txt'),
  [BUNDLE_FILES.socketfilterfwListApps]: real('socketfilterfw/nix-darwin1705-listapps.txt'),
  [BUNDLE_FILES.dhcpdLeases]: real('dhcpd-leases/minikube1926-var-db-dhcpd_leases-TRUNCATED.txt'),
};

function runner(answers: Record<string, Partial<CommandResult>>): CommandRunner & { argvs: string[][] } {
  const argvs: string[][] = [];
  return {
    argvs,
    run: async (spec: CommandSpec) => {
      argvs.push([...spec.argv]);
      return commandResult(answers[spec.key] ?? { outcome: 'missing', exitCode: null });
    },
  };
}

const NEW_FILES = Object.keys(CAPTURES);

const texts = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, { stdout: CAPTURES[key]! }]));

describe('firewall and lease collectors', () => {
  it('reads each getter with its own flag, as a normal user, and takes each part from its own getter only', async () => {
    const fake = runner(texts(Object.keys(CAPTURES)));
    const { value, inputs } = await collectFirewall(fake, 5_000);
    expect(fake.argvs).toEqual([
      ['/usr/libexec/ApplicationFirewall/socketfilterfw', '--getglobalstate'],
      ['/usr/libexec/ApplicationFirewall/socketfilterfw', '--getallowsigned'],
      ['/usr/libexec/ApplicationFirewall/socketfilterfw', '--listapps'],
    ]);
    // The allowsigned capture also says State = 2; the global state comes from --getglobalstate alone.
    expect(value).toMatchObject({ state: 1, allowBuiltInSigned: true });
    expect(value?.apps).toHaveLength(9);
    expect(inputs).toEqual([]);
  });

  it('a getter the bundle lacks is unknown without a note; one that failed or printed nonsense is noted', async () => {
    const partial = await collectFirewall(runner(texts([BUNDLE_FILES.socketfilterfwGlobalState])), 5_000);
    expect(partial).toEqual({ value: { state: 1, allowBuiltInSigned: null, apps: null }, inputs: [] });
    expect(await collectFirewall(runner({}), 5_000)).toEqual({ value: null, inputs: [] });
    const managed = await collectFirewall(
      runner({
        [BUNDLE_FILES.socketfilterfwGlobalState]: { stdout: real('dhcpd-leases/tart-faq-duid-entry-EXCERPT.txt') },
        [BUNDLE_FILES.socketfilterfwListApps]: { exitCode: 1, stderr: 'socketfilterfw: not allowed\n' },
      }),
      5_000,
    );
    expect(managed.value).toBeNull();
    expect(managed.inputs.map((note) => `${note.source} ${note.problem}`)).toEqual([
      'socketfilterfw-getglobalstate.txt unparseable',
      'socketfilterfw-listapps.txt failed',
    ]);
  });

  it('reads the lease file with cat, and notes a missing file as failed, not as an empty pool', async () => {
    const fake = runner(texts([BUNDLE_FILES.dhcpdLeases]));
    const { value } = await collectDhcpdLeases(fake, 5_000);
    expect(fake.argvs).toEqual([['/bin/cat', '/var/db/dhcpd_leases']]);
    expect(value?.map((lease) => lease.ipAddress)).toEqual(['192.168.64.5', '192.168.64.4', '192.168.64.3']);
    const absent = await collectDhcpdLeases(
      runner({
        [BUNDLE_FILES.dhcpdLeases]: { exitCode: 1, stderr: 'cat: /var/db/dhcpd_leases: No such file or directory\n' },
      }),
      5_000,
    );
    expect(absent.value).toBeNull();
    expect(absent.inputs).toEqual([
      {
        source: 'dhcpd-leases.txt',
        problem: 'failed',
        detail: '/bin/cat /var/db/dhcpd_leases: cat: /var/db/dhcpd_leases: No such file or directory',
      },
    ]);
  });
});

describe('bundles replay the firewall and lease files', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('a bundle with the four files gives the same firewall and leases again', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bl-findhost-'));
    cpSync(new URL('bundles/seed/', FIXTURES), dir, { recursive: true });
    for (const [name, text] of Object.entries(CAPTURES)) writeFileSync(path.join(dir, name), text);
    const { snapshot } = await checkReplay(dir, {});
    expect(snapshot.firewall).toMatchObject({ state: 1, allowBuiltInSigned: true });
    expect(snapshot.dhcpdLeases).toHaveLength(3);
    expect(snapshot.inputs.filter((note) => NEW_FILES.includes(note.source))).toEqual([]);
  });

  it('an older bundle without them: unknown, with no note and the same diagnosis as before', async () => {
    const seed = new URL('bundles/seed/', FIXTURES).pathname;
    const { snapshot, diagnosis } = await checkReplay(seed, {});
    expect([snapshot.firewall, snapshot.dhcpdLeases]).toEqual([null, null]);
    expect(snapshot.inputs.filter((note) => NEW_FILES.includes(note.source))).toEqual([]);
    expect(diagnosis.findings.map((finding) => finding.id)).toEqual(
      expect.not.arrayContaining(['bootpd-blocked', 'dhcp-pool-exhausted']),
    );
  });
});
