// The host side of the VM-side findings: interface MTUs, the resolvers (macOS `scutil --dns`, a Linux host's
// resolv.conf), the proxies (`scutil --proxy`, the environment) and, when the user named an internal name, the
// host's own lookup of it (Linux `getent`). All readable as a normal user; each command is one bundle file.
import { BUNDLE_FILES } from '../shared/bundle-format';
import type { CommandRunner } from '../shared/command';
import { environmentProxies, resolvConfResolver } from '../shared/host-context';
import type { DnsLookup, HostContext, HostProxy, InputNote, Platform } from '../shared/model';
import { parsed } from '../shared/parse-result';
import { parseScutilDns } from '../shared/parsers/darwin/scutil-dns';
import { parseScutilProxy } from '../shared/parsers/darwin/scutil-proxy';
import { isIpAddress } from '../shared/parsers/ip-route-text';
import { Notes, parseInto, runCommand } from './command-outcome';

export interface HostContextInput {
  platform: Platform;
  /** From the host collector's interface listing (read once per check, one bundle file). */
  mtus: Record<string, number> | null;
  internalName: string | null;
  timeoutMs: number;
  /** The environment whose proxy variables count; absent (a replayed bundle): not known. */
  env?: Readonly<Record<string, string | undefined>>;
}

async function internalLookup(runner: CommandRunner, notes: Notes, name: string, timeoutMs: number) {
  const spec = { key: BUNDLE_FILES.hostGetentInternal, argv: ['getent', 'hosts', name], timeoutMs };
  const result = await runner.run(spec);
  // getent's exit status 2 is "not found": an answer, not a failure to ask.
  if (result.outcome === 'failed' && result.exitCode === 2) {
    return { name, ok: false, addresses: [], error: 'not found' } satisfies DnsLookup;
  }
  const outcome = await runCommand({ run: async () => result }, notes, spec);
  if (outcome.text === null) return null;
  const addresses = outcome.text
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter(isIpAddress);
  return { name, ok: addresses.length > 0, addresses, error: addresses.length > 0 ? null : 'no addresses' };
}

function proxiesFrom(scutil: HostProxy[] | null, env: HostContextInput['env']): HostProxy[] | null {
  if (scutil === null && env === undefined) return null;
  return [...(scutil ?? []), ...(env === undefined ? [] : environmentProxies(env))];
}

export async function collectHostContext(
  runner: CommandRunner,
  input: HostContextInput,
): Promise<{ context: HostContext; inputs: InputNote[] }> {
  const notes = new Notes();
  const t = input.timeoutMs;
  const darwin = input.platform === 'darwin';
  const [dns, proxy, lookup] = await Promise.all([
    darwin
      ? runCommand(runner, notes, { key: BUNDLE_FILES.scutilDns, argv: ['/usr/sbin/scutil', '--dns'], timeoutMs: t })
      : runCommand(runner, notes, {
          key: BUNDLE_FILES.hostResolvConf,
          argv: ['cat', '/etc/resolv.conf'],
          timeoutMs: t,
        }),
    darwin
      ? runCommand(runner, notes, {
          key: BUNDLE_FILES.scutilProxy,
          argv: ['/usr/sbin/scutil', '--proxy'],
          timeoutMs: t,
        })
      : null,
    !darwin && input.internalName !== null ? internalLookup(runner, notes, input.internalName, t) : null,
  ]);
  const resolvers = darwin
    ? parseInto(notes, BUNDLE_FILES.scutilDns, dns.text, parseScutilDns)
    : parseInto(notes, BUNDLE_FILES.hostResolvConf, dns.text, (text) => parsed([resolvConfResolver(text)]));
  const scutilProxies = proxy ? parseInto(notes, BUNDLE_FILES.scutilProxy, proxy.text, parseScutilProxy) : null;
  return {
    context: {
      mtus: input.mtus,
      resolvers,
      proxies: proxiesFrom(scutilProxies, input.env),
      internalLookup: lookup,
    },
    // A file an older bundle lacks, or a tool this host lacks, only means this part was not collected.
    inputs: notes.list.filter((note) => note.problem !== 'missing' && note.problem !== 'not-found'),
  };
}
