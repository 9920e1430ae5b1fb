// The host prober's time limit and the VM reach target's choice of address, in process: a connect that gets no
// answer in time says `timeout` (fake timers, to a documentation address), and the address the host dials skips
// loopback and "this network" addresses.
import { createLiveProber } from '@src/node/probes';
import { reachTarget, reachVm } from '@src/node/vm-reach';
import type { VmListing } from '@src/shared/vm';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.useRealTimers();
});

describe('a host probe that gets no answer in time', () => {
  it('says timeout, with no duration, for each source and target', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const results = createLiveProber().probe(['127.0.0.1'], ['192.0.2.1:443'], 1_000);
    vi.advanceTimersByTime(1_000);
    expect(await results).toEqual([
      { source: '127.0.0.1', target: '192.0.2.1:443', ok: false, ms: null, error: 'timeout' },
    ]);
  });

  it('the connect to a VM, unbound, carries no source', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const result = createLiveProber().reach?.('192.0.2.1:22', 500);
    vi.advanceTimersByTime(500);
    expect(await result).toEqual({ target: '192.0.2.1:22', ok: false, ms: null, error: 'timeout' });
  });
});

describe('the address the host dials to reach a VM', () => {
  const listing: VmListing = {
    provider: 'lima',
    name: 'dev',
    state: 'running',
    rawState: 'Running',
    ips: ['0.1.2.3', '127.9.9.9', 'fe80::1', '192.168.105.7'],
    driver: 'vz',
    network: 'vmnet-shared',
    networkEvidence: [],
  };

  it('is the first address outside 0.0.0.0/8 and 127.0.0.0/8', () => {
    expect(reachTarget('darwin', listing)).toBe('192.168.105.7:22');
    expect(reachTarget('darwin', undefined)).toBeNull();
  });

  it("is dialled with the check's time limit", async () => {
    const limits: number[] = [];
    const answer = { target: '192.168.105.7:22', ok: true, ms: 4, error: null };
    const prober = {
      probe: async () => null,
      reach: async (_target: string, timeoutMs: number) => {
        limits.push(timeoutMs);
        return answer;
      },
    };
    expect(await reachVm(prober, 'darwin', listing, 1_234)).toBe(answer);
    expect(limits).toEqual([1_234]);
  });
});
