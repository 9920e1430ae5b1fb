// What the host knows that its VMs may not, read from text the collectors already have: interface MTUs, proxy
// variables, the resolvers in a resolv.conf. Pure: the node side hands in the text and the environment.
import type { HostProxy, HostResolver } from './model';
import { isIpAddress } from './parsers/ip-route-text';

/** `en0: flags=8863<…> mtu 1500` (ifconfig) and `3: en0@if2: <…> mtu 1400 …` / `"mtu":1400` (ip addr, ip -j addr). */
export function interfaceMtus(text: string): Record<string, number> | null {
  const mtus: Record<string, number> = {};
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      for (const link of JSON.parse(trimmed) as { ifname?: unknown; mtu?: unknown }[]) {
        if (typeof link.ifname === 'string' && typeof link.mtu === 'number') mtus[link.ifname] = link.mtu;
      }
    } catch {
      return null;
    }
  } else {
    for (const line of text.split(/\r?\n/)) {
      const match = line.match(/^(?:\d+:\s+)?([A-Za-z][A-Za-z0-9_.-]*)(?:@[A-Za-z0-9_.-]+)?:\s.*?\bmtu\s+(\d{2,5})\b/);
      if (match) mtus[match[1]!] = Number(match[2]);
    }
  }
  return Object.keys(mtus).length > 0 ? mtus : null;
}

/** A proxy URL without its user and password: they must not reach a finding, a log or a bundle. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

/** The proxies the environment gives this process (curl's and most tools' convention). */
export function environmentProxies(env: Readonly<Record<string, string | undefined>>): HostProxy[] {
  return PROXY_VARIABLES.filter((name) => (env[name] ?? '').trim() !== '').map((name) => ({
    source: `environment ${name}`,
    url: withoutCredentials(env[name]!.trim()),
  }));
}

/** A resolv.conf as one default resolver (Linux hosts: where a VPN client points the host). */
export function resolvConfResolver(text: string): HostResolver {
  const nameservers = text
    .split(/\r?\n/)
    .map((line) => line.match(/^\s*nameserver\s+(\S+)/)?.[1])
    .filter((server): server is string => server !== undefined && isIpAddress(server));
  return { domain: null, nameservers, interface: null };
}
