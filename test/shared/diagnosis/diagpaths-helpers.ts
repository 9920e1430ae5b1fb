// Helpers of the diagnosis tests (hops-branches, vm-side, facts-branches): one hop of a snapshot, one HTTPS probe from the VM.
import { deriveFacts } from '@src/shared/diagnosis/facts';
import { buildHops } from '@src/shared/diagnosis/hops';
import { HOP_IDS, type Hop, type HopId, type Snapshot, type TlsProbe } from '@src/shared/model';

/** The hop `id` as buildHops() shows it for the snapshot (hops come in HOP_IDS order). */
export const hopOf = (snapshot: Snapshot, id: HopId): Hop => buildHops(deriveFacts(snapshot))[HOP_IDS.indexOf(id)]!;

/** A probe that ended well (connected, handshake, trusted certificate) unless `extra` says otherwise. */
export function tlsProbe(target: string, extra: Partial<TlsProbe> = {}): TlsProbe {
  return {
    target,
    tried: true,
    connected: true,
    handshake: true,
    verified: true,
    verifyError: null,
    issuer: null,
    subject: null,
    timedOut: false,
    error: null,
    ...extra,
  };
}
