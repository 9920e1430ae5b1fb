// Snapshots for the four findings seen from inside the VM: the healthy one with the new sections filled in, and
// helpers to break one thing at a time.
import type { HostContext, Snapshot, TlsProbe, VmProbe } from '@src/shared/model';
import { healthySnapshot, vmProbe, vmRunning, vmState, vmTarget } from '../snapshot-builder';

export function tls(extra: Partial<TlsProbe> = {}): TlsProbe {
  return {
    target: 'registry.k8s.io:443',
    tried: true,
    connected: true,
    handshake: true,
    verified: true,
    verifyError: null,
    issuer: 'C=US; O=Google Trust Services; CN=WR3',
    subject: 'CN=registry.k8s.io',
    timedOut: false,
    error: null,
    ...extra,
  };
}

export function hostContext(extra: Partial<HostContext> = {}): HostContext {
  return { mtus: { en0: 1500, bridge100: 1500 }, resolvers: [], proxies: [], internalLookup: null, ...extra };
}

/** Healthy, with every new section reported: MTUs equal, no proxy anywhere, HTTPS trusted. */
export function vmSide(probe: Partial<VmProbe> = {}, context: Partial<HostContext> = {}): Snapshot {
  const base = healthySnapshot();
  return {
    ...base,
    vm: vmRunning(
      vmProbe({
        ...base.vm!.probe!,
        mtus: { lo: 65536, eth0: 1500 },
        proxies: [],
        tls: [tls()],
        ...probe,
      }),
    ),
    hostContext: hostContext(context),
  };
}

/** The same evidence in a VM that is not running (a leftover probe must not count). */
export function stopped(snapshot: Snapshot): Snapshot {
  return { ...snapshot, vm: { ...vmState('Stopped'), probe: snapshot.vm!.probe } };
}

export const failingTargets = [vmTarget('registry-1.docker.io:443', false), vmTarget('1.1.1.1:443', false)];
