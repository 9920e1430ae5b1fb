import { createServer, type Server } from 'node:net';
import { createLiveProber } from '@src/node/probes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Server;
let port = 0;
let closedPort = 0;

beforeAll(async () => {
  server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  const spare = createServer();
  await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
  closedPort = (spare.address() as { port: number }).port;
  await new Promise<void>((resolve) => spare.close(() => resolve()));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('host probes (loopback only)', () => {
  it('connects from each source to each target, bound to the source', async () => {
    const results = await createLiveProber().probe(
      ['127.0.0.1', '127.0.0.2'],
      [`127.0.0.1:${port}`, `127.0.0.1:${closedPort}`],
      1_000,
    );
    expect(results).toHaveLength(4);
    const ok = results!.filter((r) => r.ok);
    expect(ok.map((r) => `${r.source}>${r.target}`).sort()).toEqual([
      `127.0.0.1>127.0.0.1:${port}`,
      `127.0.0.2>127.0.0.1:${port}`,
    ]);
    for (const r of ok) expect(r.ms).toBeGreaterThanOrEqual(0);
    const refused = results!.filter((r) => !r.ok);
    for (const r of refused) expect(r.error).toBe('ECONNREFUSED');
  });

  it('reports a source address the host does not have', async () => {
    const [result] = (await createLiveProber().probe(['192.0.2.55'], [`127.0.0.1:${port}`], 1_000))!;
    expect(result).toMatchObject({ ok: false, source: '192.0.2.55' });
    expect(result!.error).toMatch(/EADDRNOTAVAIL|EINVAL/);
  });

  it('refuses an invalid target without connecting', async () => {
    const [result] = (await createLiveProber().probe(['127.0.0.1'], ['not a target'], 1_000))!;
    expect(result).toMatchObject({ ok: false, error: 'invalid target' });
  });
});

describe('the connect to a VM (loopback only)', () => {
  it('connects unbound and says how it failed, in the kernel’s own code', async () => {
    const prober = createLiveProber();
    expect(await prober.reach?.(`127.0.0.1:${port}`, 1_000)).toMatchObject({
      target: `127.0.0.1:${port}`,
      ok: true,
      error: null,
    });
    expect(await prober.reach?.(`127.0.0.1:${closedPort}`, 1_000)).toEqual({
      target: `127.0.0.1:${closedPort}`,
      ok: false,
      ms: null,
      error: 'ECONNREFUSED',
    });
    expect(await prober.reach?.('not a target', 1_000)).toMatchObject({ ok: false, error: 'invalid target' });
  });
});
