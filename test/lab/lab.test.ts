// Proves the lab reproduces the seed case with real packets: the VM's NATed traffic dies on the stale primary
// while the host keeps working, and removing the stale address with the helper repairs it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLab, describeWhere, HELPER, LAB_ADDR, LAB_NAME, labAvailable, run } from './lab';

const lab = createLab();
const CURL = ['curl', '-sS', '--connect-timeout', '2', '--max-time', '5'];
const WEB_URL = `http://${LAB_ADDR.web}/`;

async function en0Lines(): Promise<string[]> {
  const result = await lab.inHost(['ip', '-o', '-4', 'addr', 'show', 'dev', 'en0']);
  expect(result.code).toBe(0);
  return result.stdout.split('\n').filter(Boolean);
}

/** `ip -o` lines, reduced to "ADDRESS/PREFIX primary|secondary", in the kernel's order. */
async function en0Addresses(): Promise<string[]> {
  return (await en0Lines()).map((line) => {
    const cidr = line.split(/\s+/)[3];
    return `${cidr} ${/ secondary /.test(line) ? 'secondary' : 'primary'}`;
  });
}

/** Zombies count as gone: they hold nothing, and this sandbox's init does not reap orphans. */
function running(pid: string): boolean {
  const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const state = /^State:\s*(\S)/m.exec(status)?.[1];
  return state !== undefined && state !== 'Z';
}

async function labNamespaces(): Promise<string[]> {
  const result = await run(['ip', 'netns', 'list']);
  expect(result.code).toBe(0);
  return result.stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(`${lab.prefix}-`));
}

