// The probe script is tested by running it: under dash (Debian's sh), bash in POSIX mode (the minikube ISO's sh)
// and busybox sh when this machine has it, against 127.0.0.1 only — a port this test listens on and one it
// closed — with `localhost` as the DNS name. Tools the machine lacks (busybox nslookup) are stood in for by stubs
// that print real captured output.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VmProbe } from '@src/shared/model';
import { parseIpRouteText } from '@src/shared/parsers/ip-route-text';
import {
  buildVmProbeScript,
  extractIpRouteSection,
  parseVmProbeOutput,
  shQuote,
  VM_PROBE_MARKER,
} from '@src/shared/vm-probe';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

function probeOf(text: string): VmProbe {
  const result = parseVmProbeOutput(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

function which(command: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Looked up once, before the concurrent tests: a synchronous child process would stall the others' timing. */
const TOOLS = new Map(
  ['sh', 'dash', 'bash', 'busybox', 'ip', 'cat', 'getent', 'timeout', 'rm', 'curl'].map((name) => [name, which(name)]),
);
const tool = (name: string): string | null => TOOLS.get(name) ?? null;
/**
 * A shell the tests run the script under. Missing, its tests are skipped on a laptop; in CI every skip is a
 * failure, so there the bare name stands in and the run fails loudly (spawn ENOENT) instead of skipping.
 */
const testShell = (name: string): string | null => tool(name) ?? (process.env.CI ? name : null);

interface Run {
  stdout: string;
  ms: number;
}

/** Feeds the script to the shell on stdin, as the collector's `… | base64 -d | sh` does. */
function runScript(shell: string[], script: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(shell[0]!, shell.slice(1), { env, stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ stdout, ms: Date.now() - started }));
    child.stdin.end(script);
  });
}

const sockets = new Set<import('node:net').Socket>();

