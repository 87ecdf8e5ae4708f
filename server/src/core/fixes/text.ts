import { type Span, spanOnLine } from '../model';
import type { TextEdit } from './types';

/**
 * A document's lines with their own terminators, so edits can add lines in the file's style (CRLF stays
 * CRLF) and remove whole lines without touching their neighbours.
 */
export class DocText {
  readonly lines: readonly string[];
  /** The terminator after each line: `\n`, `\r\n`, `\r`, or '' for the last line. */
  readonly terminators: readonly string[];
  /** The first terminator in the file, used for new lines; `\n` for a one-line file. */
  readonly eol: string;

  constructor(readonly text: string) {
    const lines: string[] = [];
    const terminators: string[] = [];
    const pattern = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      lines.push(text.slice(start, m.index));
      terminators.push(m[0]);
      start = m.index + m[0].length;
    }
    lines.push(text.slice(start));
    terminators.push('');
    this.lines = lines;
    this.terminators = terminators;
    this.eol = terminators.find((t) => t !== '') ?? '\n';
  }

  line(n: number): string {
    return this.lines[n] ?? '';
  }

  /** Inserts `content` as a new line after line `n`, in the file's line-ending style. */
  insertLineAfter(n: number, content: string): TextEdit {
    if ((this.terminators[n] ?? '') !== '') return { span: spanOnLine(n + 1, 0, 0), newText: `${content}${this.eol}` };
    const end = this.line(n).length;
    return { span: spanOnLine(n, end, end), newText: `${this.eol}${content}` };
  }

  /** Removes lines `first` to `last` (inclusive) with their terminators, leaving the other lines as they were. */
  deleteLines(first: number, last: number): TextEdit {
    if ((this.terminators[last] ?? '') !== '') return { span: { line: first, col: 0, endLine: last + 1, endCol: 0 }, newText: '' };
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

function offsetAt(doc: DocText, line: number, col: number): number {
  let offset = 0;
  for (let i = 0; i < line && i < doc.lines.length; i++) offset += doc.line(i).length + (doc.terminators[i] ?? '').length;
  return offset + col;
}

/** Applies non-overlapping edits, as an editor does; for the CLI and tests. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = new DocText(text);
  const placed = edits
    .map((e) => ({ from: offsetAt(doc, e.span.line, e.span.col), to: offsetAt(doc, e.span.endLine, e.span.endCol), text: e.newText }))
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
