// Host probes: a TCP connect to each target from each egress address, bound to that source address, so
// "the Mac browses fine" and "traffic from the stale address dies" can both be seen at once. No subprocess.
import { connect } from 'node:net';
import type { HostProbe } from '../shared/model';
import { parseTarget } from '../shared/targets';

export interface HostProber {
  /** null when probing was not possible at all (replaying a bundle without probes). */
  probe(sources: string[], targets: string[], timeoutMs: number): Promise<HostProbe[] | null>;
}

function probeOne(source: string, target: string, timeoutMs: number): Promise<HostProbe> {
  const parsedTarget = parseTarget(target);
  if (!parsedTarget) return Promise.resolve({ source, target, ok: false, ms: null, error: 'invalid target' });
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: parsedTarget.host, port: parsedTarget.port, localAddress: source });
    const finish = (ok: boolean, error: string | null) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.destroy();
      resolve({ source, target, ok, ms: ok ? Math.round(performance.now() - started) : null, error });
    };
    const timer = setTimeout(() => finish(false, 'timeout'), timeoutMs);
    socket.once('connect', () => finish(true, null));
    socket.once('error', (err: NodeJS.ErrnoException) => finish(false, err.code ?? err.message));
  });
}

export function createLiveProber(): HostProber {
  return {
    async probe(sources, targets, timeoutMs) {
      const jobs = sources.flatMap((source) => targets.map((target) => probeOne(source, target, timeoutMs)));
      return Promise.all(jobs);
    },
  };
}
