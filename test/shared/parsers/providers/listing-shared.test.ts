// The pieces every VM-listing parser shares: which JSON values a tool's stdout holds, the one line quoted when a
// text is not a listing, the field readers, and the refusal lines of a JSON listing.
import { jsonValuesIn } from '@src/shared/parsers/json-values';
import { parseAddressLines } from '@src/shared/parsers/providers/address-lines';
import { parseContainerList } from '@src/shared/parsers/providers/container';
import { arrayEntries, firstLineOf, ipv4Of, streamEntries, textField } from '@src/shared/parsers/providers/listing';
import { parseTartList } from '@src/shared/parsers/providers/tart';
import { describe, expect, it } from 'vitest';

describe('jsonValuesIn', () => {
  it('reads a stream of values that start lines, after a warning line, indented or not', () => {
    expect(jsonValuesIn('[WARNING] old config\n{"a":1}\n  [2, 3]\n\t{"b":{"c":[4]}}\ntrailing')).toEqual([
      { a: 1 },
      [2, 3],
      { b: { c: [4] } },
    ]);
  });

  it('does not read the lines inside a pretty-printed value as values of their own', () => {
    expect(jsonValuesIn('{\n  "list": [\n    {"name": "a"}\n  ]\n}\n{"next": true}\n')).toEqual([
      { list: [{ name: 'a' }] },
      { next: true },
    ]);
  });

  it('brackets and escaped quotes inside strings do not end a value', () => {
    expect(jsonValuesIn('{"text":"}] \\" {[","n":1} {"not":"a line start"}\n')).toEqual([{ text: '}] " {[', n: 1 }]);
    expect(jsonValuesIn('["a\\\\"]\n')).toEqual([['a\\']]);
  });

  it('skips a value that does not parse and reads the next line’s', () => {
    expect(jsonValuesIn('{"cut": \n{"whole": 1}\n')).toEqual([{ whole: 1 }]);
    expect(jsonValuesIn('{ not json }\n[1]\n')).toEqual([[1]]);
    expect(jsonValuesIn('plain text only')).toEqual([]);
  });

  it('gives up after 20 failed candidates', () => {
    const bad = '{x}\n'.repeat(19);
    expect(jsonValuesIn(`${bad}[1]\n`)).toEqual([[1]]);
    expect(jsonValuesIn(`${bad}{x}\n[1]\n`)).toEqual([]);
  });
});

describe('firstLineOf', () => {
  it.each([
    ['', 'empty output'],
    ['\n \r\n\t', 'empty output'],
    ['\n  Error: boom  \nmore', 'Error: boom'],
    ['first\u2028second', 'first'],
    ['first\rsecond', 'first'],
    [`${'e'.repeat(250)}\n`, 'e'.repeat(200)],
  ])('%j → %j', (text, line) => {
    expect(firstLineOf(text)).toBe(line);
  });
});

describe('field readers', () => {
  it('textField: a trimmed non-empty string without control characters, own keys only', () => {
    expect(textField({ name: ' vm ' }, 'name')).toBe('vm');
    expect(textField({ name: '   ' }, 'name')).toBeNull();
    expect(textField({ name: 7 }, 'name')).toBeNull();
    expect(textField({ name: 'a\u0007b' }, 'name')).toBeNull();
    expect(textField({ name: 'a\u2028b' }, 'name')).toBeNull();
    expect(textField({ name: 'a\u009fb' }, 'name')).toBeNull();
    expect(textField({}, 'toString')).toBeNull();
  });

  it('ipv4Of: an address with or without a prefix, trimmed', () => {
    expect(ipv4Of(' 192.168.64.3/24 ')).toBe('192.168.64.3');
    expect(ipv4Of('192.168.64.3')).toBe('192.168.64.3');
    expect(ipv4Of('192.168.64.3/240')).toBeNull();
    expect(ipv4Of('fe80::1/64')).toBeNull();
    expect(ipv4Of(3232235523)).toBeNull();
  });

  it('arrayEntries takes the objects of a first array; streamEntries flattens a stream and needs one object', () => {
    expect(arrayEntries([[{ a: 1 }, 2, null, { b: 2 }], [{ c: 3 }]])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(arrayEntries([{ a: 1 }])).toBeNull();
    expect(arrayEntries([])).toBeNull();
    expect(streamEntries([{ a: 1 }, [{ b: 2 }, 3], 'x'])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(streamEntries([[1], 'x'])).toBeNull();
  });
});

describe('JSON listing refusals', () => {
  it('an empty text is a failure for a tool that always prints JSON', () => {
    expect(parseTartList(' \n')).toEqual({ ok: false, error: 'tart list --format json: empty output' });
    expect(parseContainerList('')).toEqual({ ok: false, error: 'container ls --all --format json: empty output' });
  });

  it('JSON that is not an array of entries, and entries that name no VM', () => {
    expect(parseTartList('{"Name":"vm"}')).toEqual({
      ok: false,
      error: 'tart list --format json: JSON that is not a VM listing',
    });
    expect(parseTartList('[{"Running":true}, 3]')).toEqual({
      ok: false,
      error: 'tart list --format json: entries without a VM name',
    });
    expect(parseTartList('[3]')).toEqual({ ok: true, value: [] });
  });

  it('address lines: the error names the command and the first line, or empty output', () => {
    expect(parseAddressLines('', 'utmctl ip-address')).toEqual({ ok: false, error: 'utmctl ip-address: empty output' });
    expect(parseAddressLines('fe80::1\r\n10.0.0.2\r\n', 'utmctl ip-address')).toEqual({
      ok: true,
      value: ['10.0.0.2'],
    });
  });
});
