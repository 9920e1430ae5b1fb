// The probe script's sections for the VM-side findings (link MTUs, proxy variables, HTTPS, the internal name), run
// for real under this machine's sh against loopback only: an HTTPS server whose certificate comes from a CA made
// here (so no trust store knows it), one that accepts TCP and never answers, and a closed port.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VmProbe } from '@src/shared/model';
import { buildVmProbeScript, parseVmProbeOutput, tlsTargets } from '@src/shared/vm-probe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function probeOf(text: string): VmProbe {
  const result = parseVmProbeOutput(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

function runScript(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', () => resolve(stdout));
    child.stdin.end(script);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bridgelight-vm-sections-'));
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
const sockets = new Set<Socket>();
let https: HttpsServer;
let silent: Server;
let target: string;
let silentTarget: string;

const portOf = (server: Server | HttpsServer): number => (server.address() as { port: number }).port;

beforeAll(async () => {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/O=Sections Test CA',
  );
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'leaf.pem',
    '-days',
    '2',
    '-extfile',
    'ext',
  );
  const read = (name: string) => readFileSync(join(dir, name));
  https = createHttpsServer(
    { key: read('leaf.key'), cert: Buffer.concat([read('leaf.pem'), read('ca.pem')]) },
    (_, res) => res.end('ok\n'),
  );
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  // Accepts the connection and says nothing, as a path that loses every full-sized packet looks from the VM.
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  target = `localhost:${portOf(https)}`;
  silentTarget = `localhost:${portOf(silent)}`;
}, 30_000);

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => https?.close(resolve));
  await new Promise((resolve) => silent?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/_proxy$/i.test(name)));
  return { ...clean, ...extra };
};

describe.concurrent('the VM-side sections, run', () => {
  it('reports an untrusted certificate with its issuer, a stalled handshake, and a refused port apart', async () => {
    const script = buildVmProbeScript({
      targets: [],
      tlsTargets: [target, silentTarget, 'localhost:1'],
      dnsName: 'localhost',
      timeoutSeconds: 1,
    });
    const probe = probeOf(await runScript(script, env()));
    expect(probe.tls).toEqual([
      {
        target,
        tried: true,
        connected: true,
        handshake: true,
        verified: false,
        verifyError: expect.stringMatching(/certificate/),
        issuer: expect.stringContaining('Sections Test CA'),
        subject: 'CN=localhost',
        timedOut: false,
        error: expect.stringContaining('SSL certificate problem'),
      },
      expect.objectContaining({
        target: silentTarget,
        connected: true,
        handshake: false,
        verified: null,
        timedOut: true,
      }),
      expect.objectContaining({ target: 'localhost:1', connected: false, handshake: false, timedOut: false }),
    ]);
  });

  it('trusts the same server once the CA is in the trust store curl reads', async () => {
    const script = buildVmProbeScript({ targets: [], tlsTargets: [target], dnsName: 'localhost', timeoutSeconds: 2 });
    const probe = probeOf(await runScript(script, env({ CURL_CA_BUNDLE: join(dir, 'ca.pem') })));
    expect(probe.tls).toMatchObject([{ target, handshake: true, verified: true, verifyError: null }]);
  });

  it("reads the interfaces' MTUs, the proxy variables the VM has, and looks the internal name up", async () => {
    const script = buildVmProbeScript({
      targets: [],
      dnsName: 'localhost',
      internalName: 'no-such-name.invalid',
      timeoutSeconds: 1,
    });
    const probe = probeOf(await runScript(script, env({ https_proxy: 'http://proxy.example:3128', NO_PROXY: '' })));
    expect(probe.mtus?.lo).toBe(65536);
    expect(probe.proxies).toContainEqual({ source: 'env', name: 'https_proxy', value: 'http://proxy.example:3128' });
    expect(probe.proxies?.some((setting) => setting.name === 'NO_PROXY')).toBe(false);
    expect(probe.internalDns).toMatchObject({ name: 'no-such-name.invalid', ok: false });
    expect(probe.tls).toBeUndefined();
  });
});

describe('parsing the sections', () => {
  it('reads /etc/environment and docker lines, and an absent section as unknown', () => {
    const probe = probeOf(
      [
        '@@bridgelight-vm-probe v1',
        '@@section proxy-env',
        'etc-environment export HTTPS_PROXY="http://10.0.0.8:3128"',
        'docker Environment=HTTP_PROXY=http://10.0.0.8:3128 NO_PROXY=localhost',
        '@@end',
      ].join('\n'),
    );
    expect(probe.proxies).toEqual([
      { source: 'etc-environment', name: 'HTTPS_PROXY', value: 'http://10.0.0.8:3128' },
      { source: 'docker', name: 'HTTP_PROXY', value: 'http://10.0.0.8:3128' },
      { source: 'docker', name: 'NO_PROXY', value: 'localhost' },
    ]);
    expect(probe.mtus).toBeUndefined();
    expect(probe.tls).toBeUndefined();
    expect(probeOf('@@bridgelight-vm-probe v1\n@@end\n').proxies).toBeUndefined();
  });

  it('makes HTTPS requests only to DNS-named targets on 443', () => {
    expect(tlsTargets(['1.1.1.1:443', 'registry.k8s.io:443', 'example.com:80'])).toEqual(['registry.k8s.io:443']);
  });
});
