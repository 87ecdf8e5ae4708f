// A million-line dump split into a million strings costs the collector those strings for as long as the
// analysis lives. TextLines keeps the text and where each line starts, and cuts a line only when asked.

/** Lines read by index: a plain array of strings is one, and so is TextLines. */
export interface Lines {
  readonly length: number;
  /** The line at `index` without its line break; undefined past either end. */
  at(index: number): string | undefined;
}

/** The lines of a text on LF, CRLF or CR, exactly as `splitLines` cuts them, with lines an edit replaced. */
export class TextLines implements Lines {
  /** Where each line starts in `text`, and after the last one the text's length plus one. */
  private readonly starts: Int32Array;
  private edited: Map<number, string> | undefined;

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  at(index: number): string | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const edited = this.edited?.get(index);
    if (edited !== undefined) return edited;
    return this.text.slice(this.starts[index] as number, this.endOf(index));
  }

  /** The length of line `index`, without cutting it. */
  lengthOf(index: number): number {
    const edited = this.edited?.get(index);
    if (edited !== undefined) return edited.length;
    return this.endOf(index) - (this.starts[index] as number);
  }

  /** Replaces line `index`; the line count never changes. */
  set(index: number, line: string): void {
    this.edited ??= new Map();
    this.edited.set(index, line);
  }

  /** True until a line is replaced: offsets into `text` hold for every line. */
  get pristine(): boolean {
    return this.edited === undefined;
  }

  /** Where line `index` starts in `text`, while `pristine`. */
  startOf(index: number): number {
    return this.starts[index] as number;
  }

  /** Where line `index`'s text ends in `text`, before its line break, while `pristine`. */
  endOf(index: number): number {
    const next = (this.starts[index + 1] as number) - 1;
    if (next >= this.text.length) return this.text.length;
    // The break that ends at `next` is LF, CR, or CRLF.
    return this.text.charCodeAt(next) === 10 && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }
}

/** The start of every line, then the text's length plus one, as if a break followed the last line. */
function lineStarts(text: string): Int32Array {
  const crlf = text.includes('\r');
  const isBreak = (i: number): boolean => {
    const c = text.charCodeAt(i);
    return c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10);
  };
  let count = 1;
  if (crlf) {
    for (let i = 0; i < text.length; i++) if (isBreak(i)) count++;
  } else {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  }
  const starts = new Int32Array(count + 1);
  let n = 1;
  if (crlf) {
    for (let i = 0; i < text.length; i++) if (isBreak(i)) starts[n++] = i + 1;
  } else {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  }
  starts[n] = text.length + 1;
  return starts;
}
