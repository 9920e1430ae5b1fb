// `bridgelight check | fix | watch` against a real kernel: real packets, real MASQUERADE, a real stale primary.
// The only fake in the chain is the `minikube` stand-in (test/lab/bin), which runs the VM script in the vm
// namespace exactly as `minikube ssh` would run it in the VM.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Diagnosis } from '@src/shared/model';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { ensureFreshBuild } from '../support/fresh-build';
import { createLab, describeWhere, LAB_ADDR, LAB_NAME, labAvailable, REPO_ROOT, run } from './lab';

const lab = createLab('blcli');
const BIN = path.join(REPO_ROOT, 'bin', 'bridgelight.js');
const TARGET = `${LAB_ADDR.web}:80`;
const PROBE = ['--probe', TARGET, '--dns-name', LAB_NAME];
const SYSTEM_PATH = '/usr/sbin:/usr/bin:/sbin:/bin';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000) {
  return lab.inHost(['node', BIN, ...args], { cwd: REPO_ROOT, env: { NO_COLOR: '1', ...env }, timeoutMs });
}

async function checkJson(env: NodeJS.ProcessEnv = {}, extra: string[] = []) {
  const result = await cli(['check', '--json', ...PROBE, ...extra], env);
  expect(result.stderr).toBe('');
  return { code: result.code, diagnosis: JSON.parse(result.stdout) as Diagnosis, ms: result.ms };
}

const sshCalls = () => lab.minikubeCalls().filter((line) => /\bssh\b/.test(line)).length;
const ids = (diagnosis: Diagnosis) => diagnosis.findings.map((finding) => finding.id);
const hop = (diagnosis: Diagnosis, id: string) => diagnosis.hops.find((h) => h.id === id)!;

/** en0's addresses in the kernel's order with primary/secondary; lifetimes left out (they count down). */
async function en0(): Promise<string> {
  const lines = (await lab.inHost(['ip', '-o', '-4', 'addr', 'show', 'dev', 'en0'])).stdout.split('\n').filter(Boolean);
  return lines
    .map((line) => `${line.split(/\s+/)[3]} ${/ secondary /.test(line) ? 'secondary' : 'primary'}`)
    .join('\n');
}

/** PIDs still alive in a namespace (zombies hold no namespace and don't show). */
async function pidsIn(namespace: string): Promise<string[]> {
  const result = await run(['ip', 'netns', 'pids', namespace]);
  return result.stdout.split('\n').filter(Boolean);
}

