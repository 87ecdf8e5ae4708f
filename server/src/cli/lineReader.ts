/**
 * Lines of a text by number, found on demand: the report quotes a few thousand lines of a dump that may have
 * a million, so splitting it whole again would cost more than the quoting. Line ends are LF, CRLF or CR,
 * exactly as `splitLines` counts them.
 */
export class LineReader {
  /** Start offsets of every CHECKPOINT-th line reached so far, so a jump back never rescans from the top. */
  private readonly checkpoints: number[] = [0];
  private line = 0;
  private offset = 0;
  private nextCr: number;

  constructor(private readonly text: string) {
    this.nextCr = text.indexOf('\r');
  }

  /** The text of line `n` (0-based) without its line end; '' past the end. */
  get(n: number): string {
    if (n < 0) return '';
    if (n < this.line) {
      const k = Math.min(Math.floor(n / CHECKPOINT), this.checkpoints.length - 1);
      this.line = k * CHECKPOINT;
      this.offset = this.checkpoints[k] ?? 0;
      this.nextCr = this.text.indexOf('\r', this.offset);
    }
    while (this.line < n) {
      if (this.offset > this.text.length) return '';
      this.offset = this.afterBreak(this.offset);
      this.line++;
      if (this.line % CHECKPOINT === 0 && this.line / CHECKPOINT === this.checkpoints.length) this.checkpoints.push(this.offset);
    }
    if (this.offset > this.text.length) return '';
    return this.text.slice(this.offset, this.breakAt(this.offset));
  }

  /** Where the line starting at `from` ends (its line break, or the end of the text). */
  private breakAt(from: number): number {
    const lf = this.text.indexOf('\n', from);
    if (this.nextCr !== -1 && this.nextCr < from) this.nextCr = this.text.indexOf('\r', from);
    const end = lf === -1 ? this.text.length : lf;
    return this.nextCr !== -1 && this.nextCr < end ? this.nextCr : end;
  }

  /** The start of the next line; past the end of the text when this line is the last. */
  private afterBreak(from: number): number {
    const at = this.breakAt(from);
    if (at === this.text.length) return this.text.length + 1;
    return this.text.charCodeAt(at) === 13 && this.text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
  }
}

const CHECKPOINT = 4096;
