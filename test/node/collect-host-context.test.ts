import { readFileSync } from 'node:fs';
import { collectHostContext, type HostContextInput } from '@src/node/collect-host-context';
import type { CommandResult, CommandSpec } from '@src/shared/command';
import { parseScutilDns } from '@src/shared/parsers/darwin/scutil-dns';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

const real = (path: string): string => readFileSync(new URL(`../fixtures/real/${path}`, import.meta.url), 'utf8');
const SCUTIL_DNS = real('scutil-dns/dnspython1267-per-domain-vpn-resolvers-REDACTED-TRUNCATED.txt');
const SCUTIL_PROXY = real('scutil-proxy/surge-kb-https-http-proxy-127.0.0.1-6152.txt');

const MISSING = commandResult({ outcome: 'missing', exitCode: null });

function runnerOf(answers: Record<string, Partial<CommandResult>>) {
  const specs: CommandSpec[] = [];
  return {
    specs,
    runner: {
      run: async (spec: CommandSpec) => {
        specs.push(spec);
        const answer = answers[spec.key];
        return answer ? commandResult(answer) : MISSING;
      },
    },
  };
}

const linux = (extra: Partial<HostContextInput> = {}): HostContextInput => ({
  platform: 'linux',
  mtus: { eth0: 1500 },
  internalName: null,
  timeoutMs: 4_000,
  ...extra,
});

describe('the host side of the VM-side findings', () => {
  it('macOS: reads scutil --dns and --proxy, and adds the environment proxies after scutil’s', async () => {
    const { runner, specs } = runnerOf({
      'scutil-dns.txt': { stdout: SCUTIL_DNS },
      'scutil-proxy.txt': { stdout: SCUTIL_PROXY },
    });
    const { context, inputs } = await collectHostContext(runner, {
      platform: 'darwin',
      mtus: null,
      internalName: 'git.corp.example',
      timeoutMs: 4_000,
      env: { HTTPS_PROXY: 'http://proxy.example:3128' },
    });
    expect(specs.map((spec) => [spec.key, spec.argv, spec.timeoutMs])).toEqual([
      ['scutil-dns.txt', ['/usr/sbin/scutil', '--dns'], 4_000],
      ['scutil-proxy.txt', ['/usr/sbin/scutil', '--proxy'], 4_000],
    ]);
    const dns = parseScutilDns(SCUTIL_DNS);
    expect(dns.ok).toBe(true);
    expect(context).toEqual({
      mtus: null,
      resolvers: dns.ok ? dns.value : null,
      proxies: [
        { source: 'scutil --proxy HTTPSProxy (https)', url: 'http://127.0.0.1:6152' },
        { source: 'scutil --proxy HTTPProxy (http)', url: 'http://127.0.0.1:6152' },
        { source: 'environment HTTPS_PROXY', url: 'http://proxy.example:3128' },
      ],
      // macOS has no getent: the internal name is looked up in the VM only.
      internalLookup: null,
    });
    expect(inputs).toEqual([]);
  });

  it('macOS replay without the files: nothing known, and no note for files an older bundle lacks', async () => {
    const { runner } = runnerOf({});
    const { context, inputs } = await collectHostContext(runner, {
      platform: 'darwin',
      mtus: { en0: 1500 },
      internalName: null,
      timeoutMs: 1,
    });
    expect(context).toEqual({ mtus: { en0: 1500 }, resolvers: null, proxies: null, internalLookup: null });
    expect(inputs).toEqual([]);
  });

  it('keeps the notes of a command that failed or timed out, and drops those of a tool the host lacks', async () => {
    const { runner } = runnerOf({
      'scutil-dns.txt': { outcome: 'timeout', exitCode: null },
      'scutil-proxy.txt': { outcome: 'not-found', exitCode: null },
    });
    const { context, inputs } = await collectHostContext(runner, {
      platform: 'darwin',
      mtus: null,
      internalName: null,
      timeoutMs: 2_000,
    });
    expect(inputs).toEqual([
      { source: 'scutil-dns.txt', problem: 'timeout', detail: '/usr/sbin/scutil did not answer within 2 s' },
    ]);
    expect(context.proxies).toBeNull();
  });

  it('Linux: resolv.conf is the one default resolver, the proxies come from the environment only', async () => {
    const { runner, specs } = runnerOf({
      'host-resolv-conf.txt': { stdout: '# by NetworkManager\nnameserver 10.8.0.1\nnameserver bogus\nsearch corp\n' },
    });
    const { context, inputs } = await collectHostContext(runner, linux({ env: {} }));
    expect(specs.map((spec) => [spec.key, spec.argv])).toEqual([['host-resolv-conf.txt', ['cat', '/etc/resolv.conf']]]);
    expect(context).toEqual({
      mtus: { eth0: 1500 },
      resolvers: [{ domain: null, nameservers: ['10.8.0.1'], interface: null }],
      proxies: [],
      internalLookup: null,
    });
    expect(inputs).toEqual([]);
  });

  it('Linux: looks the internal name up with getent and keeps only the addresses it printed', async () => {
    const { runner, specs } = runnerOf({
      'host-resolv-conf.txt': { stdout: 'nameserver 10.8.0.1\n' },
      'host-getent-internal.txt': { stdout: '10.20.0.5       git.corp.example\n  fd00::5 git.corp.example\n\n' },
    });
    const { context } = await collectHostContext(runner, linux({ internalName: 'git.corp.example' }));
    expect(specs.find((spec) => spec.key === 'host-getent-internal.txt')).toEqual({
      key: 'host-getent-internal.txt',
      argv: ['getent', 'hosts', 'git.corp.example'],
      timeoutMs: 4_000,
    });
    expect(context.internalLookup).toEqual({
      name: 'git.corp.example',
      ok: true,
      addresses: ['10.20.0.5', 'fd00::5'],
      error: null,
    });
    // A replay knows no environment: the proxies are not known, not "none".
    expect(context.proxies).toBeNull();
  });

  it('Linux: getent’s status 2 is "not found"; an answer without addresses is "no addresses"', async () => {
    const notFound = runnerOf({ 'host-getent-internal.txt': { exitCode: 2 } });
    expect(
      (await collectHostContext(notFound.runner, linux({ internalName: 'git.corp.example' }))).context.internalLookup,
    ).toEqual({ name: 'git.corp.example', ok: false, addresses: [], error: 'not found' });
    const empty = runnerOf({ 'host-getent-internal.txt': { stdout: 'garbage line\n' } });
    expect(
      (await collectHostContext(empty.runner, linux({ internalName: 'git.corp.example' }))).context.internalLookup,
    ).toEqual({ name: 'git.corp.example', ok: false, addresses: [], error: 'no addresses' });
  });

  it('Linux: a getent that failed otherwise is no lookup, and says why', async () => {
    const { runner } = runnerOf({ 'host-getent-internal.txt': { exitCode: 1, stderr: 'getent: bad\n' } });
    const { context, inputs } = await collectHostContext(runner, linux({ internalName: 'git.corp.example' }));
    expect(context.internalLookup).toBeNull();
    expect(inputs).toEqual([
      { source: 'host-getent-internal.txt', problem: 'failed', detail: 'getent hosts git.corp.example: getent: bad' },
    ]);
  });
});