describeWhere(labAvailable(['curl', 'iptables']), 'bridgelight on a real kernel (lab)', () => {
  beforeAll(async () => {
    // These tests run the built CLI: rebuilt first when a source is newer, so they never test stale code.
    ensureFreshBuild('cli');
    await lab.labUp();
  }, 180_000);
  afterAll(() => lab.labDown());
  beforeEach(async () => {
    lab.setVmState('running');
    await lab.setState('healthy');
  });

  it('healthy: green, exit 0, one minikube ssh per VM (the lab runs two profiles)', async () => {
    const before = sshCalls();
    const { code, diagnosis } = await checkJson();
    expect(diagnosis.findings).toEqual([]);
    expect(diagnosis.verdict).toBe('green');
    expect(code).toBe(0);
    expect(diagnosis.egress).toMatchObject({ interface: 'en0', gateway: LAB_ADDR.gateway, natSource: LAB_ADDR.good });
    expect(diagnosis.bridge).toMatchObject({ interface: 'bridge100', address: LAB_ADDR.bridge, members: ['vmenet0'] });
    expect(diagnosis.vm).toMatchObject({ state: 'Running', gateway: LAB_ADDR.bridge });
    // Both running profiles are checked, each with exactly one exec of the VM script.
    expect(diagnosis.vms?.map((vm) => [vm.ref, vm.verdict])).toEqual([
      ['minikube/minikube', 'green'],
      ['minikube/docker', 'green'],
    ]);
    expect(sshCalls() - before).toBe(2);
  });

  it('a docker-driver VM beside the seed: green with no bridge or NAT hop; the vmnet VM on the same host red', async () => {
    await lab.setState('seed');
    const docker = await checkJson({}, ['--profile', 'docker']);
    expect(docker.diagnosis.vm).toMatchObject({
      profile: 'docker',
      driver: 'docker',
      network: 'user-mode',
      gateway: '192.168.49.1',
    });
    for (const id of ['bridge', 'nat'])
      expect(hop(docker.diagnosis, id)).toMatchObject({ onPath: false, light: 'unknown' });
    // Its probes leave through its own stack and are answered: the stale address on en0 is not on its path.
    expect(hop(docker.diagnosis, 'vm').light).toBe('green');
    expect(docker.diagnosis.findings.map((f) => [f.id, f.severity])).toEqual([['egress-multiple-ipv4', 'info']]);
    expect([docker.diagnosis.verdict, docker.code]).toEqual(['green', 0]);

    const vmnet = await checkJson({}, ['--profile', 'minikube']);
    expect(vmnet.diagnosis.vm).toMatchObject({ profile: 'minikube', driver: 'vfkit', network: 'vmnet-shared' });
    expect(hop(vmnet.diagnosis, 'nat')).toMatchObject({ onPath: true, light: 'red' });
    expect(ids(vmnet.diagnosis)).toContain('nat-source-stale');
    expect([vmnet.diagnosis.verdict, vmnet.code]).toEqual(['red', 2]);
  });

  it('seed: red, nat-source-stale naming the stale address on en0, exactly one minikube ssh per VM', async () => {
    await lab.setState('seed');
    const before = sshCalls();
    const { code, diagnosis } = await checkJson();
    expect(code).toBe(2);
    expect(diagnosis.verdict).toBe('red');
    expect(diagnosis.egress?.natSource).toBe(LAB_ADDR.stale);
    expect(ids(diagnosis)).toEqual(
      expect.arrayContaining(['nat-source-stale', 'egress-multiple-ipv4', 'vm-internet-unreachable']),
    );
    const fix = diagnosis.findings.find((f) => f.id === 'nat-source-stale')!.fix;
    expect(fix).toEqual({
      action: 'remove-address',
      interface: 'en0',
      address: LAB_ADDR.stale,
      command: `sudo ip addr del ${LAB_ADDR.stale}/24 dev en0`,
    });
    // the host itself still works: its own traffic leaves from the good address
    expect(hop(diagnosis, 'internet').light).toBe('green');
    // The vmnet VM is red, the user-mode (docker driver) VM beside it green; one exec each.
    expect(diagnosis.vms?.map((vm) => [vm.ref, vm.network, vm.verdict])).toEqual([
      ['minikube/minikube', 'vmnet-shared', 'red'],
      ['minikube/docker', 'user-mode', 'green'],
    ]);
    expect(diagnosis.findings.find((f) => f.id === 'vm-internet-unreachable')?.vm).toBe('minikube/minikube');
    expect(sshCalls() - before).toBe(2);
  });

  it('fix --yes removes the stale address through the helper, proves green, prints before → after and undo', async () => {
    await lab.setState('seed');
    const result = await cli(['fix', 'nat-source-stale', '--yes', ...PROBE]);
    expect(result.stdout).toContain(`removed ${LAB_ADDR.stale} from en0`);
    expect(result.stdout).toContain(
      `Before → after: red (NAT source ${LAB_ADDR.stale}) → green (NAT source ${LAB_ADDR.good})`,
    );
    expect(result.stdout).toContain(`Undo with: sudo ip addr add ${LAB_ADDR.stale}/24 dev en0`);
    expect(result.code).toBe(0);
    const addresses = await en0();
    expect(addresses).toContain(`${LAB_ADDR.good}/24`);
    expect(addresses).not.toContain(LAB_ADDR.stale);
    const curl = await lab.inVm([
      'curl',
      '-sS',
      '-o',
      '/dev/null',
      '--connect-timeout',
      '2',
      `http://${LAB_ADDR.web}/`,
    ]);
    expect(curl.code).toBe(0);
    expect((await checkJson()).diagnosis.verdict).toBe('green');

    // The printed undo puts the address back, behind the good one: NAT keeps the good address.
    const undo = await lab.inHost(['ip', 'addr', 'add', `${LAB_ADDR.stale}/24`, 'dev', 'en0']);
    expect(undo.code).toBe(0);
    const after = (await checkJson()).diagnosis;
    expect(after.egress?.natSource).toBe(LAB_ADDR.good);
    expect(ids(after)).toContain('egress-multiple-ipv4');
  });

  it('fix refuses to act without a terminal or --yes, and changes nothing', async () => {
    await lab.setState('seed');
    const before = await en0();
    const result = await cli(['fix', 'nat-source-stale', ...PROBE]);
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/pass --yes/);
    expect(await en0()).toBe(before);
  });

  it.each([
    ['n', 1, 'Left as it was.'],
    ['y', 0, `removed ${LAB_ADDR.stale} from en0`],
  ])('fix on a terminal asks first; answering %s', async (answer, code, says) => {
    await lab.setState('seed');
    const before = await en0();
    // `script` gives the CLI a real terminal; what we type goes to it as keystrokes.
    const command = ['node', BIN, 'fix', 'nat-source-stale', ...PROBE].join(' ');
    const child = spawn('ip', ['netns', 'exec', lab.ns.host, 'script', '-qec', command, '/dev/null'], {
      cwd: REPO_ROOT,
      env: lab.env({ NO_COLOR: '1' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/\[y\/N\]/.test(output) && !child.stdin.writableEnded) child.stdin.end(`${answer}\n`);
    });
    const exit = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toMatch(new RegExp(`Remove ${LAB_ADDR.stale.replaceAll('.', '\\.')} from en0\\? \\[y/N\\]`));
    expect(output).toContain(says);
    expect(exit).toBe(code);
    if (answer === 'n') expect(await en0()).toBe(before);
    else expect(await en0()).not.toContain(LAB_ADDR.stale);
  });

  it('fix has nothing to do on a healthy machine', async () => {
    const result = await cli(['fix', 'nat-source-stale', '--yes', ...PROBE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Nothing to fix/);
  });

  it('bundle records the seed state; replaying it gives the live diagnosis, redacted or not', async () => {
    await lab.setState('seed');
    const live = (await checkJson()).diagnosis;
    for (const redact of [false, true]) {
      const dir = mkdtempSync(path.join(tmpdir(), 'bl-lab-bundle-'));
      const out = path.join(dir, 'bundle');
      const recorded = await cli(['bundle', out, ...PROBE, ...(redact ? ['--redact'] : [])]);
      expect(recorded.code, recorded.stderr).toBe(0);
      expect(recorded.stdout).toContain('verdict: red');
      const files = readdirSync(out).sort();
      expect(files).toEqual(
        expect.arrayContaining([
          'manifest.json',
          'ip-addr.json',
          'ip-route.json',
          'minikube-profile-list.json',
          // Two VMs: each one's files under its own name.
          'minikube.minikube.minikube-status.json',
          'minikube.minikube.vm-probe.txt',
          'minikube.minikube.vm-ip-route.txt',
          'minikube.docker.minikube-status.json',
          'minikube.docker.vm-probe.txt',
          'probes.json',
        ]),
      );
      const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ format: 'bridgelight-bundle', version: 2, platform: 'linux', redacted: redact });
      expect(manifest.vms).toMatchObject([
        { provider: 'minikube', name: 'minikube', driver: 'vfkit', network: 'vmnet-shared' },
        { provider: 'minikube', name: 'docker', driver: 'docker', network: 'user-mode' },
      ]);
      const addr = readFileSync(path.join(out, 'ip-addr.json'), 'utf8');
      const macs = [...addr.matchAll(/"address":"([0-9a-f:]{17})"/g)]
        .map((m) => m[1])
        .filter((m) => m !== '00:00:00:00:00:00');
      expect(macs.length).toBeGreaterThanOrEqual(3); // bridge100, vmenet0, en0
      for (const mac of macs) expect(mac!.startsWith('02:00:00:00:')).toBe(redact);
      expect(addr).toContain(LAB_ADDR.stale);
      // Replayed anywhere (here: outside the lab's namespaces), it says exactly what the recording machine said
      // at that moment (diagnosis.json), and the same as the live check in everything but timings.
      const replay = await run(['node', BIN, 'check', '--json', '--replay', out], { cwd: REPO_ROOT });
      const replayed = JSON.parse(replay.stdout) as Diagnosis;
      expect(replayed).toEqual(JSON.parse(readFileSync(path.join(out, 'diagnosis.json'), 'utf8')));
      expect(replayed.verdict).toBe(live.verdict);
      expect(ids(replayed).sort()).toEqual(ids(live).sort());
      expect(replayed.egress?.natSource).toBe(LAB_ADDR.stale);
      expect(replayed.findings.find((f) => f.id === 'nat-source-stale')?.fix).toEqual(
        live.findings.find((f) => f.id === 'nat-source-stale')?.fix,
      );
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('minikube missing: VM hops unknown with a finding saying so, the host part still comes', async () => {
    const { diagnosis } = await checkJson({ PATH: SYSTEM_PATH });
    expect(ids(diagnosis)).toContain('minikube-not-found');
    expect(hop(diagnosis, 'vm').light).toBe('unknown');
    expect(hop(diagnosis, 'bridge').light).toBe('unknown');
    expect(diagnosis.egress?.natSource).toBe(LAB_ADDR.good);
    expect(hop(diagnosis, 'internet').light).toBe('green');
  });

  it('VM stopped: vm-not-running, no ssh attempted', async () => {
    lab.setVmState('stopped');
    const before = sshCalls();
    const { diagnosis } = await checkJson();
    expect(ids(diagnosis)).toContain('vm-not-running');
    expect(diagnosis.vm?.state).toBe('Stopped');
    expect(sshCalls()).toBe(before);
    expect(diagnosis.egress?.natSource).toBe(LAB_ADDR.good);
  });

  it('minikube ssh hanging: the check times out, VM hops unknown, the rest arrives, nothing left running', async () => {
    const started = Date.now();
    const { diagnosis } = await checkJson({ BRIDGELIGHT_LAB_SSH_HANG: '1' }, ['--vm-timeout', '2']);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ids(diagnosis)).toContain('minikube-unresponsive');
    expect(hop(diagnosis, 'bridge').light).toBe('unknown');
    expect(diagnosis.egress?.natSource).toBe(LAB_ADDR.good);
    expect(await pidsIn(lab.ns.vm)).toEqual([]);
  });

  describeWatch();
});

function describeWatch() {
  let watcher: ChildProcess | null = null;
  afterEach(async () => {
    // Ctrl-C's graceful path first; SIGKILL only if watch ignored it (the test then fails below anyway).
    if (watcher && watcher.exitCode === null) {
      const closed = new Promise((resolve) => watcher!.once('close', resolve));
      watcher.kill('SIGTERM');
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3_000))]);
      watcher.kill('SIGKILL');
    }
    watcher = null;
  });

  /** Starts `bridgelight watch --json` in the host namespace; returns its parsed lines as they come. */
  function startWatch() {
    const lines: Array<{ at: string; verdict: string; findings: Array<{ id: string }>; receivedAt: number }> = [];
    const child = spawn('ip', ['netns', 'exec', lab.ns.host, 'node', BIN, 'watch', '--json', ...PROBE], {
      cwd: REPO_ROOT,
      env: lab.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) lines.push({ ...JSON.parse(part), receivedAt: performance.now() });
    });
    watcher = child;
    return { child, lines };
  }

  async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  function rssKb(pid: number): number {
    // `ip netns exec` execs node, so the child's pid is node's.
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }

  it('watch prints the state at start, then a line as soon as a second address appears', async () => {
    const { lines } = startWatch();
    const first = await waitFor(() => lines[0], 20_000, 'the first watch line');
    expect(first.verdict).toBe('green');
    expect(typeof first.at).toBe('string');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const added = performance.now();
    await lab.inHost(['ip', 'addr', 'add', `${LAB_ADDR.stale}/24`, 'dev', 'en0']);
    const line = await waitFor(
      () => lines.find((l) => l.findings.some((f) => f.id === 'egress-multiple-ipv4')),
      5_000,
      'the second-address line',
    );
    expect(line.receivedAt - added).toBeLessThan(1_000);
    expect(line.verdict).toBe('yellow');
  });

  it('watch follows a 100-flap storm (a line during it, the true state after it) and stays bounded', async () => {
    const { child, lines } = startWatch();
    await waitFor(() => lines[0], 20_000, 'the first watch line');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rssBefore = rssKb(child.pid!);
    const linesBefore = lines.length;
    const flaps = (count: number) =>
      `for i in $(seq ${count}); do ip addr add ${LAB_ADDR.stale}/24 dev en0; ip addr del ${LAB_ADDR.stale}/24 dev en0; done`;
    // Mid-storm the second address stays for a second: a watch that hears the events must say so then, and a
    // watch that ignores them prints nothing after its first green line.
    const hold = `ip addr add ${LAB_ADDR.stale}/24 dev en0; sleep 1; ip addr del ${LAB_ADDR.stale}/24 dev en0`;
    const stormStart = performance.now();
    const flapped = await lab.inHost(['sh', '-c', `${flaps(50)}; ${hold}; ${flaps(50)}`], { timeoutMs: 30_000 });
    const stormEnd = performance.now();
    expect(flapped.code).toBe(0);

    const yellow = (since: number) =>
      lines.find((l) => l.receivedAt > since && l.findings.some((f) => f.id === 'egress-multiple-ipv4'));
    const during = yellow(stormStart);
    expect(during, 'a line about the second address while it was held mid-storm').toBeDefined();
    expect(during!.receivedAt).toBeLessThanOrEqual(stormEnd);
    // The storm ended with the address gone: watch must come back to green after saying yellow.
    await waitFor(
      () => (lines.at(-1)!.verdict === 'green' && lines.at(-1)!.receivedAt > during!.receivedAt ? true : undefined),
      10_000,
      'watch to settle on green after the storm',
    );
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const last = lines.at(-1)!;
    expect(last.verdict).toBe('green');
    expect(last.findings).toEqual([]);
    const printed = lines.length - linesBefore;
    expect(printed).toBeLessThan(40);
    expect(rssKb(child.pid!) - rssBefore).toBeLessThan(40_000);

    // After the storm it still listens: one more change gets its line.
    const added = performance.now();
    await lab.inHost(['ip', 'addr', 'add', `${LAB_ADDR.stale}/24`, 'dev', 'en0']);
    await waitFor(() => yellow(added), 5_000, 'the line for an address added after the storm');
    await lab.inHost(['ip', 'addr', 'del', `${LAB_ADDR.stale}/24`, 'dev', 'en0']);
    await waitFor(() => (lines.at(-1)!.verdict === 'green' ? true : undefined), 5_000, 'green again');

    // Stopped as Ctrl-C would stop it: exit 0, and its `ip monitor` goes with it.
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(await pidsIn(lab.ns.host)).toEqual([]);
  }, 60_000);
}
