// Issue 12's host-side failures that Linux can rebuild, with real packets: a host route overlapping the bridge's
// subnet takes the VM's replies away from bridge100. healthy → the finding with its evidence → the manual fix
// (removing the route, as the finding says) → gone. The macOS-only ones (the Application Firewall and bootpd's
// lease file) are tested on real captured outputs, replayed (test/node/collect-dhcp-host.test.ts).
import path from 'node:path';
import type { Diagnosis } from '@src/shared/model';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ensureFreshBuild } from '../support/fresh-build';
import { createLab, describeWhere, LAB_ADDR, LAB_NAME, labAvailable, REPO_ROOT } from './lab';

const lab = createLab('blfh');
const BIN = path.join(REPO_ROOT, 'bin', 'bridgelight.js');
const TARGET = `${LAB_ADDR.web}:80`;
const CURL = ['curl', '-sS', '--connect-timeout', '2', '--max-time', '4', `http://${LAB_ADDR.web}/`];
/** The half of the VM subnet holding the VM (192.168.77.6), sent to the router as a VPN or office route would. */
const OVERLAP = ['192.168.77.0/25', 'via', LAB_ADDR.gateway, 'dev', 'en0'];

async function checkJson(): Promise<{ code: number | null; diagnosis: Diagnosis }> {
  const result = await lab.inHost(['node', BIN, 'check', '--json', '--probe', TARGET, '--dns-name', LAB_NAME], {
    cwd: REPO_ROOT,
    env: { NO_COLOR: '1' },
    timeoutMs: 30_000,
  });
  expect(result.stderr).toBe('');
  return { code: result.code, diagnosis: JSON.parse(result.stdout) as Diagnosis };
}

const ids = (diagnosis: Diagnosis) => diagnosis.findings.map((finding) => finding.id);

describeWhere(labAvailable(['curl']), 'lab: a host route overlapping the VM subnet', () => {
  beforeAll(async () => {
    ensureFreshBuild('cli');
    await lab.labUp();
    await lab.setState('healthy');
    lab.setVmState('running');
  }, 180_000);
  afterAll(() => lab.labDown());
  afterEach(async () => {
    await lab.inHost(['ip', 'route', 'del', ...OVERLAP]);
  });

  it('healthy → vm-subnet-overlap with its evidence and the VM cut off → the route removed → healthy', async () => {
    const healthy = await checkJson();
    expect([healthy.diagnosis.verdict, healthy.code]).toEqual(['green', 0]);
    expect((await lab.inVm(CURL)).stdout).toBe('bridgelight lab\n');

    const added = await lab.inHost(['ip', 'route', 'add', ...OVERLAP]);
    expect(added.code).toBe(0);
    // Real packets: the VM's request goes out, the replies NAT sends back to 192.168.77.6 follow the longer route.
    const cut = await lab.inVm(CURL);
    expect(cut.code).not.toBe(0);
    expect(cut.stdout).toBe('');

    const broken = await checkJson();
    const overlap = broken.diagnosis.findings.find((finding) => finding.id === 'vm-subnet-overlap');
    expect(overlap).toMatchObject({
      severity: 'error',
      title: 'The VM subnet 192.168.77.0/24 on bridge100 overlaps the host route 192.168.77.0/25 via en0.',
      evidence: [
        'bridge100 holds 192.168.77.1/24 (VM subnet 192.168.77.0/24)',
        `host route 192.168.77.0/25 via ${LAB_ADDR.gateway} dev en0`,
        expect.stringContaining('for 192.168.77.0/25 the host route wins (longer prefix)'),
      ],
      causes: ['vm-internet-unreachable'],
    });
    expect(overlap?.detail).toContain('`sudo ip route del 192.168.77.0/25 dev en0`');
    expect(ids(broken.diagnosis)).toContain('vm-internet-unreachable');
    expect(broken.diagnosis.verdict).toBe('red');

    // The manual fix the finding gives (without sudo: the test is root already).
    const removed = await lab.inHost(['ip', 'route', 'del', '192.168.77.0/25', 'dev', 'en0']);
    expect(removed.code).toBe(0);
    expect((await lab.inVm(CURL)).stdout).toBe('bridgelight lab\n');
    const fixed = await checkJson();
    expect(ids(fixed.diagnosis)).toEqual([]);
    expect([fixed.diagnosis.verdict, fixed.code]).toEqual(['green', 0]);
  }, 120_000);
});
