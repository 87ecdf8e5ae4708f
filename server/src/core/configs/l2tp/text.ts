import { type Span, spanOnLine } from '../../model';
import { editDistance } from '../editDistance';

/** Lines without their terminators, split the way editors split them. */
export function splitLines(text: string): string[] {
  // LF, CRLF and a lone CR all end a line, as editors count them, so spans land where the editor shows them.
  return text.split(/\r\n|\r|\n/);
}

/** A word of a pppd options file, with the span of its text on one line. */
export interface Word {
  readonly text: string;
  readonly span: Span;
  /** A quote opened on the word's line was never closed. */
  readonly unterminated: boolean;
}

/**
 * pppd's own reading of an options file: words split on white space, `#` starts a comment to the end of
 * the line, `"…"` and `'…'` quote, and a backslash escapes the next character. Words never span lines here,
 * since a quoted newline is not something people write in these files.
 */
export function readWords(lines: readonly string[]): Word[] {
  const out: Word[] = [];
  lines.forEach((line, n) => {
    let i = 0;
    while (i < line.length) {
      const c = line.charAt(i);
      if (c === ' ' || c === '\t') {
        i++;
        continue;
      }
      if (c === '#') break;
      const start = i;
      let text = '';
      let quote = '';
      while (i < line.length) {
        const ch = line.charAt(i);
        if (quote) {
          if (ch === quote) quote = '';
          else if (ch === '\\' && i + 1 < line.length) text += line.charAt(++i);
          else text += ch;
        } else if (ch === '"' || ch === "'") {
          quote = ch;
        } else if (ch === '\\' && i + 1 < line.length) {
          text += line.charAt(++i);
        } else if (ch === ' ' || ch === '\t' || ch === '#') {
          break;
        } else {
          text += ch;
        }
        i++;
      }
      out.push({ text, span: spanOnLine(n, start, i), unterminated: quote !== '' });
    }
  });
  return out;
}

/** The closest known name within a third of the word's length (at least 1, at most 3 edits). */
export function suggest(word: string, known: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const max = Math.min(3, Math.max(1, Math.floor(lower.length / 3)));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const name of known) {
    if (Math.abs(name.length - lower.length) > max) continue;
    const d = editDistance(lower, name.toLowerCase(), max);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
