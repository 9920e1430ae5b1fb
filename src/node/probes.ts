// Host probes: a TCP connect to each target from each egress address, bound to that source address, so
// "the Mac browses fine" and "traffic from the stale address dies" can both be seen at once. No subprocess.
import { connect } from 'node:net';
import type { HostProbe, TargetProbe } from '../shared/model';
import { parseTarget } from '../shared/targets';

export interface HostProber {
  /** null when probing was not possible at all (replaying a bundle without probes). */
  probe(sources: string[], targets: string[], timeoutMs: number): Promise<HostProbe[] | null>;
  /**
   * One unbound TCP connect from this process to a VM (`ip:port`): on macOS 15+ it is the connection Local
   * Network privacy judges, and the first one brings up its prompt. null when it was not tried (a bundle
   * recorded without it); absent on probers that never reach VMs.
   */
  reach?(target: string, timeoutMs: number): Promise<TargetProbe | null>;
}

function probeOne(source: string | null, target: string, timeoutMs: number): Promise<HostProbe> {
  const parsedTarget = parseTarget(target);
  const from = source ?? '';
  if (!parsedTarget) return Promise.resolve({ source: from, target, ok: false, ms: null, error: 'invalid target' });
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({
      host: parsedTarget.host,
      port: parsedTarget.port,
      ...(source === null ? {} : { localAddress: source }),
    });
    const finish = (ok: boolean, error: string | null) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.destroy();
      resolve({ source: from, target, ok, ms: ok ? Math.round(performance.now() - started) : null, error });
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
    async reach(target, timeoutMs) {
      const { source: _unbound, ...probe } = await probeOne(null, target, timeoutMs);
      return probe;
    },
  };
}
