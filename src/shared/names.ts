// Rules for names that come from the OS or a tool and may reach a command line, declared once for every layer.
// The privileged helper (resources/bridgelight-helper, `valid_ifname`) keeps its own copy in sh, since it trusts
// nothing of ours; test/helper proves the two accept exactly the same names.

/** An interface name the helper acts on: lower-case letters and digits, a letter first, at most 15 (IFNAMSIZ - 1). */
export const INTERFACE_NAME = /^[a-z][a-z0-9]{0,14}$/;

export function isInterfaceName(name: string): boolean {
  return INTERFACE_NAME.test(name);
}

/**
 * A VM name a tool may list that is safe to show and to pass as one argv item even where the tool's own rule for
 * commands is stricter (Tart's OCI names, UTM's names with spaces): no control or bidi character, no leading `-`
 * (an option), nothing a shell gives meaning to.
 */
export const LISTED_VM_NAME = /^(?=.{1,200}$)[\p{L}\p{N}][\p{L}\p{N} ._:@/+()-]*$/u;

// Names VPN clients give their interfaces: macOS utun (WireGuard, OpenVPN, IKEv2, AnyConnect), ipsec
// (GlobalProtect/IPsec), ppp (PPTP/L2TP), Linux tun/wg, gpd (GlobalProtect on Linux).
export const TUNNEL_PREFIXES = ['utun', 'ipsec', 'ppp', 'tun', 'wg', 'gpd'] as const;

export function isTunnelName(name: string): boolean {
  return TUNNEL_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
