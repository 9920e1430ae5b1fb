// The Done-when scenarios: bundles assembled from real outputs, each given the answer a network engineer would.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingDocUrl } from '@src/shared/finding-docs';
import type { Diagnosis } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { assemble, BUNDLES } from '../fixtures/bundles/assemble.mjs';
import { runCli } from '../support/cli';

const BUNDLE_DIR = new URL('../fixtures/bundles/', import.meta.url).pathname;
const bundlePath = (name: string) => join(BUNDLE_DIR, name);

async function check(name: string): Promise<{ code: number; diagnosis: Diagnosis; stderr: string }> {
  const run = await runCli(['check', '--json', '--replay', bundlePath(name)]);
  expect(run.stderr).toBe('');
  return { code: run.code, diagnosis: JSON.parse(run.stdout) as Diagnosis, stderr: run.stderr };
}

const ids = (diagnosis: Diagnosis) => diagnosis.findings.map((finding) => finding.id).sort();
const fixes = (diagnosis: Diagnosis) => diagnosis.findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));
const hop = (diagnosis: Diagnosis, id: string) => diagnosis.hops.find((h) => h.id === id)!;

describe('replay bundles', () => {
  it('match what assemble.mjs makes from the real captures (no drift)', () => {
    const out = mkdtempSync(join(tmpdir(), 'bl-assemble-'));
    assemble(out);
    for (const name of Object.keys(BUNDLES)) {
      for (const file of readdirSync(join(out, name)))
        expect(readFileSync(join(bundlePath(name), file), 'utf8'), `${name}/${file}`).toBe(
          readFileSync(join(out, name, file), 'utf8'),
        );
    }
  });

  it('seed: red, NAT on the stale address, both findings, the fix removes exactly 172.2.9.61 and never the DHCP address', async () => {
    const { code, diagnosis } = await check('seed');
    expect(code).toBe(2);
    expect(diagnosis.verdict).toBe('red');
    expect(diagnosis.egress).toMatchObject({ interface: 'en0', gateway: '172.2.2.2', natSource: '172.2.9.61' });
    expect(diagnosis.egress?.addresses.map((a) => [a.address, a.prefixLength, a.role])).toEqual([
      ['172.2.9.61', 16, 'stale'],
      ['172.2.3.10', 16, 'dhcp'],
    ]);
    expect(diagnosis.bridge).toEqual({
      interface: 'bridge100',
      address: '192.168.77.1',
      members: ['vmenet0', 'vmenet1'],
    });
    expect(diagnosis.vm).toMatchObject({
      provider: 'minikube',
      profile: 'minikube',
      state: 'Running',
      gateway: '192.168.77.1',
    });
    expect(ids(diagnosis)).toEqual(expect.arrayContaining(['egress-multiple-ipv4', 'nat-source-stale']));
    expect(fixes(diagnosis)).toEqual([
      {
        action: 'remove-address',
        interface: 'en0',
        address: '172.2.9.61',
        command: 'sudo ifconfig en0 delete 172.2.9.61',
      },
    ]);
    expect(JSON.stringify(diagnosis)).not.toMatch(/delete 172\.2\.3\.10/);
    expect(hop(diagnosis, 'nat').light).toBe('red');
    expect(diagnosis.hops.map((h) => h.id)).toEqual(['vm', 'bridge', 'nat', 'egress', 'gateway', 'internet']);
  });

  it('check --json prints exactly one object with exactly the contract keys', async () => {
    const run = await runCli(['check', '--json', '--replay', bundlePath('seed')]);
    const parsed = JSON.parse(run.stdout);
    expect(Object.keys(parsed).sort()).toEqual(['bridge', 'egress', 'findings', 'hops', 'verdict', 'vm', 'vms']);
    // The seed's findings are the host's: none names a VM.
    for (const finding of parsed.findings)
      expect(Object.keys(finding).sort()).toEqual(['detail', 'evidence', 'fix', 'id', 'severity', 'title']);
    for (const vm of parsed.vms)
      expect(Object.keys(vm).sort()).toEqual([
        'bridge',
        'driver',
        'gateway',
        'hops',
        'name',
        'network',
        'provider',
        'ref',
        'state',
        'verdict',
      ]);
  });

  it('seed without probes: the lease alone is evidence enough', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-seed-'));
    for (const [file, text] of Object.entries(BUNDLES.seed))
      if (file !== 'probes.json') writeFileSync(join(dir, file), text);
    const run = await runCli(['check', '--json', '--replay', dir]);
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    expect(diagnosis.verdict).toBe('red');
    expect(fixes(diagnosis).map((f) => f.address)).toEqual(['172.2.9.61']);
  });

  it('healthy: green, no findings, exit 0', async () => {
    const { code, diagnosis } = await check('healthy');
    expect(diagnosis.findings).toEqual([]);
    expect(diagnosis.verdict).toBe('green');
    expect(code).toBe(0);
  });

  it('a second address after the DHCP one: a warning, NAT still on the DHCP address, nothing to fix', async () => {
    const { code, diagnosis } = await check('second-after-dhcp');
    expect(diagnosis.egress?.natSource).toBe('172.2.3.10');
    expect(ids(diagnosis)).toContain('egress-multiple-ipv4');
    expect(ids(diagnosis)).not.toContain('nat-source-stale');
    expect(fixes(diagnosis)).toEqual([]);
    expect(diagnosis.verdict).toBe('yellow');
    expect(code).toBe(1);
  });

  it('two addresses and no lease: it cannot tell, so it says so and proposes nothing', async () => {
    const { diagnosis } = await check('two-no-lease');
    expect(diagnosis.egress?.addresses.map((a) => a.role)).toEqual(['unknown', 'unknown']);
    expect(fixes(diagnosis)).toEqual([]);
    expect(ids(diagnosis)).toContain('egress-multiple-ipv4');
    expect(diagnosis.verdict).not.toBe('green');
  });

  it('a stale address from another subnet: stale because its subnet lacks the gateway', async () => {
    const { diagnosis } = await check('stale-other-subnet');
    expect(diagnosis.egress?.natSource).toBe('192.168.1.154');
    const stale = diagnosis.egress?.addresses.find((a) => a.address === '192.168.1.154');
    expect(stale?.role).toBe('stale');
    expect(stale?.evidence.join(' ')).toMatch(/172\.2\.2\.2/);
    expect(fixes(diagnosis)).toEqual([
      expect.objectContaining({ address: '192.168.1.154', command: 'sudo ifconfig en0 delete 192.168.1.154' }),
    ]);
    expect(diagnosis.verdict).toBe('red');
  });

  it('a full-tunnel VPN: the default route goes through utun3 while NAT is bound to en0', async () => {
    const { diagnosis } = await check('vpn-full-tunnel');
    expect(ids(diagnosis)).toContain('vpn-default-route');
    expect(diagnosis.egress?.interface).toBe('en0');
    const vpn = diagnosis.findings.find((f) => f.id === 'vpn-default-route')!;
    expect(vpn.evidence.join(' ')).toMatch(/utun3/);
    expect(vpn.fix).toBeNull();
    expect(diagnosis.verdict).not.toBe('green');
  });

  it('two vmnet bridges: the bridge is the one holding the VM gateway, not the first or "bridge100"', async () => {
    const { diagnosis } = await check('two-bridges');
    expect(diagnosis.bridge).toEqual({
      interface: 'bridge101',
      address: '192.168.77.1',
      members: ['vmenet0', 'vmenet1'],
    });
    expect(hop(diagnosis, 'bridge').light).toBe('green');
    // Nothing was probed, so the internet hop is unknown: the verdict says so instead of reading healthy.
    expect(hop(diagnosis, 'internet').light).toBe('unknown');
    expect(diagnosis.verdict).toBe('unknown');
  });

  it('the VM gateway on no host interface: vm-bridge-missing, bridge hop red', async () => {
    const { diagnosis } = await check('vm-gateway-nowhere');
    expect(diagnosis.vm?.gateway).toBe('192.168.64.1');
    expect(diagnosis.bridge).toBeNull();
    expect(ids(diagnosis)).toContain('vm-bridge-missing');
    expect(hop(diagnosis, 'bridge').light).toBe('red');
    expect(diagnosis.verdict).toBe('red');
  });

  it('two defaults in the guest, vmnet at the lower metric: it uses lima0 via the bridge, says so as info', async () => {
    const { code, diagnosis } = await check('vm-two-defaults-metric');
    expect(diagnosis.vm?.gateway).toBe('192.168.105.1');
    expect(diagnosis.bridge?.interface).toBe('bridge100');
    const finding = diagnosis.findings.find((f) => f.id === 'vm-multiple-default-routes');
    expect(finding?.severity).toBe('info');
    expect(finding?.detail).toContain('via 192.168.5.2 on eth0 (metric 200) is used only if that one goes away');
    expect(hop(diagnosis, 'vm').summary).toContain('also via 192.168.5.2 on eth0 (metric 200)');
    expect([diagnosis.verdict, code]).toEqual(['green', 0]);
  });

  it('two defaults of equal metric in the guest: ambiguous, a warning, the bridge hop yellow', async () => {
    const { code, diagnosis } = await check('vm-two-defaults-tie');
    const finding = diagnosis.findings.find((f) => f.id === 'vm-multiple-default-routes');
    expect(finding).toMatchObject({ severity: 'warning', title: 'The VM has 2 default routes of equal metric.' });
    expect(finding?.detail).toContain('ambiguous');
    expect(hop(diagnosis, 'bridge').light).toBe('yellow');
    expect([diagnosis.verdict, code]).toEqual(['yellow', 1]);
  });

  it.each([
    ['netstat-mtu', '192.168.1.254', '192.168.1.221'],
    ['netstat-rt-ifa', '192.168.0.1', '192.168.0.7'],
  ])('%s: the extra columns are read, not refused, and the Mac is healthy', async (name, gateway, address) => {
    const { code, diagnosis } = await check(name);
    expect(ids(diagnosis)).not.toContain('input-unparseable');
    expect(diagnosis.egress).toMatchObject({ interface: 'en0', gateway, natSource: address });
    expect([diagnosis.verdict, code]).toEqual(['green', 0]);
  });

  it('a VM route table with no minikube status is used: the bridge is found from it', async () => {
    const { diagnosis } = await check('vm-route-no-status');
    expect(diagnosis.vm).toMatchObject({ state: null, gateway: '192.168.77.1' });
    expect(hop(diagnosis, 'vm')).toMatchObject({ light: 'green', summary: expect.stringContaining('not recorded') });
    expect(hop(diagnosis, 'bridge').light).toBe('green');
    expect(diagnosis.bridge?.interface).toBe('bridge100');
  });

  it("a host with only a VPN's 0/1 route: the VPN finding, never 'no default route' or 'reconnect Wi-Fi'", async () => {
    const { code, diagnosis } = await check('vpn-only-0-1');
    expect(ids(diagnosis)).toEqual(['vpn-default-route']);
    const text = JSON.stringify(diagnosis);
    expect(text).not.toMatch(/Reconnect Wi-Fi/);
    expect(text).not.toMatch(/probes show no failure/);
    expect(hop(diagnosis, 'nat').light).toBe('yellow');
    expect([diagnosis.verdict, code]).toEqual(['yellow', 1]);
  });

  it('never says green with an unknown hop on the path, in any bundle', async () => {
    for (const name of Object.keys(BUNDLES)) {
      const { diagnosis } = await check(name);
      if (diagnosis.verdict === 'green')
        expect(
          diagnosis.hops.filter((h) => h.onPath && h.light !== 'green'),
          name,
        ).toEqual([]);
    }
  });

  it('the same host state gives the same verdict through `route -n get default` alone or `netstat -rn` alone', async () => {
    const only = async (name: string, drop: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'bl-routes-'));
      for (const [file, text] of Object.entries(BUNDLES[name as keyof typeof BUNDLES]))
        if (file !== drop) writeFileSync(join(dir, file), text);
      return (JSON.parse((await runCli(['check', '--json', '--replay', dir])).stdout) as Diagnosis).verdict;
    };
    const both = Object.entries(BUNDLES).filter(
      ([name, files]) => name !== 'garbage' && 'netstat-rn.txt' in files && 'route-get-default.txt' in files,
    );
    expect(both.length).toBeGreaterThan(8);
    for (const [name] of both) {
      const viaRouteGet = await only(name, 'netstat-rn.txt');
      expect(await only(name, 'route-get-default.txt'), name).toBe(viaRouteGet);
      expect((await check(name)).diagnosis.verdict, name).toBe(viaRouteGet);
    }
  });

  it('garbage files: input-unparseable names each file, nothing is invented, no crash', async () => {
    const { code, diagnosis } = await check('garbage');
    const finding = diagnosis.findings.find((f) => f.id === 'input-unparseable');
    expect(finding).toBeDefined();
    const evidence = finding!.evidence.join('\n');
    for (const file of ['ifconfig.txt', 'netstat-rn.txt', 'minikube-status.json', 'probes.json'])
      expect(evidence).toContain(file);
    for (const line of finding!.evidence) expect(line.length).toBeLessThan(220);
    // route-get-default.txt is genuine, so en0 is known to be the egress; its addresses are not.
    expect(diagnosis.egress?.addresses ?? []).toEqual([]);
    expect(diagnosis.egress?.natSource ?? null).toBeNull();
    expect(ids(diagnosis)).not.toContain('minikube-unresponsive');
    expect(fixes(diagnosis)).toEqual([]);
    expect(hop(diagnosis, 'egress').light).toBe('unknown');
    expect(hop(diagnosis, 'vm').light).toBe('unknown');
    expect([1, 3]).toContain(code);
  });

  it('an unreadable VM route table makes only the VM side unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-vmroute-'));
    for (const [file, text] of Object.entries(BUNDLES.seed)) writeFileSync(join(dir, file), text);
    writeFileSync(join(dir, 'vm-ip-route.txt'), BUNDLES.garbage['vm-ip-route.txt']!);
    const diagnosis = JSON.parse((await runCli(['check', '--json', '--replay', dir])).stdout) as Diagnosis;
    expect(diagnosis.findings.find((f) => f.id === 'input-unparseable')?.evidence.join(' ')).toContain(
      'vm-ip-route.txt',
    );
    expect(diagnosis.vm?.gateway ?? null).toBeNull();
    expect(hop(diagnosis, 'bridge').light).toBe('unknown');
    expect(diagnosis.egress?.natSource).toBe('172.2.9.61');
    expect(ids(diagnosis)).toContain('nat-source-stale');
  });

  it('a file over 8 MB is refused with a clear message and the rest still comes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-big-'));
    for (const [file, text] of Object.entries(BUNDLES.seed)) writeFileSync(join(dir, file), text);
    writeFileSync(join(dir, 'netstat-rn.txt'), 'x'.repeat(8 * 1024 * 1024 + 10));
    const run = await runCli(['check', '--json', '--replay', dir]);
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    const finding = diagnosis.findings.find((f) => f.id === 'input-unparseable');
    expect(finding?.evidence.join(' ')).toMatch(/netstat-rn\.txt.*8 MB/);
    expect(diagnosis.egress?.natSource).toBe('172.2.9.61');
  });

  it('one byte of garbage in the egress header: the seed is never read ALL CLEAR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-damaged-'));
    for (const [file, text] of Object.entries(BUNDLES.seed)) writeFileSync(join(dir, file), text);
    writeFileSync(
      join(dir, 'ifconfig.txt'),
      BUNDLES.seed['ifconfig.txt']!.replace(/^en0: flags=/m, 'e\u0001n0: flags='),
    );
    const { code, stdout } = await runCli(['check', '--json', '--replay', dir]);
    const diagnosis = JSON.parse(stdout) as Diagnosis;
    expect(diagnosis.verdict).not.toBe('green');
    expect(code).not.toBe(0);
    expect(diagnosis.findings.find((f) => f.id === 'input-unparseable')?.evidence.join(' ')).toContain('ifconfig.txt');
  });

  it("a stranger's links, FIFO and folders are notes: nothing followed, nothing leaked, no hang, no crash", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-hostile-'));
    for (const [file, text] of Object.entries(BUNDLES.seed)) writeFileSync(join(dir, file), text);
    for (const file of ['ifconfig.txt', 'netstat-rn.txt', 'probes.json', 'minikube-status.json'])
      rmSync(join(dir, file));
    symlinkSync('/etc/shadow', join(dir, 'ifconfig.txt'));
    symlinkSync('/dev/zero', join(dir, 'netstat-rn.txt'));
    execFileSync('mkfifo', [join(dir, 'probes.json')]);
    mkdirSync(join(dir, 'minikube-status.json'));
    const run = await runCli(['check', '--json', '--replay', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).not.toBe(70);
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    const evidence = diagnosis.findings.find((f) => f.id === 'input-unparseable')?.evidence.join('\n') ?? '';
    expect(evidence).toMatch(/ifconfig\.txt is a symbolic link: not followed/);
    expect(evidence).toMatch(/netstat-rn\.txt is a symbolic link: not followed/);
    expect(evidence).toMatch(/probes\.json is not a regular file/);
    expect(evidence).toMatch(/minikube-status\.json is a folder/);
    expect(run.stdout).not.toMatch(/root:/);
    expect(diagnosis.verdict).not.toBe('green');
  });

  it('human output draws the path, the roles and the exact fix command', async () => {
    const run = await runCli(['check', '--replay', bundlePath('seed')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/BROKEN/);
    expect(run.stdout).toMatch(/bridge100/);
    expect(run.stdout).toMatch(/172\.2\.9\.61\/16\s+stale\s+← NAT source/);
    expect(run.stdout).toContain('fix: sudo ifconfig en0 delete 172.2.9.61');
    expect(run.stdout).toContain(`more: ${findingDocUrl('nat-source-stale')}`);
    expect(run.stdout).not.toMatch(/\u001b\[/); // no colour codes when not on a TTY
  });
});

