// The privileged helper, run for real against throwaway network namespaces (Linux branch) and against fake
// ifconfig/ipconfig (macOS branch). The root namespace is never touched.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isInterfaceName } from '@src/shared/names';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeWhere, HELPER, netnsAvailable, type RunResult, run } from '../lab/lab';

// macOS runs /bin/sh as bash in POSIX mode; Debian's is dash. The helper must behave the same under both.
// bash may be missing on a laptop; in CI every skip is a failure, so there it is always run (and fails if absent).
const SHELLS = ['sh', ...(existsSync('/bin/bash') || process.env.CI ? ['bash'] : [])];

let nsCounter = 0;
const namespaces = new Set<string>();

/** A namespace holding en0 (a veth; this kernel may lack dummy) with static addresses, so `ip -o addr` is stable. */
async function makeNamespace(addresses: readonly string[]): Promise<string> {
  nsCounter += 1;
  const ns = `blhelper${process.pid}x${nsCounter}`;
  namespaces.add(ns);
  const steps: string[][] = [
    ['ip', 'netns', 'add', ns],
    ['ip', '-n', ns, 'link', 'add', 'en0', 'type', 'veth', 'peer', 'name', 'en1'],
    // The kernel default, whatever the distribution set: the helper must switch it on by itself.
    ['ip', 'netns', 'exec', ns, 'sh', '-c', 'echo 0 > /proc/sys/net/ipv4/conf/all/promote_secondaries'],
    ['ip', 'netns', 'exec', ns, 'sh', '-c', 'echo 0 > /proc/sys/net/ipv4/conf/en0/promote_secondaries'],
    ...addresses.map((cidr) => ['ip', '-n', ns, 'addr', 'add', cidr, 'dev', 'en0']),
  ];
  for (const step of steps) {
    const result = await run(step);
    if (result.code !== 0) throw new Error(`${step.join(' ')}: ${result.stderr}`);
  }
  return ns;
}

async function dropNamespace(ns: string): Promise<void> {
  await run(['ip', 'netns', 'del', ns]);
  namespaces.delete(ns);
}

function helper(ns: string, args: readonly string[], options: { shell?: string; cwd?: string } = {}) {
  return run(['ip', 'netns', 'exec', ns, options.shell ?? 'sh', HELPER, ...args], { cwd: options.cwd });
}

/** `ADDRESS/PREFIX primary|secondary` for en0, in the kernel's order. */
async function addresses(ns: string): Promise<string[]> {
  const result = await run(['ip', '-n', ns, '-o', '-4', 'addr', 'show', 'dev', 'en0']);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => `${line.split(/\s+/)[3]} ${/ secondary /.test(line) ? 'secondary' : 'primary'}`);
}

/** Everything a refused call must leave alone: every address in the namespace, byte for byte, and the sysctl. */
async function snapshot(ns: string): Promise<string> {
  const addr = await run(['ip', '-n', ns, '-o', 'addr']);
  const sysctl = await run(['ip', 'netns', 'exec', ns, 'cat', '/proc/sys/net/ipv4/conf/en0/promote_secondaries']);
  return `${addr.stdout}--\n${sysctl.stdout}`;
}

function expectDone(result: RunResult, line: string): void {
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe(`${line}\n`);
  expect(result.code).toBe(0);
}

function expectRefused(result: RunResult): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^bridgelight-helper: refused: [^\n]+\n$/);
  expect(result.code).toBe(2);
}

