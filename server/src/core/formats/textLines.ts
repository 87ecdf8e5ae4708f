// A million-line dump split into a million strings costs the collector those strings for as long as the
// analysis lives. TextLines keeps the text and where each line starts, and cuts a line only when asked.
// A file read in pieces stays in those pieces: one string of it all would be a second copy of the file.

/** Lines read by index: a plain array of strings is one, and so is TextLines. */
export interface Lines {
  readonly length: number;
  /** The line at `index` without its line break; undefined past either end. */
  at(index: number): string | undefined;
}

/** The lines of a text on LF, CRLF or CR, exactly as `splitLines` cuts them, with lines an edit replaced. */
export class TextLines implements Lines {
  /** The text in pieces; every piece but the last ends with a line feed, so no line spans two. */
  private readonly pieces: readonly string[];
  /** Where each piece starts in the whole text, and after the last one the text's length. */
  private readonly bases: readonly number[];
  /** The first line of each piece, and after the last one the line count. */
  private readonly firstLines: Int32Array;
  /** Where each line starts in the whole text, and after the last one the text's length plus one. */
  private readonly starts: Int32Array;
  private edited: Map<number, string> | undefined;
  private joined: string | undefined;
  /** The piece the last line asked for is in: lines are mostly asked in order. */
  private hit = 0;

  /** `text` whole, or in pieces of which every one but the last ends with a line feed. */
  constructor(text: string | readonly string[]) {
    const pieces = typeof text === 'string' ? [text] : text.length > 0 ? text : [''];
    const bases = [0];
    for (const [k, piece] of pieces.entries()) {
      if (k < pieces.length - 1 && !piece.endsWith('\n')) throw new RangeError(`piece ${k} of the text does not end with a line feed`);
      bases.push((bases[k] as number) + piece.length);
    }
    this.pieces = pieces;
    this.bases = bases;
    if (pieces.length === 1) this.joined = pieces[0];
    const { starts, firstLines } = lineStarts(pieces, bases);
    this.starts = starts;
    this.firstLines = firstLines;
  }

  get length(): number {
    return this.starts.length - 1;
  }

  /** The whole text, joined from its pieces the first time it is asked for. */
  get text(): string {
    this.joined ??= this.pieces.join('');
    return this.joined;
  }

  /** The first `chars` characters of the text, without joining the rest. */
  sample(chars: number): string {
    let out = '';
    for (const piece of this.pieces) {
      if (out.length >= chars) break;
      out += piece.slice(0, chars - out.length);
    }
    return out;
  }

  /** A start of the text holding its first `count` line feeds, or all of it: what a detector reads. */
  head(count: number): string {
    let feeds = 0;
    let k = 0;
    while (k < this.pieces.length && feeds < count) {
      const piece = this.pieces[k++] as string;
      for (let at = piece.indexOf('\n'); at >= 0 && feeds < count; at = piece.indexOf('\n', at + 1)) feeds++;
    }
    return k <= 1 ? (this.pieces[0] as string) : this.pieces.slice(0, k).join('');
  }

  /** Whether `needle`, which holds no line break, occurs in the text. */
  includes(needle: string): boolean {
    return this.pieces.some((piece) => piece.includes(needle));
  }

  at(index: number): string | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const edited = this.edited?.get(index);
    if (edited !== undefined) return edited;
    return this.textOf(index).slice(this.startOf(index), this.endOf(index));
  }

  /** The length of line `index`, without cutting it. */
  lengthOf(index: number): number {
    const edited = this.edited?.get(index);
    if (edited !== undefined) return edited.length;
    return this.endOf(index) - this.startOf(index);
  }

  /** Replaces line `index`; the line count never changes. */
  set(index: number, line: string): void {
    this.edited ??= new Map();
    this.edited.set(index, line);
  }

  /** True until a line is replaced: offsets into `textOf` hold for every line. */
  get pristine(): boolean {
    return this.edited === undefined;
  }

  /** The string line `index` is in: the text, or the piece of it that holds the line. */
  textOf(index: number): string {
    return this.pieces[this.pieceOf(index)] as string;
  }

  /** Where line `index` starts in `textOf(index)`, while `pristine`. */
  startOf(index: number): number {
    return (this.starts[index] as number) - (this.bases[this.pieceOf(index)] as number);
  }

  /** Where line `index`'s text ends in `textOf(index)`, before its line break, while `pristine`. */
  endOf(index: number): number {
    const k = this.pieceOf(index);
    const text = this.pieces[k] as string;
    const next = (this.starts[index + 1] as number) - 1 - (this.bases[k] as number);
    if (next >= text.length) return text.length;
    // The break that ends at `next` is LF, CR, or CRLF.
    return text.charCodeAt(next) === 10 && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }

  /** Which piece of the text line `index` is in: 0 for a text not read in pieces. */
  pieceOf(index: number): number {
    const first = this.firstLines;
    const k = this.hit;
    if (index >= (first[k] as number) && index < (first[k + 1] as number)) return k;
    if (index >= (first[k + 1] as number) && index < (first[k + 2] ?? 0)) return (this.hit = k + 1);
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((first[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    return (this.hit = lo);
  }

}

/**
 * Where every line starts in the whole text, then its length plus one as if a break followed the last
 * line; and the first line of every piece, then the line count.
 */
function lineStarts(pieces: readonly string[], bases: readonly number[]): { starts: Int32Array; firstLines: Int32Array } {
  const crlf = pieces.some((piece) => piece.includes('\r'));
  const breaks = (piece: string, at: (i: number) => void): void => {
    if (crlf) {
      for (let i = 0; i < piece.length; i++) {
        const c = piece.charCodeAt(i);
        if (c === 10 || (c === 13 && piece.charCodeAt(i + 1) !== 10)) at(i);
      }
    } else {
      for (let i = piece.indexOf('\n'); i >= 0; i = piece.indexOf('\n', i + 1)) at(i);
    }
  };
  let count = 1;
  for (const piece of pieces) breaks(piece, () => count++);
  const starts = new Int32Array(count + 1);
  const firstLines = new Int32Array(pieces.length + 1);
  let n = 1;
  for (const [k, piece] of pieces.entries()) {
    // A piece ends with its last line's feed, so the next line starts it.
    firstLines[k] = k === 0 ? 0 : n - 1;
    const base = bases[k] as number;
    breaks(piece, (i) => {
      starts[n++] = base + i + 1;
    });
  }
  // The text's last line follows the last break; a text that ends with a break ends with an empty line.
  firstLines[pieces.length] = count;
  starts[n] = (bases[pieces.length] as number) + 1;
  return { starts, firstLines };
}
