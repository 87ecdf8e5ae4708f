/**
 * A JSON reader that keeps where every value is: line and UTF-16 column, across the lines of a section.
 * It reads one character at a time with no backtracking, so a 10 MB one-line `ip -j` dump stays linear.
 * Top-level arrays are streamed: each element is handed over as soon as it is complete, so the elements
 * before a syntax error still count.
 */
import { readNumber, readString } from './jsonLexical';
import type { JsonEntry, JsonHandlers, JsonPos, JsonValue } from './jsonValue';

export type { JsonEntry, JsonHandlers, JsonPos, JsonValue } from './jsonValue';
export { sourceText } from './jsonValue';

class SyntaxError_ {
  constructor(readonly message: string, readonly at: JsonPos, readonly endCol: number) {}
}

const MAX_DEPTH = 64;

/** Reads lines `start` to `end` (exclusive) as a sequence of JSON values; blank lines and `#` comment lines between values are skipped. */
export function scanJson(lines: readonly string[], start: number, end: number, handlers: JsonHandlers): void {
  new Scanner(lines, start, end, handlers).run();
}

class Scanner {
  private line: number;
  private col = 0;
  /** Inside a top-level array, where a recovery may resume at the next element. */
  private arrayOpen = false;

  constructor(private readonly lines: readonly string[], start: number, private readonly end: number, private readonly handlers: JsonHandlers) {
    this.line = start;
  }

  run(): void {
    let inArray = false;
    while (this.skipSpace()) {
      try {
        if (inArray) {
          this.arrayOpen = true;
          inArray = this.arrayRest();
          continue;
        }
        this.arrayOpen = false;
        const c = this.peek();
        if (c === 35 /* # */ && this.atLineStart()) {
          this.nextLine();
        } else if (c === 91 /* [ */) {
          this.col++;
          this.arrayOpen = true;
          inArray = this.arrayRest(true);
        } else if (c === 123 /* { */) {
          this.handlers.item(this.value(0));
        } else {
          // A stray line between values is reported alone; the next line is read afresh.
          this.garbage(this.line, this.col);
          this.nextLine();
        }
      } catch (e) {
        if (!(e instanceof SyntaxError_)) throw e;
        this.handlers.error(e.message, e.at, e.endCol);
        inArray = this.recover(e.at, this.arrayOpen);
      }
    }
  }

  /** Streams array elements after `[`; true while the array is still open (after a recovery). */
  private arrayRest(first = false): boolean {
    if (!this.skipSpace()) throw this.fail('The array is not closed: expected `]`.');
    if (first && this.peek() === 93 /* ] */) {
      this.col++;
      return false;
    }
    for (;;) {
      this.handlers.item(this.value(1));
      if (!this.skipSpace()) throw this.fail('The array is not closed: expected `,` or `]`.');
      const c = this.peek();
      this.col++;
      if (c === 93) return false;
      if (c !== 44 /* , */) throw this.fail('Expected `,` or `]` after an array element.', -1);
      if (!this.skipSpace()) throw this.fail('The array is not closed: expected a value.');
    }
  }

  /**
   * After an error, resumes at the next line that starts an element (`{`, `},{`) or a new array (`[`).
   * Lines in between that look like the rest of the broken value are skipped; any other line is reported alone.
   */
  private recover(at: JsonPos, inArray: boolean): boolean {
    // Compact output has every element on one line: resume at the next `},{` after the error.
    const here = this.lines[at.line] ?? '';
    const next = inArray ? nextElement(here, at.col) : -1;
    if (next >= 0) {
      this.line = at.line;
      this.col = next;
      return true;
    }
    for (let l = at.line + 1; l < this.end; l++) {
      const text = this.lines[l] ?? '';
      let i = 0;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (i === text.length) continue;
      const c = text.charCodeAt(i);
      if (c === 91 || c === 123 || c === 35) {
        this.line = l;
        this.col = i;
        return false;
      }
      const element = c === 125 /* } */ ? nextElement(text, i) : -1;
      if (element >= 0) {
        this.line = l;
        this.col = element;
        return true;
      }
      if (!looksLikeJson(text, i)) this.garbage(l, i);
    }
    this.line = this.end;
    this.col = 0;
    return false;
  }

  /** Reports line `l`, from `col` to its last non-blank character, as not JSON. */
  private garbage(l: number, col: number): void {
    const text = this.lines[l] ?? '';
    let last = text.length;
    while (last > col && isSpace(text.charCodeAt(last - 1))) last--;
    this.handlers.error('Not JSON: expected `[` or `{` to start a value.', { line: l, col }, last);
  }

