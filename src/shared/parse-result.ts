// Parsers never throw: real command output is messy and a crash would hide every other answer. They say
// whether they understood the text, and why not; `notes` says what they understood but left out, and why.
export type ParseResult<T> = { ok: true; value: T; notes?: string[] } | { ok: false; error: string };

export const parsed = <T>(value: T, notes: string[] = []): ParseResult<T> =>
  notes.length > 0 ? { ok: true, value, notes } : { ok: true, value };
export const unparseable = <T = never>(error: string): ParseResult<T> => ({ ok: false, error });
