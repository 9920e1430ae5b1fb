// Proves the lab reproduces the seed case with real packets: the VM's NATed traffic dies on the stale primary
// while the host keeps working, and removing the stale address with the helper repairs it.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, describeWhere, HELPER, LAB_ADDR, LAB_NAME, LAB_SCRIPT, labAvailable, run } from './lab';

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

// Root writes the lab's pid, log and state files: a fixed /tmp name would let any user create the folder first or
// plant links in it (and `down` kills the pid it finds there).
describeWhere(labAvailable(), 'lab: its files live in a private folder, never a fixed path in /tmp', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'bl-labdir-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const labSh = (args: string[], dir: string | undefined) => {
    const { BRIDGELIGHT_LAB_DIR: _given, ...env } = process.env;
    return run(['sh', LAB_SCRIPT, ...args], {
      env: { ...env, BRIDGELIGHT_LAB: 'blpriv', ...(dir === undefined ? {} : { BRIDGELIGHT_LAB_DIR: dir }) },
    });
  };

  it('createLab makes a fresh 0700 folder of its own (mkdtemp)', () => {
    const one = createLab('blpriv');
    const two = createLab('blpriv');
    try {
      expect(one.dir).not.toBe('/tmp/bridgelight-lab-blpriv');
      expect(one.dir).not.toBe(two.dir);
      const folder = statSync(one.dir);
      expect(folder.isDirectory()).toBe(true);
      expect(folder.mode & 0o777).toBe(0o700);
      expect(folder.uid).toBe(process.getuid?.());
      expect(one.env().BRIDGELIGHT_LAB_DIR).toBe(one.dir);
    } finally {
      rmSync(one.dir, { recursive: true, force: true });
      rmSync(two.dir, { recursive: true, force: true });
    }
  });

  describe('lab.sh refuses any other folder before it builds anything', () => {
    const ALL = [['up'], ['state', 'seed'], ['status']];
    const openFolder = () => {
      const dir = mkdtempSync(path.join(scratch, 'open-'));
      chmodSync(dir, 0o777);
      return dir;
    };
    const link = () => {
      const to = path.join(scratch, `link-${Math.random().toString(36).slice(2)}`);
      symlinkSync(mkdtempSync(path.join(scratch, 'target-')), to);
      return to;
    };
    // `status` of a folder that is gone (a lab torn down) just says the lab is not up: it writes nothing.
    it.each([
      ['others may write it', openFolder, /must be mode 0700/, ALL],
      ['it is a link', link, /is not a folder/, ALL],
      ['it does not exist', () => path.join(scratch, 'absent'), /is not a folder/, ALL.slice(0, 2)],
    ])('when %s', async (_why, make, message, calls) => {
      const dir = make();
      for (const args of calls) {
        const result = await labSh(args, dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(message);
      }
      expect((await run(['ip', 'netns', 'list'])).stdout).not.toContain('blpriv-');
      expect(existsSync(path.join(dir, 'state'))).toBe(false);
    });

    it('asks for the folder `up` printed when none is given to a later call', async () => {
      const result = await labSh(['state', 'seed'], undefined);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('lab: set BRIDGELIGHT_LAB_DIR to the folder lab.sh up printed\n');
    });
  });
});
