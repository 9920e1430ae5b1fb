// Each minikube driver's path, replayed from bundles assembled from real outputs (test/fixtures/bundles): the
// hops follow the VM's path model, and no verdict is green with an unknown hop on the path.
import { join } from 'node:path';
import type { Diagnosis } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const BUNDLE_DIR = new URL('../fixtures/bundles/', import.meta.url).pathname;

async function check(name: string): Promise<{ code: number; diagnosis: Diagnosis }> {
  const run = await runCli(['check', '--json', '--replay', join(BUNDLE_DIR, name)]);
  expect(run.stderr).toBe('');
  return { code: run.code, diagnosis: JSON.parse(run.stdout) as Diagnosis };
}

const hop = (diagnosis: Diagnosis, id: string) => diagnosis.hops.find((h) => h.id === id)!;
const ids = (diagnosis: Diagnosis) => diagnosis.findings.map((finding) => finding.id).sort();
const DRIVER_BUNDLES = [
  'docker-driver',
  'docker-driver-stale',
  'docker-driver-offline',
  'vfkit-nat',
  'vfkit-bridge-gone',
  'qemu2-socket-vmnet',
  'qemu2-builtin',
];

describe('the path model of each minikube driver', () => {
  it('docker driver: no bridge or NAT hop on the path, green, and no false "bridge missing"', async () => {
    const { code, diagnosis } = await check('docker-driver');
    expect(diagnosis.vm).toMatchObject({ driver: 'docker', network: 'user-mode', gateway: '192.168.49.1' });
    for (const id of ['bridge', 'nat'])
      expect(hop(diagnosis, id)).toMatchObject({
        onPath: false,
        light: 'unknown',
        summary: /^not on this path: driver docker/,
      });
    expect(ids(diagnosis)).toEqual([]);
    expect([diagnosis.verdict, code]).toEqual(['green', 0]);
  });

  it('docker driver with the seed stale address first on en0: not affected, says so, offers no removal', async () => {
    const { code, diagnosis } = await check('docker-driver-stale');
    expect(ids(diagnosis)).toEqual(['egress-multiple-ipv4']);
    const finding = diagnosis.findings[0]!;
    expect(finding).toMatchObject({ severity: 'info', fix: null });
    expect(finding.detail).toMatch(/172\.2\.9\.61 looks stale, but this VM is not affected/);
    expect(diagnosis.egress?.natSource).toBeNull();
    expect([diagnosis.verdict, code]).toEqual(['green', 0]);
  });

  it('docker driver on an offline host: red for the host, not for a bridge', async () => {
    const { code, diagnosis } = await check('docker-driver-offline');
    expect(ids(diagnosis)).toEqual(['host-internet-unreachable']);
    expect(hop(diagnosis, 'internet').light).toBe('red');
    expect([diagnosis.verdict, code]).toEqual(['red', 2]);
  });

  it('vfkit nat: the seed path (bridge, pf NAT) and the seed failure', async () => {
    const { code, diagnosis } = await check('vfkit-nat');
    expect(diagnosis.vm).toMatchObject({ profile: 'minikube-1', driver: 'vfkit', network: 'vmnet-shared' });
    expect(hop(diagnosis, 'bridge')).toMatchObject({ onPath: true, light: 'green' });
    expect(hop(diagnosis, 'nat')).toMatchObject({ onPath: true, light: 'red' });
    expect(diagnosis.findings.find((f) => f.id === 'nat-source-stale')?.fix?.command).toBe(
      'sudo ifconfig en0 delete 172.2.9.61',
    );
    expect([diagnosis.verdict, code]).toEqual(['red', 2]);
  });

  it('vfkit says vmnet but no host interface holds the gateway: says both', async () => {
    const { diagnosis } = await check('vfkit-bridge-gone');
    const missing = diagnosis.findings.find((f) => f.id === 'vm-bridge-missing')!;
    expect(missing.severity).toBe('error');
    expect(missing.title).toMatch(/though its driver puts it behind a host bridge/);
    expect(missing.evidence).toContain('host interfaces with IPv4: en0 (172.2.3.10)');
    expect(missing.evidence.some((line) => /driver vfkit, network nat/.test(line))).toBe(true);
    expect(missing.detail).toContain('`minikube stop -p minikube-1`, then `minikube start -p minikube-1`');
    expect(hop(diagnosis, 'bridge').summary).toMatch(/192\.168\.64\.1, though driver vfkit/);
  });

  it('qemu2 + socket_vmnet: through bridge100 on 192.168.105.1 and pf NAT, green', async () => {
    const { code, diagnosis } = await check('qemu2-socket-vmnet');
    expect(diagnosis.vm).toMatchObject({ driver: 'qemu2', network: 'vmnet-shared', gateway: '192.168.105.1' });
    expect(diagnosis.bridge).toMatchObject({ interface: 'bridge100', address: '192.168.105.1' });
    expect(hop(diagnosis, 'nat')).toMatchObject({ onPath: true, light: 'green' });
    expect([diagnosis.verdict, code]).toEqual(['green', 0]);
  });

  it('qemu2 builtin: slirp, no bridge or NAT on the path, green', async () => {
    const { code, diagnosis } = await check('qemu2-builtin');
    expect(diagnosis.vm).toMatchObject({ driver: 'qemu2', network: 'user-mode', gateway: '10.0.2.2' });
    expect(hop(diagnosis, 'bridge')).toMatchObject({ onPath: false, summary: /slirp/ });
    expect([diagnosis.verdict, code]).toEqual(['green', 0]);
  });

  it.each(DRIVER_BUNDLES)('%s: green only when every hop on the path is known and green', async (name) => {
    const { diagnosis } = await check(name);
    const onPath = diagnosis.hops.filter((h) => h.onPath);
    if (diagnosis.verdict === 'green') expect(onPath.every((h) => h.light === 'green')).toBe(true);
    expect(diagnosis.hops.filter((h) => !h.onPath).every((h) => h.light === 'unknown')).toBe(true);
  });
});
