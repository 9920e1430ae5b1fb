// The wording every finding and hop shares: routes as netstat / ip route print them, lookups, probe targets.
import {
  capitalise,
  distinctTargets,
  formatLookup,
  formatRoute,
  noneReached,
  reachedCount,
} from '@src/shared/diagnosis/text';
import { describe, expect, it } from 'vitest';
import { lookup, route, vmTarget } from './snapshot-builder';

describe('formatRoute on macOS (netstat columns)', () => {
  it('joins one-letter flags as netstat prints them', () => {
    expect(formatRoute('darwin', route('default', '172.2.2.2', 'en0', { flags: ['U', 'G', 'S', 'c', 'g'] }))).toBe(
      'default 172.2.2.2 UGScg en0',
    );
  });

  it('separates flags kept as words with commas', () => {
    expect(formatRoute('darwin', route('default', '172.2.2.2', 'en0', { flags: ['UGSc', 'I'] }))).toBe(
      'default 172.2.2.2 UGSc,I en0',
    );
  });

  it('shows an on-link route, leaves out empty flags and marks an unknown interface', () => {
    expect(formatRoute('darwin', route('192.168.77', null, null))).toBe('192.168.77 (on-link) ?');
  });
});

describe('formatRoute on Linux (ip route)', () => {
  it('prints via, dev, src and metric in ip route order', () => {
    expect(
      formatRoute('linux', route('default', '198.51.100.1', 'en0', { prefsrc: '198.51.100.20', metric: 100 })),
    ).toBe('default via 198.51.100.1 dev en0 src 198.51.100.20 metric 100');
  });

  it('leaves out what the route does not have, and marks an unknown interface', () => {
    expect(formatRoute('linux', route('198.51.100.0/24', null, 'en0'))).toBe('198.51.100.0/24 dev en0');
    expect(formatRoute('linux', route('default', null, null, { metric: 0 }))).toBe('default dev ? metric 0');
  });
});

describe('formatLookup', () => {
  it('words `route get default` on macOS, with or without a gateway', () => {
    expect(formatLookup('darwin', lookup('172.2.2.2', 'en0'))).toBe(
      'route get default: gateway 172.2.2.2, interface en0',
    );
    expect(formatLookup('darwin', { ...lookup(null, 'en0'), interface: null })).toBe(
      'route get default: no gateway, interface ?',
    );
  });

  it('words the default as ip route does on Linux', () => {
    expect(formatLookup('linux', lookup('198.51.100.1', 'en0'))).toBe('default via 198.51.100.1 dev en0');
    expect(formatLookup('linux', lookup(null, 'en0'))).toBe('default dev en0');
    expect(formatLookup('linux', { ...lookup(null, 'en0'), interface: null })).toBe('default dev ?');
  });
});

describe('probe target wording', () => {
  const probes = [vmTarget('1.1.1.1:443', false), vmTarget('198.51.100.10:443', true), vmTarget('1.1.1.1:443', true)];

  it('lists each target once, in first-seen order', () => {
    expect(distinctTargets(probes)).toEqual(['1.1.1.1:443', '198.51.100.10:443']);
  });

  it('names the one target, or counts several', () => {
    expect(noneReached('the VM', [vmTarget('1.1.1.1:443', false), vmTarget('1.1.1.1:443', false)])).toBe(
      'the VM cannot reach its probe target 1.1.1.1:443',
    );
    expect(noneReached('the Mac', probes)).toBe('the Mac reaches none of its 2 probe targets');
  });

  it('counts a target as reached when any probe to it answered', () => {
    expect(reachedCount(probes)).toBe('2/2 probe targets');
    expect(reachedCount([vmTarget('1.1.1.1:443', false), vmTarget('198.51.100.10:443', true)])).toBe(
      '1/2 probe targets',
    );
  });

  it('capitalises the first letter only', () => {
    expect(capitalise('the VM reaches none')).toBe('The VM reaches none');
    expect(capitalise('')).toBe('');
  });
});
