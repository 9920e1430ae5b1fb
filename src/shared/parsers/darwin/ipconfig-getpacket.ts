// `ipconfig getpacket IF` on macOS: the DHCP ACK the interface accepted. Its `yiaddr` is the address DHCP
// handed out; any other inet on the interface is a candidate stale address.
import { isIpv4 } from '../../ipv4';
import type { DhcpLease } from '../../model';
import { type ParseResult, parsed, unparseable } from '../../parse-result';

/** BOOTP header fields: `yiaddr = 192.168.1.154`. */
const HEADER_FIELD = /^\s*([a-z]+)\s*=(.*)$/;
/** DHCP options: `router (ip_mult): {192.168.1.253}`. */
const OPTION = /^\s*([a-z0-9_]+)\s*\([a-z0-9_]*\):(.*)$/;
const UINT32_MAX = 0xffffffff;

interface Packet {
  header: Map<string, string>;
  options: Map<string, string>;
}

function toLines(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/\r$/, ''));
}

function readPacket(text: string): Packet {
  const packet: Packet = { header: new Map(), options: new Map() };
  for (const line of toLines(text)) {
    const option = line.match(OPTION);
    const field = option ? null : line.match(HEADER_FIELD);
    const match = option ?? field;
    const target = option ? packet.options : packet.header;
    if (match && !target.has(match[1]!)) target.set(match[1]!, match[2]!.trim());
  }
  return packet;
}

/** Error reasons are one line, whatever the input held. */
function printable(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
}

function ipv4OrNull(value: string | undefined): string | null {
  return value !== undefined && isIpv4(value) ? value : null;
}

/** `{192.168.1.253, 192.168.1.254}` → the first address. */
function firstOfList(value: string | undefined): string | null {
  const first = value?.replace(/^\{\s*/, '').split(/[\s,}]+/)[0];
  return ipv4OrNull(first);
}

/** ipconfig prints uint32 options in hex (`0x1c20`); accept decimal too. */
function parseUint32(value: string | undefined): number | null {
  if (value === undefined) return null;
  let number: number;
  if (/^0x[0-9a-fA-F]{1,8}$/.test(value)) number = Number.parseInt(value.slice(2), 16);
  else if (/^[0-9]{1,10}$/.test(value)) number = Number(value);
  else return null;
  return number <= UINT32_MAX ? number : null;
}

export function parseIpconfigGetpacket(text: string, interfaceName: string): ParseResult<DhcpLease | null> {
  // ipconfig prints nothing at all when the interface holds no DHCP lease.
  if (text.trim() === '') return parsed(null);
  const { header, options } = readPacket(text);
  const yiaddr = header.get('yiaddr');
  if (yiaddr === undefined) return unparseable('no `yiaddr =` line (not `ipconfig getpacket` output)');
  if (!isIpv4(yiaddr)) {
    return unparseable(`yiaddr is not an IPv4 address: ${printable(yiaddr.slice(0, 40)) || '(empty)'}`);
  }
  return parsed({
    interface: interfaceName,
    yiaddr,
    router: firstOfList(options.get('router')),
    subnetMask: ipv4OrNull(options.get('subnet_mask')),
    leaseTimeSeconds: parseUint32(options.get('lease_time')),
    serverIdentifier: ipv4OrNull(options.get('server_identifier')),
  });
}
