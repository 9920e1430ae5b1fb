// Absolute paths of the system tools we run, where the OS has them.
import { existsSync } from 'node:fs';

const IP_CANDIDATES = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'];

/** iproute2's `ip`: Debian puts it in /usr/sbin (merged /sbin), others in /sbin or /usr/bin. */
export function linuxIpPath(): string {
  return IP_CANDIDATES.find((path) => existsSync(path)) ?? '/sbin/ip';
}
