// The JSON values in a tool's stdout: one document, a stream of them (Lima's and Colima's JSON lines, jq's
// pretty-printed stream), or JSON after a warning line. Values are found where a line starts with `{` or `[`.

/** Bounds the work on hostile input: each failed candidate costs a scan to the end of the text. */
const MAX_FAILED_CANDIDATES = 20;

/** Index just past the JSON value that starts at `start` (brackets balanced outside strings), or the text's end. */
function jsonValueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if ((char === '}' || char === ']') && --depth === 0) {
      return i + 1;
    }
  }
  return text.length;
}

/** Every JSON value that starts a line (after indentation), in order. */
export function jsonValuesIn(text: string): unknown[] {
  const values: unknown[] = [];
  let failures = 0;
  let parsedUpTo = 0;
  for (const match of text.matchAll(/^[ \t]*[{[]/gm)) {
    const start = match.index + match[0].length - 1;
    // Lines inside a value already parsed (jq's indented output) are not values of their own.
    if (start < parsedUpTo) continue;
    const end = jsonValueEnd(text, start);
    try {
      values.push(JSON.parse(text.slice(start, end)) as unknown);
      parsedUpTo = end;
    } catch {
      // Not JSON after all (a `[WARNING]` line, a truncated value): try the next line.
      if (++failures >= MAX_FAILED_CANDIDATES) break;
    }
  }
  return values;
}
