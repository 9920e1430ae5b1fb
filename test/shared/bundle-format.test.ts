import { fileSafeName } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';

// The file names a bundle stores a VM's files under are a public contract (replay reads them back).
describe('fileSafeName', () => {
  it("escapes the characters encodeURIComponent leaves (_ ! ~ * ' ( )) as upper-case _XX", () => {
    expect(fileSafeName("it's (a)!~*_")).toBe('it_27s_20_28a_29_21_7E_2A_5F');
  });

  it('shortens a name longer than 120 to its first 111 characters and an FNV-1a hash of the whole', () => {
    expect(fileSafeName('y'.repeat(121))).toBe(`${'y'.repeat(111)}-he556527c`);
    expect(fileSafeName(`${'x'.repeat(190)}a`)).toBe(`${'x'.repeat(111)}-h04fa0b74`);
  });
});
