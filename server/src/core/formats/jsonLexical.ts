/** JSON strings and numbers, read from one line by index, with no regular expression over the input. */

export interface Lexed {
  /** Where reading stopped: past the token, or at the offending character. */
  readonly end: number;
  readonly error?: string;
  /** Width of the offending text, for the error span. */
  readonly width?: number;
}

const ESCAPES: Readonly<Record<number, string>> = {
  34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t',
};

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Reads the string whose opening quote is at `at`; `end` is just past the closing quote. */
export function readString(text: string, at: number): Lexed & { readonly value: string } {
  let i = at + 1;
  let out = '';
  let run = i;
  for (;;) {
    if (i >= text.length) return { end: i, value: '', error: 'The string is not closed: expected `"` before the end of the line.' };
    const c = text.charCodeAt(i);
    if (c === 34) break;
    if (c < 32) return { end: i, value: '', error: 'Control characters must be escaped in JSON strings.' };
    if (c === 92 /* \ */) {
      out += text.slice(run, i);
      const e = text.charCodeAt(i + 1);
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 117 /* u */ && [2, 3, 4, 5].every((k) => isHex(text.charCodeAt(i + k)))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        return { end: i, value: '', error: 'Invalid escape in a JSON string.', width: 2 };
      }
      run = i;
      continue;
    }
    i++;
  }
  out += text.slice(run, i);
  return { end: i + 1, value: out };
}

/** Reads the number that starts at `at`, by JSON's grammar (no leading zeros, digits after `.` and `e`). */
export function readNumber(text: string, at: number): Lexed {
  let i = at;
  if (text.charCodeAt(i) === 45) i++;
  const digits = (): number => {
    const from = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    return i - from;
  };
  const intStart = i;
  const intDigits = digits();
  if (intDigits === 0 || (intDigits > 1 && text.charCodeAt(intStart) === 48)) return { end: at, error: 'Invalid number.' };
  if (text.charCodeAt(i) === 46) {
    i++;
    if (digits() === 0) return { end: at, error: 'Invalid number: expected digits after `.`.' };
  }
  if (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69) {
    i++;
    if (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45) i++;
    if (digits() === 0) return { end: at, error: 'Invalid number: expected an exponent.' };
  }
  return { end: i };
}
