// Parsers never throw: real command output is messy and a crash would hide every other answer. They say
// whether they understood the text, and why not.
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export const parsed = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const unparseable = <T = never>(error: string): ParseResult<T> => ({ ok: false, error });
