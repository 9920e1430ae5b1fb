// Hostile bundles for the linearity figures: for each file a bundle can hold, about 8 MB (the cap) of the
// shape that once made a parser or the diagnosis super-linear. Used by `npm run bench` (test/bench/run.mjs),
// which times `check --replay` on each; the property tests feed the same shapes, smaller, to the parsers.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = path.join(ROOT, 'test/fixtures/bundles/seed');
export const SIZE = 8 * 1024 * 1024 - 4096;

const fill = (head, unit, tail = '') =>
  head + unit.repeat(Math.floor((SIZE - head.length - tail.length) / unit.length)) + tail;

/** `count` inet lines; with `split`, every other one outside the gateway's (172.2.2.2) subnet. */
function addresses(count, split = false) {
  const lines = [];
  for (let i = 0; i < count; i++)
    lines.push(
      split && i % 2 === 1
        ? `\tinet 10.9.${(i >> 8) & 255}.${i & 255} netmask 0xffff0000 broadcast 10.9.255.255`
        : `\tinet 172.2.${(i >> 8) & 255}.${i & 255} netmask 0xffff0000 broadcast 172.2.255.255`,
    );
  return lines.join('\n');
}

/** name → { base: seed bundle to start from, file, text } */
export const SHAPES = {
  'vm-probe: one line of spaces after a directive': {
    file: 'vm-probe.txt',
    text: () => fill('@@bridgelight-vm-probe v1\n@@section ', ' ', 'x\n@@end\n'),
  },
  'ifconfig: en0 with 1,000 addresses': {
    file: 'ifconfig.txt',
    text: () => `en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500\n${addresses(1000)}\n`,
  },
  'ifconfig: en0 with addresses up to the cap': {
    file: 'ifconfig.txt',
    text: () => `en0: flags=8863<UP,RUNNING> mtu 1500\n${addresses(Math.floor(SIZE / 64))}\n`,
  },
  "ifconfig: en0 with addresses up to the cap, half outside the gateway's subnet": {
    file: 'ifconfig.txt',
    text: () => `en0: flags=8863<UP,RUNNING> mtu 1500\n${addresses(Math.floor(SIZE / 64), true)}\n`,
  },
  'ifconfig: one header line of flags': {
    file: 'ifconfig.txt',
    text: () => fill('en0: flags=8863<', 'UP,', '> mtu 1500\n'),
  },
  'netstat -rn: one line of spaces': { file: 'netstat-rn.txt', text: () => fill('default', ' ', 'x\n') },
  'route get: one line of spaces': { file: 'route-get-default.txt', text: () => fill('   route to: ', ' ', 'x\n') },
  'ipconfig getpacket: one line of spaces': {
    file: 'ipconfig-getpacket-en0.txt',
    text: () => fill('yiaddr = ', ' ', 'x\n'),
  },
  'minikube status: unbalanced brackets on every line': {
    file: 'minikube-status.json',
    text: () => fill('', '[{"Name": "x"\n'),
  },
  'minikube status: one unterminated string': { file: 'minikube-status.json', text: () => fill('{"Name": "', 'a') },
  'probes.json: deep nesting': { file: 'probes.json', text: () => fill('', '[') },
  'vm ip route: one line of spaces': { file: 'vm-ip-route.txt', text: () => fill('default via', ' ', 'x\n') },
};

export const LINUX_SHAPES = {
  'ip -j addr: 100,000 bridge members': {
    file: 'ip-addr.json',
    text: () => {
      const links = [];
      let length = 2;
      for (let i = 0; length < SIZE - 200 && i < 100000; i++) {
        const link = `{"ifindex":${i + 10},"ifname":"veth${i}","master":"br0","flags":["UP"],"addr_info":[]}`;
        links.push(link);
        length += link.length + 1;
      }
      return `[${links.join(',')}]`;
    },
  },
};

/** Writes one bundle per shape into a fresh temporary folder; returns [name, dir] pairs. */
export function writeShapes() {
  const root = mkdtempSync(path.join(tmpdir(), 'bl-adversarial-'));
  const made = [];
  for (const [shapes, platform] of [
    [SHAPES, 'darwin'],
    [LINUX_SHAPES, 'linux'],
  ]) {
    for (const [name, shape] of Object.entries(shapes)) {
      const dir = path.join(root, String(made.length));
      cpSync(SEED, dir, { recursive: true });
      // The Linux shapes reuse the seed's minikube side; the host files they lack are notes, as they should be.
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, platform }));
      writeFileSync(path.join(dir, shape.file), shape.text());
      made.push([name, dir]);
    }
  }
  return made;
}
