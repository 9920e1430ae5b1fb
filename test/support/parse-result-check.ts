// Checks for property tests of parsers: they throw with a reason, so fast-check reports the counterexample
// and why.
import type { ParseResult } from '@src/shared/parse-result';

export function check(condition: boolean, reason: string, value: unknown): void {
  if (!condition) throw new Error(`${reason}: ${JSON.stringify(value)}`);
}

const ONE_LINE = /^[^\r\n\u2028\u2029]+$/;
export const isOneLine = (value: unknown): boolean => typeof value === 'string' && ONE_LINE.test(value);

/** A ParseResult with exactly its keys: an ok value passing `checkValue` (notes one line each), or a non-empty one-line error. */
export function checkResult<T>(result: ParseResult<T>, checkValue: (value: T) => void): void {
  check(typeof result === 'object' && result !== null, 'not an object', result);
  if (result.ok) {
    const keys = Object.keys(result).sort().join();
    check(keys === 'ok,value' || keys === 'notes,ok,value', 'extra keys on ok', result);
    if (result.notes !== undefined)
      check(result.notes.length > 0 && result.notes.every(isOneLine), 'notes that are not one-line texts', result);
    checkValue(result.value);
  } else {
    check(Object.keys(result).sort().join() === 'error,ok', 'extra keys on error', result);
    check(isOneLine(result.error) && result.error.trim() !== '', 'bad error', result);
  }
}