describe('helper: static checks', () => {
  it('is shellcheck-clean as POSIX sh', () => {
    let output = '';
    try {
      output = execFileSync('shellcheck', ['-s', 'sh', HELPER], { encoding: 'utf8' });
    } catch (error) {
      const failure = error as NodeJS.ErrnoException & { stdout?: string };
      if (failure.code === 'ENOENT') throw new Error('shellcheck is not installed (apt-get install shellcheck)');
      throw new Error(`shellcheck found problems:\n${failure.stdout ?? failure.message}`);
    }
    expect(output).toBe('');
  });

  it('never evaluates, never uses backticks, never reads tool paths from the environment', () => {
    const code = readFileSync(HELPER, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*#/.test(line))
      .join('\n');
    expect(code).not.toMatch(/\beval\b/);
    expect(code).not.toContain('`');
    expect(code).toMatch(/^PATH=\/usr\/sbin:\/usr\/bin:\/sbin:\/bin$/m);
    expect(code).toMatch(/^set -eu$/m);
    expect(code).toMatch(/^umask 077$/m);
  });
});

describeWhere(netnsAvailable(), 'helper: Linux, in a throwaway network namespace', () => {
  afterAll(async () => {
    for (const ns of [...namespaces]) await dropNamespace(ns);
    const left = await run(['ip', 'netns', 'list']);
    expect(left.stdout).not.toContain(`blhelper${process.pid}x`);
  });

  describe.each(SHELLS)('run by %s', (shell) => {
    let ns = '';
    beforeEach(async () => {
      ns = await makeNamespace(['192.0.2.10/24', '192.0.2.20/24', '203.0.113.5/24']);
      // The kernel lists secondaries after every primary.
      expect(await addresses(ns)).toEqual([
        '192.0.2.10/24 primary',
        '203.0.113.5/24 primary',
        '192.0.2.20/24 secondary',
      ]);
    });
    afterEach(async () => dropNamespace(ns));

    it('removes a secondary address', async () => {
      expectDone(await helper(ns, ['remove-address', 'en0', '192.0.2.20'], { shell }), 'removed 192.0.2.20 from en0');
      expect(await addresses(ns)).toEqual(['192.0.2.10/24 primary', '203.0.113.5/24 primary']);
    });

    it('control: a plain `ip addr del` of the primary takes its secondary with it', async () => {
      const raw = await run(['ip', '-n', ns, 'addr', 'del', '192.0.2.10/24', 'dev', 'en0']);
      expect(raw.code).toBe(0);
      expect(await addresses(ns)).toEqual(['203.0.113.5/24 primary']);
    });

    it('removes a primary and the secondary survives (promote_secondaries)', async () => {
      expectDone(await helper(ns, ['remove-address', 'en0', '192.0.2.10'], { shell }), 'removed 192.0.2.10 from en0');
      expect(await addresses(ns)).toEqual(['203.0.113.5/24 primary', '192.0.2.20/24 primary']);
      const sysctl = await run(['ip', 'netns', 'exec', ns, 'cat', '/proc/sys/net/ipv4/conf/en0/promote_secondaries']);
      expect(sysctl.stdout).toBe('1\n');
    });

    it('add-address undoes a removal, and refuses an address that is already there', async () => {
      const before = await snapshot(ns);
      expectDone(await helper(ns, ['remove-address', 'en0', '192.0.2.20'], { shell }), 'removed 192.0.2.20 from en0');
      expectDone(await helper(ns, ['add-address', 'en0', '192.0.2.20/24'], { shell }), 'added 192.0.2.20/24 to en0');
      expect(await snapshot(ns)).toBe(before);
      expectRefused(await helper(ns, ['add-address', 'en0', '192.0.2.20/24'], { shell }));
      expect(await snapshot(ns)).toBe(before);
    });

    it('refuses a point-to-point address, whose prefix it cannot read, and changes nothing', async () => {
      const p2p = await makeNamespace(['198.51.100.3/24']);
      try {
        const added = await run(['ip', '-n', p2p, 'addr', 'add', '192.0.2.1', 'peer', '192.0.2.2/32', 'dev', 'en0']);
        expect(added.code).toBe(0);
        const before = await snapshot(p2p);
        expectRefused(await helper(p2p, ['remove-address', 'en0', '192.0.2.1'], { shell }));
        expect(await snapshot(p2p)).toBe(before);
      } finally {
        await dropNamespace(p2p);
      }
    });

    it('puts the removed address back when another process took the other ones meanwhile', async () => {
      // The helper with its ip tool swapped for one that, on `addr del`, also flushes every other address.
      const scratch = mkdtempSync(path.join(tmpdir(), 'bl-helper-racer-'));
      try {
        const racer = path.join(scratch, 'ip');
        writeFileSync(racer, '#!/bin/sh\n/sbin/ip "$@" || exit\n[ "$2" != del ] || /sbin/ip -4 addr flush dev en0\n');
        chmodSync(racer, 0o755);
        const script = path.join(scratch, 'bridgelight-helper');
        const original = readFileSync(HELPER, 'utf8');
        writeFileSync(script, original.replace('for c in /sbin/ip /usr/sbin/ip; do', `for c in ${racer}; do`));
        expect(readFileSync(script, 'utf8')).not.toBe(original);
        const result = await run(['ip', 'netns', 'exec', ns, shell, script, 'remove-address', 'en0', '192.0.2.20']);
        expect(result.stderr).toBe(
          'bridgelight-helper: failed: en0 had no IPv4 address left (another address went meanwhile), so 192.0.2.20 was put back\n',
        );
        expect(result.code).toBe(1);
        expect(await addresses(ns)).toEqual(['192.0.2.20/24 primary']);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });

    it('refuses to remove the only address', async () => {
      const lonely = await makeNamespace(['198.51.100.7/24']);
      try {
        const before = await snapshot(lonely);
        const result = await helper(lonely, ['remove-address', 'en0', '198.51.100.7'], { shell });
        expectRefused(result);
        expect(result.stderr).toContain('only IPv4 address');
        expect(await snapshot(lonely)).toBe(before);
      } finally {
        await dropNamespace(lonely);
      }
    });
  });
});

// Why each call must be refused: a refusal for the wrong reason (say "not on en0" for "010.0.0.1") would hide a
// validation hole behind a lucky string comparison.
const NAME = /refused: not an interface name$/;
const ADDRESS = /refused: not a canonical IPv4 address$/;
const PREFIX = /refused: prefix must be 0-32 without leading zeros$/;
const SHAPE = /refused: expected IPV4\/PREFIX$/;
const VERB = /refused: unknown verb$/;
const COUNT = /refused: (remove|add)-address takes exactly two arguments$/;
const HOST = /refused: \S+ is not a host address to add \(loopback, multicast, 0\.0\.0\.0\/8 or a prefix below \/8\)$/;

/** Arguments an attacker (or a bug upstream) could hand the helper; CANARY is replaced by a fresh file path. */
const HOSTILE: readonly (readonly [readonly string[], RegExp])[] = [
  // Interface names. (`en0;reboot` is spelt with a harmless payload: a broken helper must not reboot the box.)
  [['remove-address', 'en0;touch CANARY', '192.0.2.20'], NAME],
  [['remove-address', 'en0 && touch CANARY', '192.0.2.20'], NAME],
  [['remove-address', '$(touch CANARY)', '192.0.2.20'], NAME],
  [['remove-address', '`touch CANARY`', '192.0.2.20'], NAME],
  [['remove-address', 'en0|touch CANARY', '192.0.2.20'], NAME],
  [['remove-address', '../../etc', '192.0.2.20'], NAME],
  [['remove-address', '/sbin/ip', '192.0.2.20'], NAME],
  [['remove-address', 'en0\ntouch CANARY', '192.0.2.20'], NAME],
  [['remove-address', 'en0\n', '192.0.2.20'], NAME],
  [['remove-address', 'a'.repeat(16), '192.0.2.20'], NAME],
  [['remove-address', 'ẹn0', '192.0.2.20'], NAME],
  [['remove-address', 'en0\u00a0', '192.0.2.20'], NAME],
  [['remove-address', '', '192.0.2.20'], NAME],
  [['remove-address', 'EN0', '192.0.2.20'], NAME],
  [['remove-address', '0en', '192.0.2.20'], NAME],
  [['remove-address', '-h', '192.0.2.20'], NAME],
  [['remove-address', '--', '192.0.2.20'], NAME],
  [['remove-address', 'en0 ', '192.0.2.20'], NAME],
  [['remove-address', 'en9', '192.0.2.20'], /refused: no interface en9$/],
  [['remove-address', 'lo', '127.0.0.1'], /refused: 127\.0\.0\.1 is not on lo$/],
  // Addresses. The first two name an address that IS on en0 when read as decimal.
  [['remove-address', 'en0', '192.0.2.020'], ADDRESS],
  [['remove-address', 'en0', '192.000.2.20'], ADDRESS],
  [['remove-address', 'en0', '010.0.0.1'], ADDRESS],
  [['remove-address', 'en0', '1.2.3.256'], ADDRESS],
  [['remove-address', 'en0', '1.2.3'], ADDRESS],
  [['remove-address', 'en0', '1.2.3.4.5'], ADDRESS],
  [['remove-address', 'en0', ' 192.0.2.20'], ADDRESS],
  [['remove-address', 'en0', '192.0.2.20 '], ADDRESS],
  [['remove-address', 'en0', '192.0.2.20\n'], ADDRESS],
  [['remove-address', 'en0', '192.0.2.20;touch CANARY'], ADDRESS],
  [['remove-address', 'en0', '$(touch CANARY)'], ADDRESS],
  [['remove-address', 'en0', '192.0.2.20/24'], ADDRESS],
  [['remove-address', 'en0', '0x7f.0.0.1'], ADDRESS],
  [['remove-address', 'en0', '192.0.2.-1'], ADDRESS],
  [['remove-address', 'en0', '192..2.20'], ADDRESS],
  [['remove-address', 'en0', '.192.0.2'], ADDRESS],
  [['remove-address', 'en0', '１92.0.2.20'], ADDRESS],
  [['remove-address', 'en0', ''], ADDRESS],
  [['remove-address', 'en0', '192.0.2.99'], /refused: 192\.0\.2\.99 is not on en0$/],
  // Prefixes.
  [['add-address', 'en0', '192.0.2.30/33'], PREFIX],
  [['add-address', 'en0', '192.0.2.30/08'], PREFIX],
  [['add-address', 'en0', '192.0.2.30/'], PREFIX],
  [['add-address', 'en0', '192.0.2.30/-1'], PREFIX],
  [['add-address', 'en0', '192.0.2.30/ 24'], PREFIX],
  [['add-address', 'en0', '192.0.2.30/100'], PREFIX],
  [['add-address', 'en0', '192.0.2.30/24;touch CANARY'], SHAPE], // CANARY holds slashes
  [['add-address', 'en0', '192.0.2.30'], SHAPE],
  [['add-address', 'en0', '192.0.2.30/24/24'], SHAPE],
  [['add-address', 'en0', '192.0.2.030/24'], ADDRESS],
  [['add-address', 'en0', '192.0.2.20/24'], /refused: 192\.0\.2\.20 is already on en0$/],
  // Addresses that are no host's: loopback, multicast, "this network", and prefixes that claim the internet.
  [['add-address', 'en0', '127.0.0.2/8'], HOST],
  [['add-address', 'en0', '127.255.255.254/24'], HOST],
  [['add-address', 'en0', '224.0.0.251/24'], HOST],
  [['add-address', 'en0', '239.255.255.250/24'], HOST],
  [['add-address', 'en0', '0.0.0.0/0'], HOST],
  [['add-address', 'en0', '0.0.0.0/24'], HOST],
  [['add-address', 'en0', '0.1.2.3/24'], HOST],
  [['add-address', 'en0', '192.0.2.30/7'], HOST],
  [['add-address', 'en0', '192.0.2.30/0'], HOST],
  // Verbs and argument counts.
  [[], /refused: usage: /],
  [[''], VERB],
  [['frob', 'en0', '192.0.2.20'], VERB],
  [['REMOVE-ADDRESS', 'en0', '192.0.2.20'], VERB],
  [['remove-address;touch CANARY', 'en0', '192.0.2.20'], VERB],
  [['--help'], VERB],
  [['remove-address'], COUNT],
  [['remove-address', 'en0'], COUNT],
  [['remove-address', 'en0', '192.0.2.20', 'extra'], COUNT],
  [['remove-address', 'en0', '192.0.2.20', ''], COUNT],
  [['add-address', 'en0'], COUNT],
  [['add-address', 'en0', '192.0.2.30/24', '--'], COUNT],
];

describeWhere(netnsAvailable(), 'helper: hostile arguments are refused and change nothing', () => {
  let ns = '';
  let scratch = '';
  let before = '';
  beforeAll(async () => {
    ns = await makeNamespace(['192.0.2.10/24', '192.0.2.20/24', '203.0.113.5/24']);
    before = await snapshot(ns);
  });
  afterAll(async () => dropNamespace(ns));
  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'bl-helper-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  describe.each(SHELLS)('run by %s', (shell) => {
    it.each(HOSTILE.map(([args, why]) => [JSON.stringify(args), args, why] as const))(
      '%s',
      async (_label, args, why) => {
        const canary = path.join(scratch, 'pwned');
        const argv = args.map((arg) => arg.replaceAll('CANARY', canary));
        // cwd is the scratch dir, so a relative path in an argument could only land there, where we look.
        const result = await run(['ip', 'netns', 'exec', ns, shell, HELPER, ...argv], {
          cwd: scratch,
          env: { ...process.env, TMPDIR: scratch },
        });
        expectRefused(result);
        expect(result.stderr.trimEnd()).toMatch(why);
        expect(existsSync(canary)).toBe(false);
        expect(execFileSync('ls', ['-A', scratch], { encoding: 'utf8' })).toBe('');
        expect(await snapshot(ns)).toBe(before);
      },
    );
  });
});

