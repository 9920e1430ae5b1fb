import {
  dottedMaskToPrefix,
  hexMaskToPrefix,
  inSubnet,
  ipv4ToNumber,
  isIpv4,
  isLinkLocal,
  numberToIpv4,
} from '@src/shared/ipv4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('ipv4', () => {
  it('accepts only canonical dotted quads', () => {
    for (const good of ['0.0.0.0', '172.2.9.61', '255.255.255.255', '192.168.77.1']) expect(isIpv4(good)).toBe(true);
    for (const bad of [
      '010.0.0.1',
      '1.2.3.256',
      '1.2.3',
      '1.2.3.4.5',
      ' 1.2.3.4',
      '1.2.3.4 ',
      'x.x.x.x',
      '1.2.3.-1',
      '',
      '1..2.3',
    ])
      expect(isIpv4(bad), bad).toBe(false);
  });

  it('converts masks to prefixes and refuses non-contiguous ones', () => {
    expect(hexMaskToPrefix('0xffffff00')).toBe(24);
    expect(hexMaskToPrefix('0xffff0000')).toBe(16);
    expect(hexMaskToPrefix('0xff000000')).toBe(8);
    expect(hexMaskToPrefix('0xffffffff')).toBe(32);
    expect(hexMaskToPrefix('0x0')).toBe(0);
    expect(hexMaskToPrefix('0xff00ff00')).toBeNull();
    expect(hexMaskToPrefix('ffffff00')).toBeNull();
    expect(dottedMaskToPrefix('255.255.255.240')).toBe(28);
    expect(dottedMaskToPrefix('255.0.255.0')).toBeNull();
  });

  it('round-trips numbers and tests subnets', () => {
    expect(numberToIpv4(ipv4ToNumber('203.0.113.10')!)).toBe('203.0.113.10');
    expect(inSubnet('172.2.9.61', '172.2.2.2', 16)).toBe(true);
    expect(inSubnet('192.168.1.154', '172.2.2.2', 16)).toBe(false);
    expect(inSubnet('198.51.100.66', '198.51.100.1', 24)).toBe(true);
    expect(inSubnet('1.2.3.4', '9.9.9.9', 0)).toBe(true);
    expect(isLinkLocal('169.254.10.2')).toBe(true);
    expect(isLinkLocal('169.255.0.1')).toBe(false);
  });

  // The one-pass parser against the plain reading of the rule (split on dots, each a canonical decimal 0-255).
  const reference = (text: string): number | null => {
    const parts = text.split('.');
    if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255))
      return null;
    return parts.reduce((acc, part) => acc * 256 + Number(part), 0);
  };

  it('reads exactly the canonical dotted quads, whatever the characters', () => {
    const quadish = fc
      .array(fc.constantFrom('0', '1', '2', '5', '9', '.', '.', ' ', 'a', '-'), { maxLength: 18 })
      .map((chars) => chars.join(''));
    const nearQuad = fc
      .tuple(...[0, 1, 2, 3].map(() => fc.oneof(fc.nat(300).map(String), fc.constantFrom('00', '01', '', '256'))))
      .map((parts) => parts.join('.'));
    fc.assert(
      fc.property(fc.oneof(quadish, nearQuad, fc.string({ maxLength: 16 })), (text) => {
        expect(ipv4ToNumber(text)).toBe(reference(text));
        expect(isIpv4(text)).toBe(reference(text) !== null);
      }),
      { numRuns: 3_000 },
    );
    expect(ipv4ToNumber('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(ipv4ToNumber('0.0.0.1')).toBe(1);
  });
});
