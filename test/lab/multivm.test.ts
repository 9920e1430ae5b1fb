// Several VMs at once, with real packets: minikube's VM behind bridge100, an apple/container VM behind a second
// vmnet bridge (bridge101), both NAT'ed onto en0, and a Lima VM on its user-mode network, whose gateway reaches
// the router without the host's NAT (plus minikube's docker-driver profile, user-mode too). The seed's stale
// primary breaks both vmnet VMs and neither user-mode one; one fix heals both; every VM is probed once per check.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnosis } from '@src/shared/model';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ensureFreshBuild } from '../support/fresh-build';
import { createLab, describeWhere, LAB_ADDR, LAB_NAME, labAvailable, REPO_ROOT, run } from './lab';

const lab = createLab('blmvm');
const BIN = path.join(REPO_ROOT, 'bin', 'bridgelight.js');
const PROBE = ['--probe', `${LAB_ADDR.web}:80`, '--dns-name', LAB_NAME];
// The stand-ins list their lab VMs only for the tools named here (test/lab/standin.sh).
const ENV = { NO_COLOR: '1', BRIDGELIGHT_LAB_TOOLS: 'limactl,container' };
const CURL = ['curl', '-sS', '-o', '/dev/null', '--connect-timeout', '2', '--max-time', '4', `http://${LAB_ADDR.web}/`];

const cli = (args: string[]) => lab.inHost(['node', BIN, ...args], { cwd: REPO_ROOT, env: ENV, timeoutMs: 60_000 });

