import { escapeControls, forTerminal, own, terminalOutput } from '@src/cli/terminal';
import { describe, expect, it } from 'vitest';

describe('the terminal sanitizer', () => {
  it('escapes C0 and C1 controls, DEL and bidi overrides visibly, and keeps newlines and ordinary text', () => {
    expect(escapeControls('a\u001b[2Jb\u0007\t\r\u0000\u007f\u0085\u009b\n')).toBe(
      'a\\x1b[2Jb\\x07\\x09\\x0d\\x00\\x7f\\x85\\x9b\n',
    );
    expect(escapeControls('\u202aL\u202bR\u202c\u202dO\u202eE\u2066\u2067\u2068\u2069')).toBe(
      '\\u202aL\\u202bR\\u202c\\u202dO\\u202eE\\u2066\\u2067\\u2068\\u2069',
    );
    expect(escapeControls('en0 → 172.2.9.61 ✓ café')).toBe('en0 → 172.2.9.61 ✓ café');
  });

  it("obeys only Bridgelight's own sequences, which input cannot forge", () => {
    const red = own('\u001b[31m');
    expect(forTerminal(`${red}BROKEN${own('\u001b[0m')} \u001b[32mfake`)).toBe(
      '\u001b[31mBROKEN\u001b[0m \\x1b[32mfake',
    );
    // A marker lifted from one process's output carries that process's token only: shaped alike, it is escaped.
    const forged = red.replace(/[0-9a-f]{16}/, '0123456789abcdef');
    expect(forTerminal(forged)).not.toContain('\u001b');
    expect(forTerminal(forged)).toMatch(/^\\x00/);
  });

  it('writes people’s text sanitized and machine formats exactly', () => {
    let out = '';
    const terminal = terminalOutput({ write: (text: string) => (out += text), isTTY: true });
    terminal.write('\u202e1\n');
    terminal.exact('{"name":"\u202e\u0085"}\n');
    expect(out).toBe('\\u202e1\n{"name":"\u202e\u0085"}\n');
    expect(terminal.isTTY).toBe(true);
  });
});
