import type { Hop, HopId, Light } from '@src/shared/model';
import { worstHop } from '@src/shared/presentation';
import { describe, expect, it } from 'vitest';

const PATH: HopId[] = ['vm', 'bridge', 'nat', 'egress', 'gateway', 'internet'];
const hops = (...lights: Light[]): Hop[] =>
  lights.map((light, i) => ({ id: PATH[i]!, light, summary: light, onPath: true }));

describe('worstHop', () => {
  it('puts a known problem (yellow) before an unknown hop, even one earlier on the path', () => {
    expect(worstHop(hops('unknown', 'yellow', 'green'))?.id).toBe('bridge');
    expect(worstHop(hops('yellow', 'unknown', 'green'))?.id).toBe('vm');
  });

  it('puts an unknown hop before green ones, wherever it is', () => {
    expect(worstHop(hops('green', 'green', 'unknown'))?.id).toBe('nat');
  });

  it('puts red before everything', () => {
    expect(worstHop(hops('yellow', 'unknown', 'red', 'green'))?.id).toBe('nat');
  });

  it('among equals, picks the earliest on the path', () => {
    expect(worstHop(hops('green', 'yellow', 'yellow'))?.id).toBe('bridge');
    expect(worstHop(hops('green', 'green'))?.id).toBe('vm');
  });

  it('has nothing to say about no hops', () => {
    expect(worstHop([])).toBeNull();
  });
});
