import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { splitLines } from './core/formats/tokens';
import { CR, type Chunk, type Chunking, LF, chunked, concatenated, contentEnd, flatten, lastAtOrBelow, upperBound, wellFormed } from './textChunks';

export type { Chunking } from './textChunks';

const DEFAULT_CHUNKING: Chunking = { lines: 512, chars: 32 * 1024 };

/** Versions of edits remembered, so the analysis of an older version can still be brought up to date. */
const EDIT_LOG = 32;

/** The lines an edit may have changed: old lines `[from, oldTo)` are now `[from, newTo)`, all others are the same. */
export interface ChangedLines {
  readonly from: number;
  readonly oldTo: number;
  readonly newTo: number;
}

/** Unchanged lines at the head and the tail of the document, in both versions, across one or more edits. */
interface LoggedEdit {
  readonly from: number;
  readonly to: number;
  readonly head: number;
  readonly tail: number;
  readonly oldLineCount: number;
}

/**
 * The server's copy of an open document, kept as chunks of whole lines. An incremental change rebuilds the
 * one or two chunks it touches instead of copying the whole text, which is what `TextDocument.update`
 * does: on a document of a million lines that copy, and the garbage collection it causes, cost far more
 * than analysing the edit. Offsets and positions are UTF-16 code units, lines break at CRLF, CR or LF,
 * and every method answers exactly as `TextDocument` does.
 */
