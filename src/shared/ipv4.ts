// IPv4 arithmetic on dotted quads. Strings in, strings out: the model stays plain JSON.

/** A canonical dotted quad: four decimal octets 0-255, no leading zeros, nothing else. */
export function isIpv4(text: string): boolean {
  return ipv4ToNumber(text) !== null;
}

const DOT = 46;
const ZERO = 48;
const NINE = 57;

/**
 * The address as an unsigned 32-bit number, or null when it is not a canonical dotted quad. One pass over the
 * characters, no regex or split: it runs for every address of every interface, 130,000 of them in a hostile bundle.
 */
export function ipv4ToNumber(text: string): number | null {
  if (text.length < 7 || text.length > 15) return null;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === DOT) {
      if (digits === 0 || dots === 3) return null;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (code >= ZERO && code <= NINE) {
      // A leading zero ("01") is not canonical.
      if (digits === 1 && octet === 0) return null;
      octet = octet * 10 + (code - ZERO);
      digits++;
      if (octet > 255) return null;
    } else return null;
  }
  if (digits === 0 || dots !== 3) return null;
  return value * 256 + octet;
}

export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function maskToPrefix(mask: number): number | null {
  let prefix = 0;
  while (prefix < 32 && Math.floor(mask / 2 ** (31 - prefix)) % 2 === 1) prefix++;
  const rebuilt = prefix === 0 ? 0 : (2 ** 32 - 2 ** (32 - prefix)) >>> 0;
  return rebuilt === mask ? prefix : null;
}

/** `0xffffff00` (macOS ifconfig) → 24; null for a non-contiguous or malformed mask. */
export function hexMaskToPrefix(hex: string): number | null {
  if (!/^0x[0-9a-fA-F]{1,8}$/.test(hex)) return null;
  return maskToPrefix(Number.parseInt(hex.slice(2), 16));
}

/** `255.255.255.0` → 24; null for a non-contiguous or malformed mask. */
export function dottedMaskToPrefix(mask: string): number | null {
  const value = ipv4ToNumber(mask);
  return value === null ? null : maskToPrefix(value);
}

export function prefixToMaskNumber(prefix: number): number {
  return prefix <= 0 ? 0 : (2 ** 32 - 2 ** (32 - Math.min(prefix, 32))) >>> 0;
}

/** Whether `address` lies in `network/prefix` (network given by any address inside it). */
export function inSubnet(address: string, network: string, prefix: number): boolean {
  const a = ipv4ToNumber(address);
  const n = ipv4ToNumber(network);
  if (a === null || n === null || prefix < 0 || prefix > 32) return false;
  const mask = prefixToMaskNumber(prefix);
  return (a & mask) >>> 0 === (n & mask) >>> 0;
}

export function isLinkLocal(address: string): boolean {
  return inSubnet(address, '169.254.0.0', 16);
}
