/** A whitespace-separated word of a line and where it starts. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Splits a line on spaces and tabs in one pass; no regular expressions, so it stays linear. */
export function tokenize(line: string, from = 0, to = line.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isBlank(line.charCodeAt(i))) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !isBlank(line.charCodeAt(i))) i++;
    tokens.push({ text: line.slice(start, i), start, end: i });
  }
  return tokens;
}

export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 0xa0 || c === 0xfeff;
}

/** Splits text into lines on LF, CRLF or CR, keeping line numbers exact for every line-end style. */
export function splitLines(text: string): string[] {
  // Most dumps end lines with LF alone, and splitting on a string takes half the time of the pattern.
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}
