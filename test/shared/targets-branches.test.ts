import { isHostName, parseTarget } from '@src/shared/targets';
import { describe, expect, it } from 'vitest';

describe('probe target edges', () => {
  it('accepts the first and the last port', () => {
    expect(parseTarget('registry.k8s.io:1')).toEqual({ host: 'registry.k8s.io', port: 1 });
    expect(parseTarget('192.0.2.1:65535')).toEqual({ host: '192.0.2.1', port: 65535 });
  });

  it('refuses a host of digits and dots that is no dotted quad, and a port of more than 5 digits', () => {
    expect(parseTarget('1.2.3:80')).toBeNull();
    expect(parseTarget('host:100000')).toBeNull();
  });

  it('reads a DNS name: labels of letters, digits and inner dashes, not only digits and dots', () => {
    expect(isHostName('a')).toBe(true);
    expect(isHostName('my-host.example')).toBe(true);
    expect(isHostName('123')).toBe(false);
    expect(isHostName('1.2.3')).toBe(false);
    expect(isHostName('host1.example')).toBe(true);
  });
});