// ---- macOS branch: the script itself, with only its tool paths rewritten to fakes ----

const FAKE_IFCONFIG = `#!/bin/sh
# Fake /sbin/ifconfig: one interface, en0, whose addresses are "ADDRESS HEXMASK" lines in $STATE.
dir=$(dirname "$0"); state="$dir/state"
printf '%s\\n' "$*" >>"$dir/calls"
[ "$1" = en0 ] || { echo "ifconfig: interface $1 does not exist" >&2; exit 1; }
if [ "$#" -eq 1 ]; then
  printf 'en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500\\n'
  printf '\\toptions=6460<TSO4,TSO6,CHANNEL_IO,PARTIAL_CSUM,ZEROINVERT_CSUM>\\n\\tether 3c:22:fb:00:00:01\\n'
  printf '\\tinet6 fe80::1c1a:2b3c:4d5e:6f70%%en0 prefixlen 64 secured scopeid 0x6\\n'
  while read -r a m; do printf '\\tinet %s netmask %s broadcast 198.51.100.255\\n' "$a" "$m"; done <"$state"
  printf '\\tnd6 options=201<PERFORMNUD,DAD>\\n\\tmedia: autoselect\\n\\tstatus: active\\n'
  exit 0
fi
[ -e "$dir/fail" ] && { echo "ifconfig: ioctl (SIOCDIFADDR): Can't assign requested address" >&2; exit 1; }
# $dir/racer: another process removes every other address at the moment of the delete.
case $2 in
  delete) grep -v "^$3 " "$state" >"$state.new"; mv "$state.new" "$state"; [ ! -e "$dir/racer" ] || : >"$state" ;;
  alias) printf '%s %s\\n' "$3" "$5" >>"$state" ;;
  *) exit 1 ;;
esac
`;

