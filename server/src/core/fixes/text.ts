import { type Span, spanOnLine } from '../model';
import type { TextEdit } from './types';

/**
 * A document's lines with their own terminators, so edits can add lines in the file's style (CRLF stays
 * CRLF) and remove whole lines without touching their neighbours. Lines are found on demand: a fix near the
 * top of a large dump does not split the whole text.
 */
export class DocText {
  private readonly starts: number[] = [0];
  private readonly ends: number[] = [];
  private readonly terminators: string[] = [];
  private nextCr = -2;
  private nextLf = -2;
  private done = false;

  constructor(readonly text: string) {}

  /** The first terminator in the file, used for new lines; `\n` for a one-line file. */
  get eol(): string {
    return this.terminator(0) || '\n';
  }

  line(n: number): string {
    if (!this.reach(n)) return '';
    return this.text.slice(this.starts[n], this.ends[n]);
  }

  /** The terminator after line `n`: `\n`, `\r\n`, `\r`, or '' for the last line. */
  terminator(n: number): string {
    return this.reach(n) ? (this.terminators[n] ?? '') : '';
  }

  /** The offset of a position, for applying edits. */
  offset(line: number, col: number): number {
    if (!this.reach(line)) return this.text.length;
    return Math.min((this.starts[line] ?? 0) + col, this.text.length);
  }

  /** Finds lines up to `n`; false when the text has fewer lines. */
  private reach(n: number): boolean {
    const { text } = this;
    while (this.ends.length <= n && !this.done) {
      const start = this.starts[this.starts.length - 1] ?? 0;
      if (this.nextLf !== -1 && this.nextLf < start) this.nextLf = text.indexOf('\n', start);
      if (this.nextCr !== -1 && this.nextCr < start) this.nextCr = text.indexOf('\r', start);
      const cr = this.nextCr;
      const lf = this.nextLf;
      if (cr === -1 && lf === -1) {
        this.ends.push(text.length);
        this.terminators.push('');
        this.done = true;
        break;
      }
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      const length = end === cr && text.charCodeAt(cr + 1) === 10 ? 2 : 1;
      this.ends.push(end);
      this.terminators.push(text.slice(end, end + length));
      this.starts.push(end + length);
    }
    return n < this.ends.length;
  }

  /** Inserts `content` as a new line after line `n`, in the file's line-ending style. */
  insertLineAfter(n: number, content: string): TextEdit {
    // The anchor's own terminator: it already stood before the next line, so it can never merge with it.
    const own = this.terminator(n);
    if (own !== '') return { span: spanOnLine(n + 1, 0, 0), newText: `${content}${own}` };
    // After the last line: end it like the line before it, which also cannot merge with what precedes it.
    const end = this.line(n).length;
    const previous = n > 0 ? this.terminator(n - 1) : '';
    return { span: spanOnLine(n, end, end), newText: `${previous || this.eol}${content}` };
  }

  /** Removes lines `first` to `last` (inclusive) with their terminators, leaving the other lines as they were. */
  deleteLines(first: number, last: number): TextEdit {
    // A lone CR before the deleted lines would merge with an LF after them into one CRLF, joining two lines:
    // in that (mixed line-ending) case the line before ends in CRLF instead.
    if (first > 0 && this.terminator(first - 1) === '\r' && this.text.charCodeAt(this.offset(last + 1, 0)) === 10) {
      return { span: { line: first - 1, col: this.line(first - 1).length, endLine: last + 1, endCol: 0 }, newText: '\r\n' };
    }
    if (this.terminator(last) !== '') return { span: { line: first, col: 0, endLine: last + 1, endCol: 0 }, newText: '' };
    if (first > 0) {
      return { span: { line: first - 1, col: this.line(first - 1).length, endLine: last, endCol: this.line(last).length }, newText: '' };
    }
    return { span: { line: first, col: 0, endLine: last, endCol: this.line(last).length }, newText: '' };
  }
}

/** The smallest edit that turns `before` (at `line`, `col`) into `after`: common ends stay untouched. */
export function minimalEdit(line: number, col: number, before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let head = 0;
  while (head < before.length && head < after.length && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head
    && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { span: spanOnLine(line, col + head, col + before.length - tail), newText: after.slice(head, after.length - tail) };
}

/** Applies non-overlapping edits, as an editor does; for the CLI and tests. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = new DocText(text);
  const placed = edits
    .map((e) => ({ from: doc.offset(e.span.line, e.span.col), to: doc.offset(e.span.endLine, e.span.endCol), text: e.newText }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  let limit = Infinity;
  for (const e of placed) {
    if (e.to > limit) throw new Error('Overlapping edits.');
    out = `${out.slice(0, e.from)}${e.text}${out.slice(e.to)}`;
    limit = e.from;
  }
  return out;
}

/** True when `span` touches any of lines `first` to `last`. */
export function onLines(span: Span, first: number, last: number): boolean {
  return span.line <= last && span.endLine >= first;
}
