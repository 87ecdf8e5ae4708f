import type { Position, Range } from 'vscode-languageserver-textdocument';

// Pure helpers of the server's document store: cutting text into chunks of whole lines, and searching them.

export const CR = 13;
export const LF = 10;

/** A chunk closes after `lines` line breaks or once it holds `chars` characters, at its next break. */
export interface Chunking {
  readonly lines: number;
  readonly chars: number;
}


/**
 * A run of whole lines. Every chunk but the last ends with a complete line break (never a CR whose LF
 * starts the next chunk), so lines and breaks never straddle two chunks.
 */
export interface Chunk {
  readonly text: string;
  /** Offsets in `text` just past each line break. */
  readonly breaks: Uint32Array;
}

/** Cuts `text` into chunks at line breaks; the last piece is kept even when empty only if it ends the document. */
export function chunked(text: string, endsDocument: boolean, chunking: Chunking): Chunk[] {
  const chunks: Chunk[] = [];
  const breaks: number[] = [];
  let start = 0;
  const close = (end: number): void => {
    chunks.push({ text: text.slice(start, end), breaks: Uint32Array.from(breaks, (b) => b - start) });
    breaks.length = 0;
    start = end;
  };
  const hasCR = text.includes('\r');
  let i = hasCR ? 0 : text.indexOf('\n');
  while (i >= 0 && i < text.length) {
    let next: number;
    if (hasCR) {
      const c = text.charCodeAt(i);
      if (c !== CR && c !== LF) {
        i++;
        continue;
      }
      next = c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    } else {
      next = i + 1;
    }
    breaks.push(next);
    if (breaks.length >= chunking.lines || next - start >= chunking.chars) close(next);
    i = hasCR ? next : text.indexOf('\n', next);
  }
  if (start < text.length || endsDocument || chunks.length === 0) close(text.length);
  return chunks;
}

/** Where line `local` of the chunk ends, before its line break. */
export function contentEnd(chunk: Chunk, local: number): number {
  if (local >= chunk.breaks.length) return chunk.text.length;
  const end = chunk.breaks[local] as number;
  if (chunk.text.charCodeAt(end - 1) === LF) return chunk.text.charCodeAt(end - 2) === CR && end >= 2 ? end - 2 : end - 1;
  return end - 1;
}

/** The range with its start before its end, as `TextDocument` orders it. */
export function wellFormed(range: Range): [Position, Position] {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? [end, start] : [start, end];
}

/** Index of the last entry at or below `value` in an ascending list whose first entry is 0. */
export function lastAtOrBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How many entries of an ascending array are at or below `value`. */
export function upperBound(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The parts joined by a balanced tree of concatenations: V8 links them and copies nothing until read. */
export function concatenated(parts: readonly string[]): string {
  if (parts.length === 0) return '';
  let level = parts.slice();
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? (level[i] as string) + (level[i + 1] as string) : (level[i] as string));
    level = next;
  }
  return level[0] as string;
}

/** A flat copy of a string that may be a tree of concatenations. */
export function flatten(text: string): string {
  // Reading a character makes V8 flatten the string in place; the flat string is what it then holds.
  text.charCodeAt(0);
  return text;
}