function listenOnLoopback(): Promise<Server> {
  return new Promise((resolve) => {
    // Answers whatever it is sent by hanging up, as a non-HTTP service would.
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('data', () => socket.end());
      socket.on('close', () => sockets.delete(socket));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const portOf = (server: Server): number => (server.address() as { port: number }).port;

async function closedLoopbackPort(): Promise<number> {
  const server = await listenOnLoopback();
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function stubDir(stubs: Record<string, string>, links: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'bridgelight-vm-probe-'));
  for (const [name, body] of Object.entries(stubs)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  for (const command of links) {
    const target = tool(command);
    if (target === null) throw new Error(`this test needs ${command}`);
    symlinkSync(target, join(dir, command));
  }
  return dir;
}

/** Absolute, because some tests run the script with a PATH that holds only chosen tools. */
const SH = tool('sh')!;

let server: Server;
let openTarget: string;
let closedTarget: string;
let ipRouteHere: string;
const tempDirs: string[] = [];

beforeAll(async () => {
  ipRouteHere = execFileSync(tool('ip')!, ['route'], { encoding: 'utf8' });
  server = await listenOnLoopback();
  openTarget = `127.0.0.1:${portOf(server)}`;
  closedTarget = `127.0.0.1:${await closedLoopbackPort()}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const nameserversOnThisMachine = (): string[] =>
  readFileSync('/etc/resolv.conf', 'utf8')
    .split('\n')
    .map((line) => line.match(/^\s*nameserver\s+(\S+)/)?.[1])
    .filter((server) => server !== undefined);

const SHELLS: [string, string[] | null][] = [
  ['dash (Debian /bin/sh)', testShell('dash') ? [testShell('dash')!] : null],
  ['bash --posix (the minikube ISO links /bin/sh to bash)', testShell('bash') ? [testShell('bash')!, '--posix'] : null],
  ['busybox sh', testShell('busybox') ? [testShell('busybox')!, 'sh'] : null],
];

// Concurrent: each run mostly waits on its 1 s timeout.
describe.concurrent('the probe script, run', () => {
  describe.each(SHELLS)('under %s', (_, shell) => {
    it.skipIf(shell === null)(
      'connects to the open loopback port, is refused by the closed one, resolves localhost',
      async () => {
        const targets = [openTarget, closedTarget, openTarget];
        const script = buildVmProbeScript({ targets, dnsName: 'localhost', timeoutSeconds: 1 });
        const { stdout } = await runScript(shell!, script);
        const probe = probeOf(stdout);

        const expectedRoutes = parseIpRouteText(ipRouteHere);
        expect(expectedRoutes.ok && probe.routes).toEqual(expectedRoutes.ok && expectedRoutes.value);
        expect(extractIpRouteSection(stdout)).toBe(ipRouteHere);
        expect(probe.nameservers).toEqual(nameserversOnThisMachine());
        expect(probe.dns).toMatchObject({ name: 'localhost', ok: true, error: null });
        expect(probe.dns?.addresses.some((address) => address === '127.0.0.1' || address === '::1')).toBe(true);
        expect(probe.targets).toEqual([
          { target: openTarget, ok: true, ms: null, error: null },
          { target: closedTarget, ok: false, ms: null, error: expect.stringMatching(/connect|refused/i) },
          { target: openTarget, ok: true, ms: null, error: null },
        ]);
      },
    );
  });

  it('costs about one timeout however many targets answer', async () => {
    // A connected curl probe lasts the whole timeout, so four in a row would take 8 s; side by side, about 2.
    const script = buildVmProbeScript({ targets: Array(4).fill(openTarget), dnsName: 'localhost', timeoutSeconds: 2 });
    const { stdout, ms } = await runScript([SH], script);
    expect(probeOf(stdout).targets.map((target) => target.ok)).toEqual([true, true, true, true]);
    expect(ms).toBeLessThan(5_000);
  });

  describe('with stand-in tools', () => {
    it('reads busybox nslookup output (a real capture) and skips the server address', async () => {
      const dir = stubDir({
        nslookup: `cat <<'EOF'\n${fixture('real/vm-other/minikube15323-qemu-socket_vmnet-nslookup-ok-via-192.168.105.1.txt')}EOF`,
      });
      tempDirs.push(dir);
      const script = buildVmProbeScript({ targets: [], dnsName: 'localhost', timeoutSeconds: 1 });
      const { stdout } = await runScript([SH], script, { ...process.env, PATH: `${dir}:${process.env.PATH}` });
      expect(probeOf(stdout).dns).toEqual({
        name: 'localhost',
        ok: true,
        addresses: ['142.250.72.174', '2607:f8b0:4007:809::200e'],
        error: null,
      });
    });

    it('stops a hanging `ip route` and a hanging lookup at the timeout', async () => {
      const dir = stubDir({ ip: 'exec sleep 30', getent: 'exec sleep 30' });
      tempDirs.push(dir);
      const script = buildVmProbeScript({ targets: [closedTarget], dnsName: 'localhost', timeoutSeconds: 1 });
      const { stdout, ms } = await runScript([SH], script, { ...process.env, PATH: `${dir}:${process.env.PATH}` });
      const probe = probeOf(stdout);
      expect(probe.routes).toBeNull();
      expect(probe.dns).toEqual({ name: 'localhost', ok: false, addresses: [], error: 'timed out' });
      expect(probe.targets).toMatchObject([{ target: closedTarget, ok: false }]);
      expect(ms).toBeLessThan(4_000);
    });

    // bash reads a piped script line by line, so there a command reading stdin would take the rest of it.
    it.each(SHELLS.filter(([, shell]) => shell !== null))(
      'keeps a tool that reads stdin from eating the rest of the piped script (%s)',
      async (_, shell) => {
        const dir = stubDir({ ip: 'cat >/dev/null\necho "default via 192.0.2.1 dev eth0"' });
        tempDirs.push(dir);
        const script = buildVmProbeScript({ targets: [closedTarget], dnsName: 'localhost', timeoutSeconds: 1 });
        const { stdout } = await runScript(shell!, script, { ...process.env, PATH: `${dir}:${process.env.PATH}` });
        const probe = probeOf(stdout);
        expect(probe.routes).toEqual([
          { destination: 'default', gateway: '192.0.2.1', interface: 'eth0', flags: [], scoped: false },
        ]);
        expect(probe.dns?.ok).toBe(true);
        expect(probe.targets).toHaveLength(1);
        expect(stdout.trimEnd().endsWith('@@end')).toBe(true);
      },
    );

    it('runs the steps one after another without mktemp, and says so when there is neither curl nor nc', async () => {
      const dir = stubDir({}, ['ip', 'cat', 'getent', 'timeout', 'rm']);
      tempDirs.push(dir);
      const script = buildVmProbeScript({
        targets: [closedTarget, openTarget],
        dnsName: 'localhost',
        timeoutSeconds: 1,
      });
      const { stdout } = await runScript([SH], script, { ...process.env, PATH: dir });
      const probe = probeOf(stdout);
      expect(probe.dns).toMatchObject({ name: 'localhost', ok: true });
      const none = 'neither curl nor nc -z in the VM';
      expect(probe.targets).toEqual([
        { target: closedTarget, ok: false, ms: null, error: none },
        { target: openTarget, ok: false, ms: null, error: none },
      ]);
    });

    it.skipIf(!testShell('busybox'))(
      "does not trust an nc without -z (Debian's busybox nc): it says so instead of guessing",
      async () => {
        const dir = stubDir({}, ['ip', 'cat', 'getent', 'timeout', 'rm']);
        tempDirs.push(dir);
        symlinkSync(testShell('busybox')!, join(dir, 'nc'));
        const script = buildVmProbeScript({ targets: [openTarget], dnsName: 'localhost', timeoutSeconds: 1 });
        const { stdout } = await runScript([SH], script, { ...process.env, PATH: dir });
        expect(probeOf(stdout).targets).toEqual([
          { target: openTarget, ok: false, ms: null, error: 'neither curl nor nc -z in the VM' },
        ]);
      },
    );

    it('uses curl one step after another when mktemp is missing', async () => {
      const dir = stubDir({}, ['ip', 'cat', 'getent', 'timeout', 'rm', 'curl']);
      tempDirs.push(dir);
      const script = buildVmProbeScript({ targets: [closedTarget], dnsName: 'localhost', timeoutSeconds: 1 });
      const { stdout } = await runScript([SH], script, { ...process.env, PATH: dir });
      expect(stdout).toContain('@@tool curl');
      expect(probeOf(stdout).targets).toEqual([
        { target: closedTarget, ok: false, ms: null, error: expect.stringMatching(/connect/i) },
      ]);
    });
  });
});

describe('buildVmProbeScript input checks', () => {
  const build =
    (targets: string[], dnsName = 'registry.k8s.io', timeoutSeconds = 3) =>
    () =>
      buildVmProbeScript({ targets, dnsName, timeoutSeconds });

  it('accepts dotted quads and DNS names with ports', () => {
    const script = build(['1.1.1.1:443', 'registry.k8s.io:443', 'a-b.example.:65535'])();
    expect(script.startsWith('{\nbl_t=3\n')).toBe(true);
    expect(script.endsWith('} </dev/null\n')).toBe(true);
    expect(script).toContain(`bl_probe '1.1.1.1' '443'`);
    expect(script).toContain(`bl_probe 'a-b.example.' '65535'`);
    expect(script).toContain(`bl_dns 'registry.k8s.io'`);
    expect(script).toContain(`echo '${VM_PROBE_MARKER}'`);
  });

  it.each([
    ["x';reboot;':443"],
    ['$(reboot):443'],
    ['-oProxyCommand=x:22'],
    ['a b:80'],
    ['300.1.1.1:80'],
    ['1.2.3:80'],
    ['1.2.3.4'],
    ['1.2.3.4:0'],
    ['1.2.3.4:65536'],
    ['1.2.3.4:080'],
    [':80'],
    ['under_score.example:80'],
    ['[::1]:80'],
    ['-x.example:80'],
  ])('throws for target %j', (target) => {
    expect(build([target])).toThrow(/invalid target/);
  });

  it.each([[''], ['-x'], ['a;b'], ['a..b'], ['x'.repeat(64)]])('throws for DNS name %j', (name) => {
    expect(build([], name)).toThrow(/invalid DNS name/);
  });

  it.each([[0], [-1], [1.5], [Number.NaN], [301]])('throws for timeout %s', (seconds) => {
    expect(build([], 'localhost', seconds)).toThrow(/timeoutSeconds/);
  });

  it('single-quotes any string so that sh reads it back unchanged', async () => {
    const unit = fc.constantFrom(
      "'",
      '"',
      '\\',
      '$',
      '`',
      ' ',
      '\n',
      '\t',
      '!',
      '*',
      ';',
      '&',
      '|',
      '<',
      '#',
      'a',
      'é',
    );
    const values = fc.sample(fc.string({ unit, maxLength: 12 }), 300);
    const { stdout } = await runScript([SH], `printf '%s\\0' ${values.map(shQuote).join(' ')}\n`);
    expect(stdout.split('\0').slice(0, -1)).toEqual(values);
  });
});

