/** One parameter of an OpenVPN config line, as OpenVPN's own `parse_line` splits it. */
export interface Param {
  /** The value after quotes and backslash escapes are removed. */
  readonly text: string;
  /** Columns of the raw text, quotes included; end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
}

/** A problem that makes OpenVPN refuse the line. */
export interface LexError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface LexedLine {
  readonly params: readonly Param[];
  /** Column where a `#` or `;` comment starts, if any. */
  readonly commentAt?: number;
  readonly error?: LexError;
}

/** OpenVPN's own parameter limit per line (MAX_PARMS). */
const MAX_PARAMS = 16;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\v' || c === '\f';
}

/**
 * Splits one line the way OpenVPN does: blanks separate parameters, `"..."` allows blanks and
 * backslash escapes, `'...'` is literal, and `#` or `;` starts a comment only where a parameter could start.
 * One pass over the line, so it stays linear.
 */
export function lexLine(line: string, from = 0, to = line.length): LexedLine {
  const params: Param[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(line.charAt(i))) i++;
    if (i >= to) break;
    const c = line.charAt(i);
    if (c === '#' || c === ';') return { params, commentAt: i };
    if (params.length >= MAX_PARAMS) {
      return { params, error: { message: `More than ${MAX_PARAMS} parameters on one line; OpenVPN reads only the first ${MAX_PARAMS}.`, start: i, end: to } };
    }
    const start = i;
    let text = '';
    let quoted = false;
    if (c === '\'') {
      quoted = true;
      const close = line.indexOf('\'', i + 1);
      if (close < 0 || close >= to) {
        return { params, error: { message: 'No closing single quotation (\') on this line.', start, end: to } };
      }
      text = line.slice(i + 1, close);
      i = close + 1;
    } else {
      const inQuotes = c === '"';
      if (inQuotes) {
        quoted = true;
        i++;
      }
      let closed = !inQuotes;
      while (i < to) {
        const ch = line.charAt(i);
        if (ch === '\\') {
          const next = line.charAt(i + 1);
          // OpenVPN accepts only `\\`, `\"` and an escaped blank; anything else is a fatal usage error.
          if (i + 1 >= to || !(next === '\\' || next === '"' || isSpace(next))) {
            return {
              params,
              error: {
                message: 'Bad backslash (\\) usage: OpenVPN treats backslashes as escapes, so write Windows paths with double backslashes ("C:\\\\dir\\\\file").',
                start: i,
                end: Math.min(to, i + 2),
              },
            };
          }
          text += next;
          i += 2;
          continue;
        }
        if (inQuotes && ch === '"') {
          closed = true;
          i++;
          break;
        }
        if (!inQuotes && isSpace(ch)) break;
        text += ch;
        i++;
      }
      if (!closed) return { params, error: { message: 'No closing quotation (") on this line.', start, end: to } };
    }
    params.push({ text, start, end: i, quoted });
  }
  return { params };
}
