// `scutil --proxy` on macOS: the system proxy settings as a dictionary, `  HTTPSEnable : 1`, `  HTTPSProxy : host`,
// `  HTTPSPort : 8080` (nested arrays such as ExceptionsList are skipped). A PAC file or auto-discovery is
// reported as such: which proxy it picks for a URL is not known without running it.
import type { HostProxy } from '../../model';
import { type ParseResult, parsed, unparseable } from '../../parse-result';

const KINDS = [
  ['HTTPS', 'https'],
  ['HTTP', 'http'],
] as const;

export function parseScutilProxy(text: string): ParseResult<HostProxy[]> {
  if (!/^\s*<dictionary>\s*\{/.test(text)) return unparseable('no "<dictionary> {" (scutil --proxy prints one)');
  const values = new Map<string, string>();
  let depth = 0;
  for (const line of text.split(/\r?\n/)) {
    if (depth === 1) {
      const match = line.match(/^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$/);
      if (match && !match[2]!.startsWith('<')) values.set(match[1]!, match[2]!);
    }
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
  }
  const proxies: HostProxy[] = [];
  for (const [key, scheme] of KINDS) {
    const host = values.get(`${key}Proxy`);
    if (values.get(`${key}Enable`) !== '1' || !host) continue;
    const port = values.get(`${key}Port`);
    proxies.push({ source: `scutil --proxy ${key}Proxy (${scheme})`, url: `http://${host}${port ? `:${port}` : ''}` });
  }
  if (values.get('ProxyAutoConfigEnable') === '1') {
    proxies.push({
      source: 'scutil --proxy ProxyAutoConfigURLString',
      url: values.get('ProxyAutoConfigURLString') ?? 'PAC',
    });
  }
  return parsed(proxies);
}