const FAKE_IPCONFIG = `#!/bin/sh
# Fake /usr/sbin/ipconfig getpacket: the lease in $dir/yiaddr, or no packet at all (exit 1) without that file.
dir=$(dirname "$0")
[ "$1" = getpacket ] && [ -e "$dir/yiaddr" ] || exit 1
printf 'op = BOOTREPLY\\nhtype = 1\\nflags = 0\\nhlen = 6\\nhops = 0\\nxid = 0x1b2c3d4e\\nsecs = 0\\n'
printf 'ciaddr = 0.0.0.0\\nyiaddr = %s\\nsiaddr = 198.51.100.1\\ngiaddr = 0.0.0.0\\n' "$(cat "$dir/yiaddr")"
printf 'chaddr = 3c:22:fb:0:0:1\\nsname = \\nfile = \\noptions:\\nOptions count is 1\\n'
printf 'dhcp_message_type (uint8): ACK 0x5\\n'
`;

describe('helper: macOS branch against fake ifconfig/ipconfig', () => {
  let fake = '';
  let script = '';
  beforeEach(() => {
    fake = mkdtempSync(path.join(tmpdir(), 'bl-helper-mac-'));
    for (const [name, body] of [
      ['ifconfig', FAKE_IFCONFIG],
      ['ipconfig', FAKE_IPCONFIG],
    ] as const) {
      writeFileSync(path.join(fake, name), body);
      chmodSync(path.join(fake, name), 0o755);
    }
    writeFileSync(path.join(fake, 'state'), '198.51.100.66 0xffffff00\n198.51.100.7 0xffffff00\n');
    writeFileSync(path.join(fake, 'yiaddr'), '198.51.100.7\n');
    const original = readFileSync(HELPER, 'utf8');
    const rewritten = original
      .replaceAll('/sbin/ifconfig', `${fake}/ifconfig`)
      .replaceAll('/usr/sbin/ipconfig', `${fake}/ipconfig`)
      .replaceAll('"$(uname -s)"', 'Darwin');
    // Guards the rewrite itself: a missed path would make this test run the real tool.
    expect(rewritten).not.toMatch(/(^|[^/\w])\/sbin\/ifconfig|\/usr\/sbin\/ipconfig|uname -s/);
    expect(rewritten.split(`${fake}/`).length).toBeGreaterThan(4);
    script = path.join(fake, 'bridgelight-helper');
    writeFileSync(script, rewritten);
  });
  afterEach(() => rmSync(fake, { recursive: true, force: true }));

  const helperMac = (args: readonly string[], shell = 'sh') => run([shell, script, ...args]);
  const state = () => readFileSync(path.join(fake, 'state'), 'utf8');
  const calls = () => readFileSync(path.join(fake, 'calls'), 'utf8').split('\n').filter(Boolean);

  it.each(SHELLS)('removes the stale address with ifconfig delete (%s)', async (shell) => {
    expectDone(await helperMac(['remove-address', 'en0', '198.51.100.66'], shell), 'removed 198.51.100.66 from en0');
    expect(state()).toBe('198.51.100.7 0xffffff00\n');
    expect(calls()).toContain('en0 delete 198.51.100.66');
  });

  it('refuses to remove the DHCP lease (yiaddr)', async () => {
    expectRefused(await helperMac(['remove-address', 'en0', '198.51.100.7']));
    expect(state()).toContain('198.51.100.7 ');
    expect(calls().filter((call) => call.includes('delete'))).toEqual([]);
  });

  it('without a lease, removes a non-only address; always refuses the only one', async () => {
    rmSync(path.join(fake, 'yiaddr'));
    expectDone(await helperMac(['remove-address', 'en0', '198.51.100.7']), 'removed 198.51.100.7 from en0');
    expectRefused(await helperMac(['remove-address', 'en0', '198.51.100.66']));
    expect(state()).toBe('198.51.100.66 0xffffff00\n');
  });

  it('adds with ifconfig alias and a dotted netmask', async () => {
    expectDone(await helperMac(['add-address', 'en0', '198.51.100.9/23']), 'added 198.51.100.9/23 to en0');
    expect(calls()).toContain('en0 alias 198.51.100.9 netmask 255.255.254.0');
    expectDone(await helperMac(['add-address', 'en0', '192.0.2.1/8']), 'added 192.0.2.1/8 to en0');
    expect(calls()).toContain('en0 alias 192.0.2.1 netmask 255.0.0.0');
    expectRefused(await helperMac(['add-address', 'en0', '198.51.100.66/24']));
    const alias = calls().filter((call) => call.includes('alias')).length;
    for (const cidr of ['192.0.2.2/0', '127.0.0.2/8', '224.0.0.251/24', '0.0.0.0/16']) {
      const result = await helperMac(['add-address', 'en0', cidr]);
      expectRefused(result);
      expect(result.stderr.trimEnd()).toMatch(HOST);
    }
    expect(calls().filter((call) => call.includes('alias'))).toHaveLength(alias);
  });

  it.each(SHELLS)(
    'puts the removed address back, netmask and all, when the interface is left without IPv4 (%s)',
    async (shell) => {
      rmSync(path.join(fake, 'yiaddr'));
      writeFileSync(path.join(fake, 'racer'), '');
      const result = await helperMac(['remove-address', 'en0', '198.51.100.66'], shell);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'bridgelight-helper: failed: en0 had no IPv4 address left (another address went meanwhile), so 198.51.100.66 was put back\n',
      );
      expect(result.code).toBe(1);
      expect(calls()).toContain('en0 alias 198.51.100.66 netmask 0xffffff00');
      expect(state()).toBe('198.51.100.66 0xffffff00\n');
    },
  );

  it('refuses an unknown interface and reports a failing ifconfig as exit 1 with one line', async () => {
    expectRefused(await helperMac(['remove-address', 'en9', '198.51.100.66']));
    writeFileSync(path.join(fake, 'fail'), '');
    const result = await helperMac(['remove-address', 'en0', '198.51.100.66']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^bridgelight-helper: failed: ifconfig delete: [^\n]+\n$/);
    expect(result.code).toBe(1);
    expect(state()).toContain('198.51.100.66 ');
  });
});