export class TextStore implements TextDocument {
  private chunks: Chunk[] = [];
  /** First line and first offset of each chunk. */
  private lineStarts: number[] = [];
  private offsetStarts: number[] = [];
  private totalLength = 0;
  private totalLines = 1;
  /** The whole text when something asked for it since the last change. */
  private text: string | undefined;
  private readonly edits: LoggedEdit[] = [];

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
    private readonly chunking: Chunking = DEFAULT_CHUNKING,
  ) {
    this.replaceAll(content);
  }

  /** The factory `TextDocuments` takes: `new TextDocuments(TextStore)` keeps every document as a store. */
  static create(uri: string, languageId: string, version: number, content: string): TextStore {
    return new TextStore(uri, languageId, version, content);
  }

  static update(document: TextStore, changes: TextDocumentContentChangeEvent[], version: number): TextStore {
    document.update(changes, version);
    return document;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.totalLines;
  }

  /** The text's length, without building the text. */
  get length(): number {
    return this.totalLength;
  }

  /**
   * The text, or the text of `range`. The whole text is put together from the chunks without copying them
   * (V8 copies it only when something reads its characters), so asking for its length stays cheap.
   */
  getText(range?: Range): string {
    if (range) {
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      return start <= end ? this.slice(start, end) : this.slice(end, start);
    }
    this.text ??= concatenated(this.chunks.map((chunk) => chunk.text));
    return this.text;
  }

  /** The whole text as one flat string; the chunks are cut from it afterwards, so the text is held once. */
  flatText(): string {
    const text = this.getText();
    const flat = flatten(text);
    for (let k = 0; k < this.chunks.length; k++) {
      const start = this.offsetStarts[k] as number;
      const chunk = this.chunks[k] as Chunk;
      this.chunks[k] = { text: flat.slice(start, start + chunk.text.length), breaks: chunk.breaks };
    }
    this.text = flat;
    return flat;
  }

  /** The text of one line without its line break; '' past the last line. */
  lineAt(line: number): string {
    if (line < 0 || line >= this.totalLines) return '';
    const k = this.chunkOfLine(line);
    const chunk = this.chunks[k] as Chunk;
    const local = line - (this.lineStarts[k] as number);
    const start = local === 0 ? 0 : (chunk.breaks[local - 1] as number);
    return chunk.text.slice(start, contentEnd(chunk, local));
  }

  /** Whether some line holds `word` (which has no line break): each chunk is searched as it is, nothing is copied. */
  mentions(word: string): boolean {
    return this.chunks.some((chunk) => chunk.text.includes(word));
  }

  /** Every line without its line break, as `text.split(/\r\n|\r|\n/)` gives them, without building the text. */
  lines(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.chunks.length; k++) {
      const chunk = this.chunks[k] as Chunk;
      const count = k === this.chunks.length - 1 ? chunk.breaks.length + 1 : chunk.breaks.length;
      for (let local = 0; local < count; local++) {
        const start = local === 0 ? 0 : (chunk.breaks[local - 1] as number);
        out.push(chunk.text.slice(start, contentEnd(chunk, local)));
      }
    }
    return out;
  }

  /**
   * The lines changed since `version`, when this store saw every change since then and each was a range:
   * the lines outside the result are the same, with the same line breaks. Undefined when it cannot say.
   */
  changedLinesSince(version: number): ChangedLines | undefined {
    if (version === this.currentVersion) return { from: 0, oldTo: 0, newTo: 0 };
    const first = this.edits.findIndex((edit) => edit.from === version);
    if (first < 0) return undefined;
    let head = Infinity;
    let tail = Infinity;
    let at = version;
    for (let i = first; i < this.edits.length; i++) {
      const edit = this.edits[i] as LoggedEdit;
      if (edit.from !== at) return undefined;
      head = Math.min(head, edit.head);
      tail = Math.min(tail, edit.tail);
      at = edit.to;
    }
    if (at !== this.currentVersion) return undefined;
    const oldLineCount = (this.edits[first] as LoggedEdit).oldLineCount;
    return { from: head, oldTo: oldLineCount - tail, newTo: this.totalLines - tail };
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.totalLength), 0);
    const k = lastAtOrBelow(this.offsetStarts, at);
    const chunk = this.chunks[k] as Chunk;
    const local = at - (this.offsetStarts[k] as number);
    // The line holding `local` is the one after the last break at or before it.
    const line = upperBound(chunk.breaks, local);
    const lineStart = line === 0 ? 0 : (chunk.breaks[line - 1] as number);
    return { line: (this.lineStarts[k] as number) + line, character: Math.min(local, contentEnd(chunk, line)) - lineStart };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.totalLines) return this.totalLength;
    if (position.line < 0) return 0;
    const k = this.chunkOfLine(position.line);
    const chunk = this.chunks[k] as Chunk;
    const local = position.line - (this.lineStarts[k] as number);
    const start = local === 0 ? 0 : (chunk.breaks[local - 1] as number);
    const base = this.offsetStarts[k] as number;
    if (position.character <= 0) return base + start;
    return base + Math.min(start + position.character, contentEnd(chunk, local));
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, this.totalLines - 1);
    return { start: { line: at, character: 0 }, end: { line: at, character: this.lineAt(at).length } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.totalLines) return '';
    const k = this.chunkOfLine(line);
    const chunk = this.chunks[k] as Chunk;
    const local = line - (this.lineStarts[k] as number);
    return local < chunk.breaks.length ? chunk.text.slice(contentEnd(chunk, local), chunk.breaks[local]) : '';
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const from = this.currentVersion;
    const oldLineCount = this.totalLines;
    let head = Infinity;
    let tail = Infinity;
    for (const change of changes) {
      if ('range' in change) {
        const unchanged = this.applyRange(change.range, change.text);
        head = Math.min(head, unchanged.head);
        tail = Math.min(tail, unchanged.tail);
      } else {
        this.replaceAll(change.text);
        head = 0;
        tail = 0;
        // A whole new text says nothing about which lines changed.
        this.edits.length = 0;
      }
    }
    this.currentVersion = version;
    const full = changes.some((change) => !('range' in change));
    if (!full) {
      this.edits.push({ from, to: version, head: Math.min(head, oldLineCount), tail: Math.min(tail, oldLineCount), oldLineCount });
      if (this.edits.length > EDIT_LOG) this.edits.shift();
    }
  }

  /** Applies one ranged change; returns how many lines before and after it are certainly unchanged. */
  private applyRange(range: Range, inserted: string): { head: number; tail: number } {
    const [startPosition, endPosition] = wellFormed(range);
    const start = this.offsetAt(startPosition);
    const end = this.offsetAt(endPosition);
    const startLine = this.positionAt(start).line;
    const endLine = this.positionAt(end).line;
    // One more line on each side: a CR before the edit or an LF after it may join the inserted text.
    const unchanged = { head: Math.max(0, startLine - 1), tail: Math.max(0, this.totalLines - endLine - 2) };
    let a = lastAtOrBelow(this.offsetStarts, start);
    let b = lastAtOrBelow(this.offsetStarts, end);
    let text = (this.chunks[a] as Chunk).text.slice(0, start - (this.offsetStarts[a] as number))
      + inserted + (this.chunks[b] as Chunk).text.slice(end - (this.offsetStarts[b] as number));
    // A CRLF split by the chunk boundary joins again, and a run of small chunks is merged into one.
    while (b + 1 < this.chunks.length) {
      const next = (this.chunks[b + 1] as Chunk).text;
      const split = text.charCodeAt(text.length - 1) === CR && next.charCodeAt(0) === LF;
      if (!split && text.length >= this.chunking.chars / 4) break;
      text += next;
      b++;
    }
    if (a > 0 && text.charCodeAt(0) === LF && (this.chunks[a - 1] as Chunk).text.endsWith('\r')) {
      text = (this.chunks[a - 1] as Chunk).text + text;
      a--;
    }
    const pieces = chunked(text, b === this.chunks.length - 1, this.chunking);
    this.chunks.splice(a, b - a + 1, ...pieces);
    this.reindex(a);
    return unchanged;
  }

  private replaceAll(content: string): void {
    this.chunks = chunked(content, true, this.chunking);
    this.reindex(0);
    this.text = content;
  }

  /** Recomputes the first line and offset of every chunk from chunk `from` on. */
  private reindex(from: number): void {
    this.lineStarts.length = this.chunks.length;
    this.offsetStarts.length = this.chunks.length;
    let line = from === 0 ? 0 : (this.lineStarts[from - 1] as number) + (this.chunks[from - 1] as Chunk).breaks.length;
    let offset = from === 0 ? 0 : (this.offsetStarts[from - 1] as number) + (this.chunks[from - 1] as Chunk).text.length;
    for (let k = from; k < this.chunks.length; k++) {
      const chunk = this.chunks[k] as Chunk;
      this.lineStarts[k] = line;
      this.offsetStarts[k] = offset;
      line += chunk.breaks.length;
      offset += chunk.text.length;
    }
    this.totalLines = line + 1;
    this.totalLength = offset;
    this.text = undefined;
  }

  private chunkOfLine(line: number): number {
    return lastAtOrBelow(this.lineStarts, line);
  }

  private slice(start: number, end: number): string {
    let k = lastAtOrBelow(this.offsetStarts, start);
    const parts: string[] = [];
    let at = start;
    while (at < end && k < this.chunks.length) {
      const base = this.offsetStarts[k] as number;
      const chunk = this.chunks[k] as Chunk;
      parts.push(chunk.text.slice(at - base, Math.min(end - base, chunk.text.length)));
      at = base + chunk.text.length;
      k++;
    }
    return parts.length === 1 ? (parts[0] as string) : parts.join('');
  }
}

/** The length of a document's text; a store knows it without putting the text together. */
export function textLength(document: TextDocument): number {
  return document instanceof TextStore ? document.length : document.getText().length;
}

/** Whether some line of a document holds `word`; a store looks in its chunks instead of putting the text together. */
export function mentions(document: TextDocument, word: string): boolean {
  return document instanceof TextStore ? document.mentions(word) : document.getText().includes(word);
}

/** A document's lines without their line breaks; a store cuts them from its chunks, not from a copy of the text. */
export function linesOf(document: TextDocument): string[] {
  return document instanceof TextStore ? document.lines() : splitLines(document.getText());
}
