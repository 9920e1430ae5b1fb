import { rule } from '@src/shared/diagnosis/rules/host-internet-unreachable';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, healthySnapshot, hostInternetUnreachable, seedSnapshot } from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('host-internet-unreachable', () => {
  it('fires when every probe from every source failed', () => {
    expect(evaluate(hostInternetUnreachable())).toEqual({
      id: 'host-internet-unreachable',
      severity: 'error',
      title: 'The host itself reaches none of the probe targets.',
      detail: expect.stringContaining('Every connection from every address on en0 failed'),
      evidence: [
        'bound probe 192.168.1.20 → registry-1.docker.io:443 failed: timeout',
        'bound probe 192.168.1.20 → 1.1.1.1:443 failed: ENETUNREACH',
      ],
      fix: null,
    });
  });

  it('stays silent when one source gets through (the seed: only the stale one fails)', () => {
    expect(evaluate(seedSnapshot())).toBeNull();
  });

  it('stays silent when the host was not probed', () => {
    expect(evaluate(healthySnapshot({ hostProbes: null }))).toBeNull();
    expect(evaluate(healthySnapshot({ hostProbes: [] }))).toBeNull();
  });
});
