// The four findings seen from inside the VM, each rebuilt with real packets: healthy → the finding appears with
// its evidence → the manual fix (done the way a person would do it in the VM) makes it go away. The lab's router
// serves secure.lab.test with a certificate from a lab CA (lab.sh), an HTTP proxy and a VPN-like resolver that
// alone knows corp.lab.test (servers.mjs).
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnosis, Finding } from '@src/shared/model';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ensureFreshBuild } from '../support/fresh-build';
import { createLab, describeWhere, LAB_ADDR, LAB_NAME, labAvailable, REPO_ROOT } from './lab';

const lab = createLab('blfvm');
const BIN = path.join(REPO_ROOT, 'bin', 'bridgelight.js');
const SECURE = 'secure.lab.test:443';
const PROXY_URL = 'http://203.0.113.12:3128';
const INTERNAL = 'app.corp.lab.test';
const VM_ETC = `/etc/netns/${lab.ns.vm}`;
const HOST_ETC = `/etc/netns/${lab.ns.host}`;
const LAB_RESOLV = 'nameserver 203.0.113.53\noptions timeout:1 attempts:2\n';
const VPN_RESOLV = 'nameserver 203.0.113.54\noptions timeout:1 attempts:2\n';

// The VM behind bridge100 and vmnet's NAT, whose files (VM_ETC) each scenario breaks and mends; the lab's other
// VMs have paths of their own.
const VMNET_VM = ['--vm', 'minikube/minikube'];

