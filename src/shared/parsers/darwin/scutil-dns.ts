// `scutil --dns` on macOS: the resolvers the system uses, in order. A resolver with a `domain` answers only the
// names in that domain (a VPN's split DNS, `local` for mDNS); one without is a default. Only the first block is
// read: the "(for scoped queries)" block repeats resolvers bound to one interface, which plain lookups do not use.

import type { HostResolver } from '../../model';
import { type ParseResult, parsed, unparseable } from '../../parse-result';
import { isIpAddress } from '../ip-route-text';

interface Draft {
  domain: string | null;
  nameservers: string[];
  interface: string | null;
  mdns: boolean;
}

function applyLine(draft: Draft, line: string): void {
  const match = line.match(/^\s*([a-z_ ]+?)(?:\[\d+\])?\s*:\s*(.*?)\s*$/);
  if (!match) return;
  const [, key, value = ''] = match;
  if (key === 'domain') draft.domain = value.replace(/\.$/, '').toLowerCase();
  else if (key === 'nameserver' && isIpAddress(value)) draft.nameservers.push(value);
  else if (key === 'if_index') draft.interface = value.match(/\(([^)]+)\)/)?.[1] ?? null;
  else if (key === 'options' && /\bmdns\b/.test(value)) draft.mdns = true;
}

export function parseScutilDns(text: string): ParseResult<HostResolver[]> {
  const lines = text.split(/\r?\n/);
  if (!lines.some((line) => line.trim() === 'DNS configuration')) {
    return unparseable('no "DNS configuration" header (scutil --dns prints one first)');
  }
  const drafts: Draft[] = [];
  for (const line of lines) {
    if (/^\s*DNS configuration \(/.test(line)) break;
    if (/^\s*resolver #\d+\s*$/.test(line))
      drafts.push({ domain: null, nameservers: [], interface: null, mdns: false });
    else if (drafts.length > 0) applyLine(drafts[drafts.length - 1]!, line);
  }
  // mDNS resolvers answer from the local link, never through a server a VM could be pointed at.
  return parsed(
    drafts
      .filter((draft) => !draft.mdns)
      .map(({ domain, nameservers, interface: via }) => ({ domain, nameservers, interface: via })),
  );
}
