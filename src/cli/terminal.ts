// The one place human output reaches a terminal. Everything a command writes passes through `forTerminal`, which
// escapes, visibly, what a terminal would obey rather than show: C0 and C1 controls, DEL, and the bidi overrides
// that reorder what a person reads. Names, errors and file lines from a stranger's bundle or a hostile tool thus
// show as `\x1b` or `\u202e`, never as a colour change, a rewritten line or reversed text. Bridgelight's own
// colours and line control travel as markers carrying a per-process random token, which no input can guess, and
// only the sink turns them into escape sequences. Machine output (JSON, Prometheus) goes through `exact` untouched.
import { randomBytes } from 'node:crypto';

const TOKEN = randomBytes(8).toString('hex');
const OWN = new RegExp(`\\u0000${TOKEN}([0-9a-f]+)\\u0000`, 'g');
/** Newline lays out our own text; every other control is escaped (our output has no tabs). */
const OBEYED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text as a person should see it: every control and bidi override spelled out. */
export function escapeControls(text: string): string {
  return text.replace(OBEYED, escapeOne);
}

/** A control sequence of Bridgelight's own (a colour, `\r`, erase-line), to be obeyed once it reaches the sink. */
export function own(sequence: string): string {
  return `\u0000${TOKEN}${Buffer.from(sequence, 'utf8').toString('hex')}\u0000`;
}

/** What the terminal receives for `text`: input escaped, our own markers turned into their sequences. */
export function forTerminal(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(OWN)) {
    out += escapeControls(text.slice(from, match.index)) + Buffer.from(match[1]!, 'hex').toString('utf8');
    from = match.index + match[0].length;
  }
  return out + escapeControls(text.slice(from));
}

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** An output whose `write` is for people (sanitized) and `exact` for machine formats (byte for byte). */
export interface TerminalOutput extends Output {
  exact(text: string): unknown;
}

export function terminalOutput(inner: Output): TerminalOutput {
  return {
    write: (text) => inner.write(forTerminal(text)),
    exact: (text) => inner.write(text),
    isTTY: inner.isTTY,
  };
}
