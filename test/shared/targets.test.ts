import { DEFAULT_PROBE_TARGETS, parseTarget } from '@src/shared/targets';
import { describe, expect, it } from 'vitest';

describe('probe targets', () => {
  it('parses HOST:PORT with a dotted quad or a DNS name', () => {
    expect(parseTarget('203.0.113.10:80')).toEqual({ host: '203.0.113.10', port: 80 });
    expect(parseTarget('registry.k8s.io:443')).toEqual({ host: 'registry.k8s.io', port: 443 });
  });

  it('refuses anything else', () => {
    for (const bad of [
      '203.0.113.10',
      ':80',
      'host:0',
      'host:65536',
      'host:080',
      'a b:80',
      'x;rm -rf /:80',
      '$(id):1',
      '1.2.3.999:80',
      '-h:80',
      'h_:80',
    ])
      expect(parseTarget(bad), bad).toBeNull();
  });

  it('ships valid defaults', () => {
    for (const target of DEFAULT_PROBE_TARGETS) expect(parseTarget(target)).not.toBeNull();
  });
});