describe('bad input', () => {
  it('missing bundle folder → 66, one line, no stack', async () => {
    const run = await runCli(['check', '--replay', '/nonexistent/bundle']);
    expect(run.code).toBe(66);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('--vm: a bad one is refused in one line naming it, before anything runs', async () => {
    const run = await runCli(['check', '--replay', bundlePath('seed'), '--vm', 'lima/default', '--vm', 'tart/-x']);
    expect(run).toEqual({
      code: 64,
      stdout: '',
      stderr: 'bridgelight check: --vm "tart/-x": "-x" is not a Tart VM name\n',
    });
  });

  it('--vm minikube/NAME replays as --profile NAME does', async () => {
    const byVm = await runCli(['check', '--json', '--replay', bundlePath('seed'), '--vm', 'minikube/minikube']);
    const byProfile = await runCli(['check', '--json', '--replay', bundlePath('seed'), '--profile', 'minikube']);
    expect(byVm).toEqual(byProfile);
    expect(byVm.code).toBe(2);
  });

  it('invalid manifest → 65', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-bad-'));
    writeFileSync(join(dir, 'manifest.json'), '{"format":"bridgelight-bundle","version":9}');
    const run = await runCli(['check', '--replay', dir]);
    expect(run.code).toBe(65);
    expect(run.stderr).toMatch(/^bridgelight check: manifest\.json: version 9 is not supported/);
  });

  it('usage errors → 64 with one line', async () => {
    for (const argv of [
      ['check', '--bogus'],
      ['check', '--probe', 'nope'],
      ['check', '--profile', '../x'],
      ['check', '--vm', 'vagrant/default'],
      ['check', '--vm', 'lima/../x'],
      ['check', '--vm', 'lima', '--vm', 'minikube/a b'],
      ['watch', '--vm', 'nope'],
      ['frobnicate'],
      [],
      ['check', 'extra'],
    ]) {
      const run = await runCli(argv);
      expect(run.code, argv.join(' ')).toBe(64);
      expect(run.stdout === '' || argv.length === 0).toBe(true);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('the README', () => {
  it('shows exactly what `check --replay` prints for the seed bundle', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = readme.match(
      /<!-- check-example:start -->\n```\n\$ bridgelight check --replay test\/fixtures\/bundles\/seed\n([\s\S]*?)```\n/,
    );
    expect(block, 'the example block in README.md').not.toBeNull();
    const run = await runCli(['check', '--replay', bundlePath('seed')]);
    expect(block![1]).toBe(run.stdout);
  });
});

// test/fixtures/diagnoses: what the engine says for a bundle, for the popover's and main's tests.
// UPDATE_FIXTURES=1 npx vitest run test/cli/check-replay.test.ts -t 'diagnosis fixtures' rewrites them.
describe('the diagnosis fixtures', () => {
  const dir = new URL('../fixtures/diagnoses/', import.meta.url).pathname;
  const fixtures = readdirSync(dir).filter((file) => file.endsWith('.json'));

  it('cover the bundles the popover and main tests use', () => {
    expect(fixtures.sort()).toEqual(['garbage.json', 'healthy.json', 'second-after-dhcp.json', 'seed.json']);
  });

  it.each(fixtures)('%s is what `check --json --replay` prints for its bundle', async (file) => {
    const run = await runCli(['check', '--json', '--replay', bundlePath(file.replace(/\.json$/, ''))]);
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(join(dir, file), run.stdout);
    expect(readFileSync(join(dir, file), 'utf8')).toBe(run.stdout);
  });
});
