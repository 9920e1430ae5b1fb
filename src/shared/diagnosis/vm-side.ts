// What the four findings seen from inside the VM share: describing an HTTPS request, the path's MTUs, and the
// commands a person types into the VM.
import type { TlsProbe } from '../model';
import type { ProviderWording } from '../providers';
import type { Facts } from './facts';

export function describeTls(probe: TlsProbe): string {
  if (!probe.tried) return `VM → https://${probe.target}: not tried (${probe.error ?? 'no tool'})`;
  if (!probe.connected) return `VM → https://${probe.target}: TCP connect failed: ${probe.error ?? 'no reason given'}`;
  if (probe.verified === false) {
    return `VM → https://${probe.target}: TCP connected, certificate refused: ${probe.verifyError ?? 'no reason given'}`;
  }
  if (!probe.handshake) {
    const how = probe.timedOut ? 'timed out' : `failed: ${probe.error ?? 'no reason given'}`;
    return `VM → https://${probe.target}: TCP connected, TLS handshake ${how}`;
  }
  return `VM → https://${probe.target}: TLS handshake done, certificate trusted`;
}

export interface InterfaceMtu {
  name: string;
  mtu: number;
}

/** The smallest MTU on the host side of the VM's path: the egress, the default route's (a VPN's) and the tunnel's. */
export function hostPathMtu(facts: Facts): InterfaceMtu | null {
  const mtus = facts.hostContext?.mtus;
  if (!mtus) return null;
  const names = [facts.egress?.name, facts.defaultRoute?.interface, facts.vpn?.tunnel];
  const known = [...new Set(names)]
    .filter((name): name is string => typeof name === 'string' && Object.hasOwn(mtus, name))
    .map((name) => ({ name, mtu: mtus[name]! }));
  return known.sort((a, b) => a.mtu - b.mtu)[0] ?? null;
}

/** The MTU of the VM's interface that carries its default route. */
export function vmPathMtu(facts: Facts): InterfaceMtu | null {
  const name = facts.vm.defaultRoute?.interface ?? null;
  const mtu = name === null ? undefined : facts.vm.mtus?.[name];
  return name !== null && mtu !== undefined ? { name, mtu } : null;
}

/** The tool's ssh command with COMMAND after `--`: a command run inside the VM by hand. */
export function inVm(wording: ProviderWording, name: string, command: string): string {
  return `${wording.command(name, 'ssh')} -- ${command}`;
}
