// bootpd's `/var/db/dhcpd_leases`: `{ key=value … }` blocks, one per lease, newest first. Hardware addresses are
// written `1,da:ce:5c:8f:89:1` (type 1, octets without leading zeros) or, for clients sending a DUID, `ff,…`.
import { isIpv4 } from '../../ipv4';
import type { BootpdLease } from '../../model';
import { type ParseResult, parsed, unparseable } from '../../parse-result';

const FIELD = /^\s*([a-z_]+)=(.*)$/;

/** A quoted line stays one printable line, however odd the file. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').slice(0, 60);
}

function toLease(fields: Map<string, string>): BootpdLease | null {
  const ipAddress = fields.get('ip_address');
  if (ipAddress === undefined || !isIpv4(ipAddress)) return null;
  const lease = fields.get('lease');
  // A time past 2^53 seconds can't be held exactly; it still means "far in the future", so it is held as the largest
  // exact number rather than a rounded one.
  const expiresAt =
    lease !== undefined && /^0x[0-9a-f]+$/i.test(lease)
      ? Math.min(Number.parseInt(lease, 16), Number.MAX_SAFE_INTEGER)
      : null;
  return { name: fields.get('name') ?? null, ipAddress, hwAddress: fields.get('hw_address') ?? null, expiresAt };
}

export function parseDhcpdLeases(text: string): ParseResult<BootpdLease[]> {
  const leases: BootpdLease[] = [];
  let fields: Map<string, string> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line === '{') {
      fields = new Map();
    } else if (line === '}') {
      if (fields === null) return unparseable('dhcpd_leases: a closing brace without an opening one');
      const lease = toLease(fields);
      if (lease === null) return unparseable('dhcpd_leases: an entry without a valid ip_address');
      leases.push(lease);
      fields = null;
    } else {
      const match = line.match(FIELD);
      if (fields === null || !match) return unparseable(`dhcpd_leases: unexpected line "${oneLine(line)}"`);
      fields.set(match[1]!, match[2]!.trim());
    }
  }
  // bootpd may be rewriting the file: an entry still open at the end is not counted, the rest are.
  return parsed(leases);
}