describeWhere(labAvailable(['curl', 'getent']), 'lab: the seed case with real packets', () => {
  beforeAll(async () => {
    const started = performance.now();
    await lab.labUp();
    console.log(`lab up in ${Math.round(performance.now() - started)} ms`);
  });

  afterAll(async () => {
    const started = performance.now();
    await lab.labDown();
    console.log(`lab down in ${Math.round(performance.now() - started)} ms`);
  });

  it('healthy: the VM and the host both reach the internet, the VM through NAT on the lease', async () => {
    await lab.setState('healthy');
    expect(await en0Addresses()).toEqual([`${LAB_ADDR.good}/24 primary`]);
    const fromVm = await lab.inVm([...CURL, WEB_URL]);
    expect(fromVm.stderr).toBe('');
    expect(fromVm.stdout).toBe('bridgelight lab\n');
    const fromHost = await lab.inHost([...CURL, WEB_URL]);
    expect(fromHost.stdout).toBe('bridgelight lab\n');
    // Both arrive from the lease: the VM's source was rewritten by MASQUERADE.
    const seen = lab.routerLog().filter((line) => line.startsWith('http '));
    expect(seen.slice(-2)).toEqual([`http ${LAB_ADDR.good} 80 GET /`, `http ${LAB_ADDR.good} 80 GET /`]);
  });

  it('healthy: the VM resolves through the lab DNS only, and 443 takes connections', async () => {
    const resolvConf = await lab.inVm(['cat', '/etc/resolv.conf']);
    expect(resolvConf.stdout).toMatch(new RegExp(`^nameserver ${LAB_ADDR.dns.replaceAll('.', '\\.')}$`, 'm'));
    expect(resolvConf.stdout.match(/^nameserver /gm)).toHaveLength(1);
    const known = await lab.inVm(['getent', 'ahostsv4', LAB_NAME]);
    expect(known.code).toBe(0);
    expect(known.stdout.split('\n')[0]).toMatch(new RegExp(`^${LAB_ADDR.web.replaceAll('.', '\\.')}\\s`));
    const unknown = await lab.inVm(['getent', 'ahostsv4', 'nowhere.lab.test']);
    expect(unknown.code).toBe(2);
    const byName = await lab.inVm([...CURL, `http://${LAB_NAME}:443/`]);
    expect(byName.stdout).toBe('bridgelight lab\n');
    expect(lab.routerLog()).toContain(`dns ${LAB_ADDR.good} ${LAB_NAME} 1`);
  });

  it('seed: en0 holds the stale primary and the good secondary; the host works, the VM times out', async () => {
    await lab.setState('seed');
    expect(await en0Addresses()).toEqual([`${LAB_ADDR.stale}/24 primary`, `${LAB_ADDR.good}/24 secondary`]);
    const lines = await en0Lines();
    expect(lines[0]).toMatch(/valid_lft forever/);
    expect(lines[1]).toMatch(/ dynamic .*valid_lft \d+sec/);
    const route = await lab.inHost(['ip', '-4', 'route', 'show', 'default']);
    expect(route.stdout.trim()).toBe(`default via ${LAB_ADDR.gateway} dev en0 src ${LAB_ADDR.good}`);

    const fromHost = await lab.inHost([...CURL, WEB_URL]);
    expect(fromHost.stdout).toBe('bridgelight lab\n');
    const fromVm = await lab.inVm([...CURL, WEB_URL]);
    expect(fromVm.code).toBe(28); // curl: timeout
    expect(fromVm.ms).toBeLessThan(4_000);
    // The host itself, bound to the stale address, is dropped too: the address is dead, not the NAT.
    const hostFromStale = await lab.inHost([...CURL, '--interface', LAB_ADDR.stale, WEB_URL]);
    expect(hostFromStale.code).toBe(28);
    expect(lab.routerLog().some((line) => line.includes(LAB_ADDR.stale))).toBe(false);
  });

  it('seed: switching state is idempotent', async () => {
    await lab.setState('seed');
    const once = await en0Addresses();
    await lab.setState('seed');
    expect(await en0Addresses()).toEqual(once);
    await lab.setState('healthy');
    await lab.setState('healthy');
    expect(await en0Addresses()).toEqual([`${LAB_ADDR.good}/24 primary`]);
    expect((await lab.inVm([...CURL, WEB_URL])).code).toBe(0);
  });

  it('seed: the helper removes the stale primary, the lease survives, and the VM is repaired', async () => {
    await lab.setState('seed');
    expect((await lab.inVm([...CURL, WEB_URL])).code).toBe(28);
    const fix = await lab.inHost(['sh', HELPER, 'remove-address', 'en0', LAB_ADDR.stale]);
    expect(fix.stderr).toBe('');
    expect(fix.stdout).toBe(`removed ${LAB_ADDR.stale} from en0\n`);
    expect(fix.code).toBe(0);
    expect(await en0Addresses()).toEqual([`${LAB_ADDR.good}/24 primary`]);
    const route = await lab.inHost(['ip', '-4', 'route', 'show', 'default']);
    expect(route.stdout.trim()).toBe(`default via ${LAB_ADDR.gateway} dev en0 src ${LAB_ADDR.good}`);
    const fromVm = await lab.inVm([...CURL, WEB_URL]);
    expect(fromVm.stdout).toBe('bridgelight lab\n');
    expect(lab.routerLog().at(-1)).toBe(`http ${LAB_ADDR.good} 80 GET /`);
    const fromHost = await lab.inHost([...CURL, WEB_URL]);
    expect(fromHost.code).toBe(0);
  });

  it('minikube stand-in: status, ip and ssh from the host namespace, every call logged', async () => {
    await lab.setState('healthy');
    const before = lab.minikubeCalls().length;
    const status = await lab.inHost(['minikube', 'status', '-o', 'json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual({
      Name: 'minikube',
      Host: 'Running',
      Kubelet: 'Running',
      APIServer: 'Running',
      Kubeconfig: 'Configured',
      Worker: false,
    });
    expect((await lab.inHost(['minikube', 'ip'])).stdout).toBe(`${LAB_ADDR.vm}\n`);
    const routes = await lab.inHost(['minikube', 'ssh', '-p', 'minikube', '--', 'ip', 'route']);
    expect(routes.stdout.split('\n')[0]).toBe(
      `default via ${LAB_ADDR.bridge} dev eth0 proto dhcp src ${LAB_ADDR.vm} metric 1024 `,
    );
    const probe = await lab.inHost(['minikube', 'ssh', '--', `curl -sS --connect-timeout 2 ${WEB_URL} && echo ok`]);
    expect(probe.stdout).toBe('bridgelight lab\nok\n');
    // The form the collector uses: one script, shipped base64-encoded through a single ssh call.
    const script = Buffer.from(`getent ahostsv4 ${LAB_NAME} | head -n 1\n`).toString('base64');
    const shipped = await lab.inHost(['minikube', 'ssh', '-p', 'minikube', '--', `echo ${script} | base64 -d | sh`]);
    expect(shipped.stdout).toMatch(new RegExp(`^${LAB_ADDR.web.replaceAll('.', '\\.')}\\s+STREAM ${LAB_NAME}\n$`));
    const calls = lab.minikubeCalls().slice(before);
    expect(calls).toHaveLength(5);
    expect(calls.filter((call) => call.startsWith('ssh '))).toHaveLength(3);
  });

  it('minikube stand-in: a stopped VM and a hanging ssh', async () => {
    lab.setVmState('stopped');
    try {
      const status = await lab.inHost(['minikube', 'status', '-o', 'json']);
      expect(status.code).toBe(7);
      expect(JSON.parse(status.stdout)).toMatchObject({ Host: 'Stopped', APIServer: 'Stopped' });
      expect((await lab.inHost(['minikube', 'ssh', '--', 'true'])).code).toBe(83);
    } finally {
      lab.setVmState('running');
    }
    const hang = await lab.inHost(['minikube', 'ssh', '--', 'true'], {
      env: { BRIDGELIGHT_LAB_SSH_HANG: '1' },
      timeoutMs: 1_000,
    });
    expect(hang.timedOut).toBe(true);
    expect(hang.ms).toBeLessThan(3_000);
    // Killing the call ends the hang itself: nothing is left running in the host namespace.
    expect((await run(['ip', 'netns', 'pids', lab.ns.host])).stdout).toBe('');
  });

  it('down removes every namespace, file and server, and can run again', async () => {
    const serversPid = readFileSync(path.join(lab.dir, 'servers.pid'), 'utf8').trim();
    expect(running(serversPid)).toBe(true);
    expect((await labNamespaces()).sort()).toEqual(
      ['dgw', 'dk', 'host', 'router', 'ugw', 'um', 'vm', 'vm2'].map((name) => `${lab.prefix}-${name}`),
    );
    await lab.labDown();
    expect(await labNamespaces()).toEqual([]);
    const leftovers = await run(['sh', '-c', `ls -d /etc/netns/${lab.prefix}-* ${lab.dir} 2>/dev/null; true`]);
    expect(leftovers.stdout).toBe('');
    expect(running(serversPid)).toBe(false);
    await lab.labDown();
    expect((await lab.status()).code).toBe(1);
  });
});