// The helper keeps its own copy of the interface-name rule (it trusts nothing of ours); this proves the copy and
// src/shared/names.ts accept exactly the same names, so a fix Bridgelight shows is one the helper will act on.
describeWhere(netnsAvailable(), 'helper: the interface-name rule is the one in src/shared/names.ts', () => {
  const NAMES = [
    'en0',
    'bridge100',
    'utun3',
    'enp0s31f6',
    'wlp2s0',
    'a',
    'z9',
    'a'.repeat(15),
    'a'.repeat(16),
    '',
    '0en',
    'En0',
    'EN0',
    'en-0',
    'br-1a2b3c4d5e6f',
    'eth0.100',
    'en_0',
    'en0 ',
    ' en0',
    'ẹn0',
    'en0\u00a0',
    '-en0',
    'en0/',
  ];
  let ns = '';
  beforeAll(async () => {
    ns = await makeNamespace([]);
  });
  afterAll(async () => {
    await dropNamespace(ns);
  });

  it.each(NAMES)('%j: the helper refuses it as a name exactly when isInterfaceName does', async (name) => {
    const result = await helper(ns, ['remove-address', name, '192.0.2.20']);
    expect(result.code).toBe(2);
    expect(NAME.test(result.stderr.trim())).toBe(!isInterfaceName(name));
  });
});