async function check(extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const args = ['check', '--json', ...VMNET_VM, '--probe', `${LAB_ADDR.web}:80`, '--dns-name', LAB_NAME, ...extra];
  const result = await lab.inHost(['node', BIN, ...args], {
    cwd: REPO_ROOT,
    env: { NO_COLOR: '1', ...env },
    timeoutMs: 30_000,
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Diagnosis;
}

const secure = ['--probe', SECURE];
const ids = (diagnosis: Diagnosis) => diagnosis.findings.map((finding) => finding.id);
const finding = (diagnosis: Diagnosis, id: string): Finding | undefined => diagnosis.findings.find((f) => f.id === id);

/** The manual fix of vm-tls-intercepted as the VM sees it: the lab CA added to the VM's trust store. */
function trustLabCaInVm(): void {
  rmSync(`${VM_ETC}/ssl`, { recursive: true, force: true });
  cpSync('/etc/ssl', `${VM_ETC}/ssl`, { recursive: true, verbatimSymlinks: true });
  const bundle = `${VM_ETC}/ssl/certs/ca-certificates.crt`;
  writeFileSync(
    bundle,
    readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8') + readFileSync(path.join(lab.dir, 'lab-ca.pem'), 'utf8'),
  );
}

function untrustLabCa(): void {
  rmSync(`${VM_ETC}/ssl`, { recursive: true, force: true });
}

describeWhere(labAvailable(['curl']), 'findings seen from inside the VM (lab)', () => {
  beforeAll(async () => {
    ensureFreshBuild('cli');
    await lab.labUp();
    if (!existsSync(path.join(lab.dir, 'lab-leaf.pem'))) throw new Error('lab.sh made no lab CA (openssl?)');
  }, 180_000);
  afterAll(async () => {
    untrustLabCa();
    rmSync(`${VM_ETC}/environment`, { force: true });
    await lab.labDown();
  });
  afterEach(async () => {
    untrustLabCa();
    rmSync(`${VM_ETC}/environment`, { force: true });
    writeFileSync(`${VM_ETC}/resolv.conf`, LAB_RESOLV);
    writeFileSync(`${HOST_ETC}/resolv.conf`, LAB_RESOLV);
    await lab.inHost(['ip', 'link', 'set', 'dev', 'en0', 'mtu', '1500']);
    await lab.inVm(['ip', 'link', 'set', 'dev', 'eth0', 'mtu', '1500']);
    await lab.inRouter(['iptables', '-F', 'INPUT']);
    await lab.inRouter(['iptables', '-F', 'OUTPUT']);
    await lab.inRouter(['iptables', '-A', 'INPUT', '-s', LAB_ADDR.stale, '-j', 'DROP']);
  });

  it('vm-tls-intercepted: healthy, then a certificate from an untrusted CA names its issuer, then adding the CA clears it', async () => {
    expect((await check()).verdict).toBe('green');

    const intercepted = await check(secure);
    expect(finding(intercepted, 'vm-tls-intercepted')).toMatchObject({
      severity: 'error',
      title:
        'HTTPS from the VM is re-signed by a CA the VM does not trust (issuer: O=Bridgelight Lab; CN=Bridgelight Lab Intercepting CA).',
      evidence: [
        expect.stringMatching(/^VM → https:\/\/secure\.lab\.test:443: TCP connected, certificate refused: /),
        'certificate the VM saw for secure.lab.test:443: issuer O=Bridgelight Lab; CN=Bridgelight Lab Intercepting CA',
      ],
    });
    expect(intercepted.verdict).toBe('red');

    trustLabCaInVm();
    const fixed = await check(secure);
    expect(ids(fixed)).toEqual([]);
    expect(fixed.verdict).toBe('green');
  });

  it('vm-mtu-blackhole: a smaller MTU on the host path with no "fragmentation needed" stalls the handshake; the advised VM MTU clears it', async () => {
    trustLabCaInVm();
    expect((await check(secure)).verdict).toBe('green');

    // The host's link carries 1400 bytes; the hop before it drops anything larger and sends no "fragmentation
    // needed" (a VPN or PPPoE hop that filters ICMP). The router's own server is that hop's far side.
    await lab.inHost(['ip', 'link', 'set', 'dev', 'en0', 'mtu', '1400']);
    await lab.inRouter([
      'iptables',
      '-A',
      'OUTPUT',
      '-o',
      'eth0',
      '-m',
      'length',
      '--length',
      '1401:65535',
      '-j',
      'DROP',
    ]);
    const broken = await check(secure);
    expect(finding(broken, 'vm-mtu-blackhole')).toMatchObject({
      title: "Large packets from the internet never reach the VM: en0's MTU is 1400, the VM's 1500.",
      detail: expect.stringContaining('`minikube ssh -- sudo ip link set dev eth0 mtu 1400`'),
      evidence: [
        "en0 MTU 1400 (the host's path)",
        'VM eth0 MTU 1500',
        'VM → https://secure.lab.test:443: TCP connected, TLS handshake timed out',
      ],
    });
    expect(broken.verdict).toBe('red');

    await lab.inVm(['ip', 'link', 'set', 'dev', 'eth0', 'mtu', '1400']);
    const fixed = await check(secure);
    expect(ids(fixed)).toEqual([]);
    expect(fixed.verdict).toBe('green');
  });

  it('vm-proxy-not-propagated: the host goes through a proxy and direct HTTPS is refused; giving the VM the proxy clears it', async () => {
    trustLabCaInVm();
    const env = { HTTPS_PROXY: PROXY_URL };
    expect((await check(secure, env)).verdict).toBe('green');

    await lab.inRouter([
      'iptables',
      '-I',
      'INPUT',
      '-i',
      'eth0',
      '-d',
      '203.0.113.11',
      '-p',
      'tcp',
      '--dport',
      '443',
      '-j',
      'REJECT',
      '--reject-with',
      'tcp-reset',
    ]);
    const broken = await check(secure, env);
    expect(finding(broken, 'vm-proxy-not-propagated')).toMatchObject({
      title: `The host goes out through a proxy (${PROXY_URL}) the VM does not know.`,
      evidence: [
        `host proxy: ${PROXY_URL} (environment HTTPS_PROXY)`,
        'VM proxy variables: none (shell, /etc/environment, the docker service)',
        expect.stringMatching(/^VM → https:\/\/secure\.lab\.test:443: TCP connect failed: /),
        expect.stringMatching(/^VM → secure\.lab\.test:443 failed: /),
      ],
    });
    expect(broken.verdict).toBe('red');

    writeFileSync(`${VM_ETC}/environment`, `HTTPS_PROXY=${PROXY_URL}\n`);
    const fixed = await check(secure, env);
    expect(ids(fixed)).toEqual([]);
    expect(fixed.verdict).toBe('green');
    expect(lab.routerLog().some((line) => line.startsWith('proxy ') && line.includes(SECURE))).toBe(true);
  });

  it("vm-dns-split-vpn: a name only the host's VPN resolver knows fails in the VM; pointing the VM at it clears it", async () => {
    const internal = ['--internal-name', INTERNAL];
    writeFileSync(`${HOST_ETC}/resolv.conf`, VPN_RESOLV);
    expect((await check()).verdict).toBe('green');

    const broken = await check(internal);
    expect(finding(broken, 'vm-dns-split-vpn')).toMatchObject({
      title: `${INTERNAL} resolves on the host through 203.0.113.54, not in the VM.`,
      evidence: [
        `host lookup ${INTERNAL}: ${LAB_ADDR.web}`,
        'host resolver for all names: 203.0.113.54',
        'VM resolv.conf: nameserver 203.0.113.53',
        expect.stringMatching(new RegExp(`^VM lookup ${INTERNAL.replaceAll('.', '\\.')} failed: `)),
      ],
    });
    expect(broken.verdict).toBe('red');

    writeFileSync(`${VM_ETC}/resolv.conf`, `nameserver 203.0.113.54\n${LAB_RESOLV}`);
    const fixed = await check(internal);
    expect(ids(fixed)).toEqual([]);
    expect(fixed.verdict).toBe('green');
  });

  it('a stopped VM shows no TLS or DNS finding, only vm-not-running', async () => {
    lab.setVmState('stopped');
    try {
      writeFileSync(`${HOST_ETC}/resolv.conf`, VPN_RESOLV);
      expect(ids(await check([...secure, '--internal-name', INTERNAL]))).toEqual(['vm-not-running']);
    } finally {
      lab.setVmState('running');
    }
  });
});
