import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReplay, collectOptions } from '@src/node/engine';
import { type BundleEngine, bundleEngine, type Redaction, recordBundle, redactionBy } from '@src/node/record-bundle';
import type { CommandSpec } from '@src/shared/command';
import { createRedactor } from '@src/shared/redact';
import { afterEach, describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const real = (path: string) => readFileSync(new URL(`../fixtures/real/${path}`, import.meta.url), 'utf8');
const PROFILE_LIST = real('minikube-profile-list/headlamp-plugins-json-vfkit-nat-DECOMMENTED.json');
const STATUS =
  '{"Name":"minikube-1","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}';
const PROBE = `@@bridgelight-vm-probe v1\n@@section ip-route\n${real('vm-ip-route/apple-container-vmnet-ip-route-EXCERPT.txt')}@@end\n`;

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('recording a v2 bundle', () => {
  it('records minikube profile list, names the VM with its driver and network, and replays to the same diagnosis', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-record-'));
    const out = join(dir, 'bundle');
    const answers: Record<string, string> = {
      'minikube-profile-list.json': PROFILE_LIST,
      'minikube-status.json': STATUS,
      'vm-probe.txt': PROBE,
    };
    const run = async (spec: CommandSpec) =>
      spec.key in answers
        ? commandResult({ stdout: answers[spec.key] })
        : commandResult({ outcome: 'failed', exitCode: 1 });
    const recorded = await recordBundle(
      // Only minikube is installed: the other providers' tools are not on PATH.
      bundleEngine(
        () => ({ runner: { run, locate: (tool) => tool === 'minikube' }, prober: { probe: async () => null } }),
        null,
      ),
      {
        dir: out,
        options: collectOptions('darwin', { probe: false }),
        generator: 'test',
        now: () => new Date('2026-01-01T00:00:00Z'),
      },
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ version: 2, profile: 'minikube-1' });
    expect(manifest.vms).toEqual([
      {
        provider: 'minikube',
        name: 'minikube-1',
        driver: 'vfkit',
        network: 'vmnet-shared',
        files: ['minikube-profile-list.json', 'minikube-status.json', 'vm-probe.txt', 'vm-ip-route.txt'],
      },
    ]);
    expect(readFileSync(join(out, 'minikube-profile-list.json'), 'utf8')).toBe(PROFILE_LIST);
    const replayed = await checkReplay(out, {});
    expect(replayed.diagnosis).toEqual(JSON.parse(readFileSync(join(out, 'diagnosis.json'), 'utf8')));
    expect(replayed.diagnosis.vm).toMatchObject({ profile: 'minikube-1', driver: 'vfkit', network: 'vmnet-shared' });
    expect(recorded.verdict).toBe(replayed.diagnosis.verdict);
  });
});

describe('recording a redacted bundle', () => {
  const linux = (name: string) => readFileSync(new URL(`../fixtures/linux/${name}`, import.meta.url), 'utf8');
  // The real host's eth0 as a USB NIC would be named (systemd's enx + MAC), and its MAC with it.
  const asUsbNic = (text: string) =>
    text.replaceAll('"eth0"', '"enx3c22fb000001"').replaceAll('02:fc:00:00:00:01', '3c:22:fb:00:00:01');
  const answers: Record<string, string> = {
    'ip-addr.json': asUsbNic(linux('host-ip-j-addr-show.json')),
    'ip-route.json': asUsbNic(linux('host-ip-j-route-show.json')),
  };
  const engine = (redact: BundleEngine['redact']): BundleEngine =>
    bundleEngine(
      () => ({
        runner: {
          run: async (spec: CommandSpec) =>
            spec.key in answers
              ? commandResult({ stdout: answers[spec.key] })
              : commandResult({ outcome: 'not-found', exitCode: null }),
        },
        prober: { probe: async () => null },
      }),
      redact,
    );
  const request = (out: string) => ({
    dir: out,
    options: collectOptions('linux', { probe: false }),
    generator: 'test',
    now: () => new Date('2026-01-01T00:00:00Z'),
  });

  it('redacts every file and diagnosis.json by field, and replays to the same (redacted) diagnosis', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-record-'));
    const out = join(dir, 'bundle');
    // A host called "default" must not turn `"dst":"default"` into a placeholder and lose the default route.
    await recordBundle(engine(redactionBy(createRedactor(['default', 'dev']))), request(out));
    for (const file of readdirSync(out)) expect(readFileSync(join(out, file), 'utf8'), file).not.toMatch(/3c:?22:?fb/i);
    const written = JSON.parse(readFileSync(join(out, 'diagnosis.json'), 'utf8'));
    expect(written.egress).toMatchObject({
      interface: expect.stringMatching(/^enx0200000000[0-9a-f]{2}$/),
      gateway: '192.0.2.1',
    });
    expect((await checkReplay(out, {})).diagnosis).toEqual(written);
  });

  it('refuses to finish a bundle whose redaction changed what it says, and leaves no folder behind', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-record-'));
    const out = join(dir, 'bundle');
    const redactor = createRedactor([]);
    const careless: Redaction = {
      file: (text, name) => redactor.redact(text, name).replaceAll('192.0.2.1"', '192.0.2.9"'),
      value: (value) => redactor.redactValue(value),
    };
    await expect(recordBundle(engine(careless), request(out))).rejects.toThrow(
      /^the redacted bundle would not replay to the same diagnosis \(diagnosis\.\S+ differs\), so nothing was written/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
