// The exact commands shown to people and run (with privileges) by the app's fix. They end up in a shell
// somewhere (osascript's `do shell script`, a terminal paste), so only values the OS itself could have
// produced are accepted: anything else is refused rather than quoted.
import { isIpv4, numberToIpv4, prefixToMaskNumber } from '../ipv4';
import type { Platform } from '../model';
import { isInterfaceName } from '../names';

/** Only an interface the helper would act on gets a command: a fix that is shown is one that can run. */
export function isSafeInterfaceName(name: string): boolean {
  return isInterfaceName(name);
}

function checkArguments(iface: string, address: string, prefixLength: number): void {
  if (!isSafeInterfaceName(iface)) throw new RangeError(`not an interface name: ${JSON.stringify(iface)}`);
  if (!isIpv4(address)) throw new RangeError(`not an IPv4 address: ${JSON.stringify(address)}`);
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) {
    throw new RangeError(`not a prefix length: ${prefixLength}`);
  }
}

/**
 * The command that removes one IPv4 address from an interface. Linux needs the prefix: `ip addr del` without it
 * warns and matches on the address alone, which is deprecated.
 */
export function removeAddressCommand(platform: Platform, iface: string, address: string, prefixLength: number): string {
  checkArguments(iface, address, prefixLength);
  return platform === 'darwin'
    ? `sudo ifconfig ${iface} delete ${address}`
    : `sudo ip addr del ${address}/${prefixLength} dev ${iface}`;
}

/**
 * The command that puts a removed address back. On macOS it is re-added as an alias, i.e. at the END of the
 * interface's list, so it does not become vmnet's NAT address again.
 */
export function undoCommand(platform: Platform, iface: string, address: string, prefixLength: number): string {
  checkArguments(iface, address, prefixLength);
  return platform === 'darwin'
    ? `sudo ifconfig ${iface} alias ${address} netmask ${numberToIpv4(prefixToMaskNumber(prefixLength))}`
    : `sudo ip addr add ${address}/${prefixLength} dev ${iface}`;
}