  private value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw this.fail('JSON nested too deeply.');
    if (!this.skipSpace()) throw this.fail('Expected a value.');
    const start = this.pos();
    const c = this.peek();
    if (c === 123) return this.object(depth, start);
    if (c === 91) return this.array(depth, start);
    if (c === 34 /* " */) {
      const value = this.string();
      return { kind: 'string', value, start, end: this.pos() };
    }
    if (c === 45 || (c >= 48 && c <= 57)) return this.number(start);
    for (const [word, value] of LITERALS) {
      if (this.text().startsWith(word, this.col)) {
        this.col += word.length;
        return { kind: 'literal', value, start, end: this.pos() };
      }
    }
    throw this.fail(`Unexpected '${String.fromCharCode(c)}': expected a JSON value.`);
  }

  private object(depth: number, start: JsonPos): JsonValue {
    this.col++;
    const entries: JsonEntry[] = [];
    if (!this.skipSpace()) throw this.fail('The object is not closed: expected `}`.');
    if (this.peek() === 125) {
      this.col++;
      return { kind: 'object', entries, start, end: this.pos() };
    }
    for (;;) {
      if (!this.skipSpace()) throw this.fail('The object is not closed: expected a key.');
      if (this.peek() !== 34) throw this.fail('Expected a quoted key.');
      const keyStart = this.pos();
      const key = this.string();
      const keyEnd = this.pos();
      if (!this.skipSpace() || this.peek() !== 58 /* : */) throw this.fail('Expected `:` after the key.');
      this.col++;
      entries.push({ key, keyStart, keyEnd, value: this.value(depth + 1) });
      if (!this.skipSpace()) throw this.fail('The object is not closed: expected `,` or `}`.');
      const c = this.peek();
      this.col++;
      if (c === 125) return { kind: 'object', entries, start, end: this.pos() };
      if (c !== 44) throw this.fail('Expected `,` or `}` after an object member.', -1);
    }
  }

  private array(depth: number, start: JsonPos): JsonValue {
    this.col++;
    const items: JsonValue[] = [];
    if (!this.skipSpace()) throw this.fail('The array is not closed: expected `]`.');
    if (this.peek() === 93) {
      this.col++;
      return { kind: 'array', items, start, end: this.pos() };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      if (!this.skipSpace()) throw this.fail('The array is not closed: expected `,` or `]`.');
      const c = this.peek();
      this.col++;
      if (c === 93) return { kind: 'array', items, start, end: this.pos() };
      if (c !== 44) throw this.fail('Expected `,` or `]` after an array element.', -1);
    }
  }

  /** Reads a string at `"`; strings never span lines. */
  private string(): string {
    const r = readString(this.text(), this.col);
    this.col = r.end;
    if (r.error !== undefined) throw this.fail(r.error, 0, r.width);
    return r.value;
  }

  private number(start: JsonPos): JsonValue {
    const r = readNumber(this.text(), this.col);
    if (r.error !== undefined) throw this.fail(r.error);
    const raw = this.text().slice(this.col, r.end);
    this.col = r.end;
    return { kind: 'number', value: Number(raw), text: raw, start, end: this.pos() };
  }

  /** Moves past spaces and line ends; false at the end of the section. */
  private skipSpace(): boolean {
    while (this.line < this.end) {
      const text = this.text();
      while (this.col < text.length) {
        const c = text.charCodeAt(this.col);
        if (c !== 32 && c !== 9 && c !== 13) return true;
        this.col++;
      }
      this.nextLine();
    }
    return false;
  }

  private nextLine(): void {
    this.line++;
    this.col = 0;
  }

  private atLineStart(): boolean {
    const text = this.text();
    for (let i = 0; i < this.col; i++) if (text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) return false;
    return true;
  }

  private peek(): number {
    return this.text().charCodeAt(this.col);
  }

  private text(): string {
    return this.lines[this.line] ?? '';
  }

  private pos(): JsonPos {
    return { line: this.line, col: this.col };
  }

  /** An error at the cursor, or `back` characters before it; `width` characters wide. */
  private fail(message: string, back = 0, width = 1): SyntaxError_ {
    const line = Math.min(this.line, this.end - 1);
    const text = this.lines[line] ?? '';
    const col = line < this.line ? text.length : Math.max(0, this.col + back);
    return new SyntaxError_(message, { line, col }, Math.min(text.length, col + width) || col);
  }
}

/** The `{` of the next `}, {` on the line from `from`, or -1. */
function nextElement(text: string, from: number): number {
  for (let i = text.indexOf('}', from); i >= 0; i = text.indexOf('}', i + 1)) {
    let j = i + 1;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 44) continue;
    j++;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 123) return j;
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** A line that could continue a JSON value: a string, a number, a literal or punctuation. */
function looksLikeJson(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 34 || c === 93 || c === 125 || c === 44 || c === 45 || (c >= 48 && c <= 57)) return true;
  return text.startsWith('true', i) || text.startsWith('false', i) || text.startsWith('null', i);
}

const LITERALS: readonly (readonly [string, boolean | null])[] = [['true', true], ['false', false], ['null', null]];