// ---- the parser on transcripts assembled from real captures ----

const section = (header: string, body: string, tail = ''): string => `@@section ${header}\n${body}${tail}`;

const REAL_TRANSCRIPT = [
  fixture('real/vm-other/minikube15323-qemu-socket_vmnet-minikube-ssh-banner.txt'),
  `${VM_PROBE_MARKER}\n`,
  section('ip-route', fixture('real/vm-ip-route/hpk-vm-two-default-routes-vmnet-eth0-and-slirp-eth1.txt')),
  section('resolv-conf', fixture('real/vm-other/minikube3036-hyperkit-resolv-conf-grep-name-after-fix.txt')),
  section(
    'dns google.com',
    `@@tool nslookup\n${fixture('real/vm-other/minikube15323-qemu-socket_vmnet-nslookup-ok-via-192.168.105.1.txt')}`,
    '@@status 0\n',
  ),
  section(
    'probe google.com:80',
    `@@tool curl\n${fixture('real/vm-other/minikube15323-qemu-socket_vmnet-curl-vvv-no-route-to-host.txt')}time_connect=0.000000\n`,
    '@@status 7\n',
  ),
  '@@end\n',
].join('');

describe('parseVmProbeOutput', () => {
  it('reads a transcript built from real VM captures, after the ssh banner', () => {
    const probe = probeOf(REAL_TRANSCRIPT);
    expect(probe.routes?.filter((route) => route.destination === 'default').map((route) => route.gateway)).toEqual([
      '10.0.2.2',
      '192.168.64.1',
    ]);
    expect(probe.nameservers).toEqual(['8.8.8.8', '192.168.64.1']);
    expect(probe.dns).toEqual({
      name: 'google.com',
      ok: true,
      addresses: ['142.250.72.174', '2607:f8b0:4007:809::200e'],
      error: null,
    });
    expect(probe.targets).toEqual([
      {
        target: 'google.com:80',
        ok: false,
        ms: null,
        error: 'Failed to connect to google.com port 80 after 2 ms: No route to host',
      },
    ]);
  });

  it('reads the same transcript with CRLF line ends (a pty)', () => {
    expect(probeOf(REAL_TRANSCRIPT.replaceAll('\n', '\r\n'))).toEqual(probeOf(REAL_TRANSCRIPT));
  });

  it('sets absent sections to null and targets to []', () => {
    expect(probeOf(`${VM_PROBE_MARKER}\n@@end\n`)).toEqual({ routes: null, nameservers: null, dns: null, targets: [] });
  });

  it('marks a lookup and a probe that never finished (output cut off)', () => {
    const cut = `${VM_PROBE_MARKER}\n${section('dns registry.k8s.io', '@@tool nslookup\nServer:\t\t10.0.2.3\n')}${section('probe 1.1.1.1:443', '@@tool curl\n')}`;
    expect(probeOf(cut)).toEqual({
      routes: null,
      nameservers: null,
      dns: {
        name: 'registry.k8s.io',
        ok: false,
        addresses: [],
        error: 'no result: the probe stopped before the lookup finished',
      },
      targets: [
        {
          target: '1.1.1.1:443',
          ok: false,
          ms: null,
          error: 'no result: the probe stopped before the connection attempt finished',
        },
      ],
    });
  });

  it('reads routes when `ip route` exited 0, and none when it failed or was stopped', () => {
    const withStatus = (status: number) =>
      `${VM_PROBE_MARKER}\n${section('ip-route', fixture('seed/vm-ip-route-EXCERPT.txt'), `@@status ${status}\n`)}@@end\n`;
    expect(probeOf(withStatus(0)).routes?.map((route) => route.gateway)).toEqual(['192.168.77.1', null]);
    expect(probeOf(withStatus(124)).routes).toBeNull();
    expect(extractIpRouteSection(withStatus(0))).toBe(fixture('seed/vm-ip-route-EXCERPT.txt'));
  });

  it('gives null routes and no nameservers when the VM lacks ip and resolv.conf', () => {
    const text = `${VM_PROBE_MARKER}\n${section('ip-route', 'sh: ip: not found\n')}${section('resolv-conf', 'cat: /etc/resolv.conf: No such file or directory\n')}@@end\n`;
    expect(probeOf(text)).toMatchObject({ routes: null, nameservers: [] });
  });

  it.each([
    [
      'a curl connect timeout',
      '@@tool curl\ncurl: (28) Connection timed out after 1001 milliseconds\ntime_connect=0.000000\n@@status 28\n',
      false,
      'Connection timed out after 1001 milliseconds',
    ],
    [
      'a curl connection kept open until --max-time',
      '@@tool curl\ncurl: (28) Operation timed out after 3001 milliseconds with 0 bytes received\ntime_connect=0.021350\n@@status 28\n',
      true,
      null,
    ],
    [
      'an nc refusal',
      '@@tool nc\nnc: connect to 127.0.0.1 port 1 (tcp) failed: Connection refused\n@@status 1\n',
      false,
      'nc: connect to 127.0.0.1 port 1 (tcp) failed: Connection refused',
    ],
    ['an nc success', '@@tool nc\n@@status 0\n', true, null],
    ['nc stopped by timeout', '@@tool nc\n@@status 124\n', false, 'timed out'],
    ['a silent failure', '@@tool nc\n@@status 1\n', false, 'exit status 1'],
  ])('reads %s', (_, body, ok, error) => {
    const probe = probeOf(`${VM_PROBE_MARKER}\n@@section probe 192.0.2.1:443\n${body}@@end\n`);
    expect(probe.targets).toEqual([{ target: '192.0.2.1:443', ok, ms: null, error }]);
  });

  it.each([
    ['getent finding nothing', '@@tool getent\n@@status 2\n', 'not found'],
    [
      'bind nslookup NXDOMAIN',
      "@@tool nslookup\nServer:\t\t192.0.2.53\nAddress:\t192.0.2.53#53\n\n** server can't find nope.invalid: NXDOMAIN\n\n@@status 1\n",
      "** server can't find nope.invalid: NXDOMAIN",
    ],
    ['no lookup tool', '@@tool none\n@@status 127\n', 'neither nslookup nor getent in the VM'],
    ['busybox timeout (SIGTERM)', '@@tool nslookup\n@@status 143\n', 'timed out'],
    ['success without addresses', '@@tool getent\n@@status 0\n', 'no addresses'],
  ])('reads a failed lookup: %s', (_, body, error) => {
    const probe = probeOf(`${VM_PROBE_MARKER}\n@@section dns nope.invalid\n${body}@@end\n`);
    expect(probe.dns).toEqual({ name: 'nope.invalid', ok: false, addresses: [], error });
  });

  it.each([
    [
      'an ssh failure',
      'ssh: connect to host 192.168.64.5 port 22: Operation timed out\r\n',
      'ssh: connect to host 192.168.64.5 port 22: Operation timed out',
    ],
    ['a later probe version', '@@bridgelight-vm-probe v2\n@@end\n', '@@bridgelight-vm-probe v2'],
    [
      'the banner alone',
      fixture('real/vm-other/minikube15323-qemu-socket_vmnet-minikube-ssh-banner.txt'),
      '_             _',
    ],
    ['nothing', '', 'empty output'],
  ])('rejects output without the start marker: %s', (_, text, reason) => {
    expect(parseVmProbeOutput(text)).toEqual({ ok: false, error: reason });
  });
});

describe('extractIpRouteSection', () => {
  it('returns the VM routes exactly as `ip route` printed them', () => {
    expect(extractIpRouteSection(REAL_TRANSCRIPT)).toBe(
      fixture('real/vm-ip-route/hpk-vm-two-default-routes-vmnet-eth0-and-slirp-eth1.txt'),
    );
  });

  it('returns null without the marker or the section', () => {
    expect(extractIpRouteSection(fixture('seed/vm-ip-route-EXCERPT.txt'))).toBeNull();
    expect(extractIpRouteSection(`${VM_PROBE_MARKER}\n@@section resolv-conf\n@@end\n`)).toBeNull();
  });
});
