import { type Span, spanOnLine } from '../../model';

/** Lines split on LF, CRLF or CR, in one linear pass. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The text before a `#` that is outside double quotes. */
export function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '"') quoted = !quoted;
    else if (c === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

/** A value as written after `=`: trimmed, with its span; quotes are dropped from the value but kept in the span. */
export function valueAt(content: string, line: number, from: number): { value: string; span: Span } {
  const raw = content.slice(from);
  const value = raw.trim();
  const col = from + (raw.length - raw.trimStart().length);
  if (value === '') return { value: '', span: spanOnLine(line, from, from) };
  const unquoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  return { value: unquoted, span: spanOnLine(line, col, col + value.length) };
}
