/**
 * Tokenizing with a ceiling: table rows and rule lines have a few dozen words at most, and a pasted megabyte of
 * words must not turn into millions of token objects before it is rejected.
 */
import { type Token, isBlank } from './tokens';

export interface BoundedTokens {
  /** At most `max` tokens from the start of the line. */
  readonly tokens: Token[];
  /** True when the line has more words than `max`. */
  readonly more: boolean;
  /** End of the line's last non-blank character. */
  readonly end: number;
}

export function boundedTokens(line: string, max: number): BoundedTokens {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;
  let more = false;
  while (i < n) {
    while (i < n && isBlank(line.charCodeAt(i))) i++;
    if (i >= n) break;
    if (tokens.length === max) {
      more = true;
      break;
    }
    const start = i;
    while (i < n && !isBlank(line.charCodeAt(i))) i++;
    tokens.push({ text: line.slice(start, i), start, end: i });
  }
  let end = n;
  while (end > 0 && isBlank(line.charCodeAt(end - 1))) end--;
  return { tokens, more, end };
}
