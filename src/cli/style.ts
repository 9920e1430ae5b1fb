// Terminal styling: colour only on a TTY and only when NO_COLOR is unset; the glyphs carry the meaning
// on their own, so output stays readable piped, in logs, and for colour-blind users.
import type { Light, Severity } from '../shared/model';
import { LIGHT_GLYPH, VERDICT_WORD as SHARED_VERDICT_WORD } from '../shared/presentation';
import { own } from './terminal';

export interface Style {
  light(light: Light, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const CODES: Record<Light, string> = { green: '32', yellow: '33', red: '31', unknown: '90' };

const RESET = own('\u001b[0m');

export function createStyle(color: boolean): Style {
  const wrap = (code: string, text: string) => (color ? `${own(`\u001b[${code}m`)}${text}${RESET}` : text);
  return {
    light: (light, text) => wrap(CODES[light], text),
    bold: (text) => wrap('1', text),
    dim: (text) => wrap('2', text),
  };
}

export function wantsColor(stream: { isTTY?: boolean }): boolean {
  return Boolean(stream.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
}

export const GLYPH = LIGHT_GLYPH;
/** Upper case in a terminal, where the verdict is the headline. */
export const VERDICT_WORD = Object.fromEntries(
  Object.entries(SHARED_VERDICT_WORD).map(([light, word]) => [light, word.toUpperCase()]),
) as Record<Light, string>;
export const SEVERITY_LIGHT: Record<Severity, Light> = { error: 'red', warning: 'yellow', info: 'unknown' };