async function check(): Promise<Diagnosis> {
  const result = await cli(['check', '--json', ...PROBE]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Diagnosis;
}

/** Each VM as `ref network bridge verdict`. */
const paths = (diagnosis: Diagnosis) =>
  (diagnosis.vms ?? []).map((vm) => `${vm.ref} ${vm.network} ${vm.bridge ?? '-'} ${vm.verdict}`).sort();

/** The lab's four VMs, the two vmnet ones with the light given, the user-mode ones always green. */
const labPaths = (vmnet: string) => [
  `container/web vmnet-shared bridge101 ${vmnet}`,
  'lima/default user-mode - green',
  'minikube/docker user-mode - green',
  `minikube/minikube vmnet-shared bridge100 ${vmnet}`,
];

/** One line per call of a tool's stand-in. */
function calls(tool: string): string[] {
  const file = path.join(lab.dir, `${tool}-calls.log`);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** How many calls of each kind a check made: every probe exec, and every listing. */
async function countedCheck(): Promise<{ diagnosis: Diagnosis; execs: Record<string, number> }> {
  const count = () => ({
    'minikube/minikube': calls('minikube').filter((line) => line.startsWith('ssh -p minikube ')).length,
    'minikube/docker': calls('minikube').filter((line) => line.startsWith('ssh -p docker ')).length,
    'container/web': calls('container').filter((line) => line.startsWith('exec web ')).length,
    'lima/default': calls('limactl').filter((line) => line.startsWith('shell ')).length,
    'container listing': calls('container').filter((line) => line.startsWith('ls ')).length,
    'lima listing': calls('limactl').filter((line) => line.startsWith('list ')).length,
  });
  const before = count();
  const diagnosis = await check();
  const after = count();
  const execs = Object.fromEntries(
    Object.entries(after).map(([key, value]) => [key, value - before[key as keyof typeof before]]),
  );
  return { diagnosis, execs };
}

const inNamespace = (suffix: string, argv: string[]) =>
  run(['ip', 'netns', 'exec', `${lab.prefix}-${suffix}`, ...argv]);

describeWhere(labAvailable(['curl', 'iptables']), 'several VMs on a real kernel (lab)', () => {
  beforeAll(async () => {
    ensureFreshBuild('cli');
    await lab.labUp();
  }, 180_000);
  afterAll(() => lab.labDown());
  beforeEach(() => lab.setState('healthy'));

  it('seed, real packets: both vmnet VMs lose the internet, the user-mode VM keeps it', async () => {
    await lab.setState('seed');
    expect((await lab.inVm(CURL)).code).toBe(28);
    expect((await inNamespace('vm2', CURL)).code).toBe(28);
    expect((await inNamespace('um', CURL)).code).toBe(0);
  });

  it('seed: both vmnet VMs are red, each on its own bridge; the user-mode VMs are green', async () => {
    await lab.setState('seed');
    const diagnosis = await check();
    expect(paths(diagnosis)).toEqual(labPaths('red'));
    expect(diagnosis.verdict).toBe('red');
    const unreachable = diagnosis.findings.filter((finding) => finding.id === 'vm-internet-unreachable');
    expect(unreachable.map((finding) => finding.vm).sort()).toEqual(['container/web', 'minikube/minikube']);
    // The host-wide cause once, for every VM it breaks.
    expect(diagnosis.findings.filter((finding) => finding.id === 'nat-source-stale')).toHaveLength(1);
    const gateways = Object.fromEntries((diagnosis.vms ?? []).map((vm) => [vm.ref, vm.gateway]));
    expect(gateways).toMatchObject({ 'container/web': '192.168.64.1', 'lima/default': '192.168.5.2' });
  });

  it("each VM's probe runs exactly once per check, and each tool lists once", async () => {
    await lab.setState('seed');
    const { execs } = await countedCheck();
    expect(execs).toEqual({
      'minikube/minikube': 1,
      'minikube/docker': 1,
      'container/web': 1,
      'lima/default': 1,
      'container listing': 1,
      'lima listing': 1,
    });
  });

  it('one fix heals both vmnet VMs: real packets, and every VM green', async () => {
    await lab.setState('seed');
    const fix = await cli(['fix', 'nat-source-stale', '--yes', ...PROBE]);
    expect(fix.stdout).toContain(`removed ${LAB_ADDR.stale} from en0`);
    expect((await lab.inVm(CURL)).code).toBe(0);
    expect((await inNamespace('vm2', CURL)).code).toBe(0);
    const diagnosis = await check();
    expect(paths(diagnosis)).toEqual(labPaths('green'));
    expect(diagnosis.verdict).toBe('green');
  });

  it('a hung tool and a garbled one: their VMs unknown with a finding each, the rest of the answer still comes', async () => {
    const result = await lab.inHost(['node', BIN, 'check', '--json', ...PROBE], {
      cwd: REPO_ROOT,
      env: { ...ENV, BRIDGELIGHT_LAB_HANG: 'limactl', BRIDGELIGHT_LAB_GARBAGE: 'container' },
      timeoutMs: 60_000,
    });
    const diagnosis = JSON.parse(result.stdout) as Diagnosis;
    const byRef = Object.fromEntries((diagnosis.vms ?? []).map((vm) => [vm.ref, vm]));
    expect(byRef['lima/default']).toMatchObject({ network: 'unknown', state: null });
    expect(byRef['container/*']).toMatchObject({ network: 'unknown', state: null });
    for (const ref of ['lima/default', 'container/*'])
      expect(diagnosis.findings.some((finding) => finding.vm === ref)).toBe(true);
    // minikube's VMs were still probed and read.
    expect(byRef['minikube/minikube']?.hops.find((hop) => hop.id === 'vm')?.light).toBe('green');
    // The hung stand-in was killed with its process group: nothing of it is left in the host namespace.
    expect((await run(['ip', 'netns', 'pids', lab.ns.host])).stdout.trim()).toBe('');
  });

  it('--vm container/web checks that one VM only: one listing of its tool, one exec, no other tool asked to exec', async () => {
    await lab.setState('seed');
    const before = { container: calls('container').length, limactl: calls('limactl').length };
    const result = await cli(['check', '--json', '--vm', 'container/web', ...PROBE]);
    const diagnosis = JSON.parse(result.stdout) as Diagnosis;
    expect(paths(diagnosis)).toEqual(['container/web vmnet-shared bridge101 red']);
    expect(
      calls('container')
        .slice(before.container)
        .map((line) => line.split(' ')[0]),
    ).toEqual(['ls', 'exec']);
    expect(
      calls('limactl')
        .slice(before.limactl)
        .some((line) => line.startsWith('shell')),
    ).toBe(false);
  });
});
