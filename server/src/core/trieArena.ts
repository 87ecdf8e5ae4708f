import type { Family } from './net/address';
import { grown } from './columns';

// A million-route trie as objects is two million small objects the collector copies and walks again
// and again. Here a node is an index into typed arrays: a key, a length and two children, plus a slot
// in one array for what the node holds. Versions made by `withUpdate` share the arena and only append.

/** Marks a missing child; node 0 is never used. */
export const NONE = 0;

/** Nodes a trie of `prefixes` stored prefixes can need: one each, one branch each, and the root. */
export function nodesFor(prefixes: number): number {
  return 2 * prefixes + 2;
}

export class TrieArena {
  /** Words per key: 1 for IPv4, 4 for IPv6. */
  readonly stride: number;
  /** Key words, `stride` per node; bits past a node's length may be set on a branching node. */
  keys: Int32Array;
  lens: Uint8Array;
  zero: Int32Array;
  one: Int32Array;
  /** What each node holds in the trie's storage form; undefined where no prefix is stored. */
  readonly held: unknown[];
  private used = 1;

  /**
   * `capacity`: nodes to make room for. The typed arrays take memory only as nodes are written, so a
   * generous guess costs nothing, while growing copies every column.
   */
  constructor(family: Family, capacity = 16) {
    this.stride = family === 4 ? 1 : 4;
    this.keys = new Int32Array(capacity * this.stride);
    this.lens = new Uint8Array(capacity);
    this.zero = new Int32Array(capacity);
    this.one = new Int32Array(capacity);
    // Sized once: growing by pushes copies the array again and again.
    this.held = new Array<unknown>(capacity);
  }

  /** A new childless node for the first `len` bits of `words`. */
  add(words: readonly number[], len: number, held: unknown): number {
    const n = this.take();
    this.setKey(n, words);
    this.lens[n] = len;
    this.held[n] = held;
    return n;
  }

  /** A new node with `from`'s key, length and children, holding `held`. */
  copy(from: number, held: unknown): number {
    const n = this.take();
    const s = this.stride;
    this.keys.copyWithin(n * s, from * s, from * s + s);
    this.lens[n] = this.lens[from] as number;
    this.zero[n] = this.zero[from] as number;
    this.one[n] = this.one[from] as number;
    this.held[n] = held;
    return n;
  }

  setKey(n: number, words: readonly number[]): void {
    const s = this.stride;
    for (let i = 0; i < s; i++) this.keys[n * s + i] = words[i] ?? 0;
  }

  /** The node's key as unsigned words. */
  keyOf(n: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.stride; i++) out.push((this.keys[n * this.stride + i] as number) >>> 0);
    return out;
  }

  /** The bit of the node's key at `pos`. */
  keyBit(n: number, pos: number): 0 | 1 {
    return (((this.keys[n * this.stride + (pos >>> 5)] as number) >>> (31 - (pos & 31))) & 1) as 0 | 1;
  }

  child(n: number, bit: number): number {
    return (bit ? this.one[n] : this.zero[n]) as number;
  }

  setChild(n: number, bit: number, child: number): void {
    if (bit) this.one[n] = child;
    else this.zero[n] = child;
  }

  /** Length of the common leading bits of the node's key and `words`, at most `max`. */
  common(n: number, words: readonly number[], max: number): number {
    const base = n * this.stride;
    for (let i = 0; i * 32 < max; i++) {
      const x = ((this.keys[base + i] as number) ^ (words[i] ?? 0)) >>> 0;
      if (x !== 0) return Math.min(max, i * 32 + Math.clz32(x));
    }
    return max;
  }

  /** True when `words` agrees with the node's key on the node's own length. */
  agrees(n: number, words: readonly number[]): boolean {
    const len = this.lens[n] as number;
    return this.common(n, words, len) === len;
  }

  private take(): number {
    const n = this.used++;
    if (n >= this.lens.length) this.grow();
    return n;
  }

  private grow(): void {
    const capacity = this.lens.length * 2;
    this.keys = grown(this.keys, new Int32Array(capacity * this.stride));
    this.lens = grown(this.lens, new Uint8Array(capacity));
    this.zero = grown(this.zero, new Int32Array(capacity));
    this.one = grown(this.one, new Int32Array(capacity));
  }
}

/** Bit `pos` of a prefix's words. */
export function wordBit(words: readonly number[], pos: number): 0 | 1 {
  return (((words[pos >>> 5] ?? 0) >>> (31 - (pos & 31))) & 1) as 0 | 1;
}

/**
 * The replacement for node `n` after updating the prefix `words`/`prefixLen` below it, sharing every node off the path; NONE when
 * nothing is left. Only new nodes are written, so every version that shares the arena stays as it was.
 */
export function updated(a: TrieArena, n: number, words: readonly number[], prefixLen: number, change: (held: unknown) => unknown, isRoot: boolean): number {
  const len = a.lens[n] as number;
  if (len === prefixLen) {
    const held = change(a.held[n]);
    if (held === a.held[n]) return n;
    return canonical(a, n, held === undefined ? undefined : words, held, a.zero[n] as number, a.one[n] as number, isRoot);
  }
  const bit = wordBit(words, len);
  const child = a.child(n, bit);
  let replacement: number;
  const childLen = child === NONE ? 0 : (a.lens[child] as number);
  if (child !== NONE && a.common(child, words, Math.min(childLen, prefixLen)) === childLen) {
    replacement = updated(a, child, words, prefixLen, change, false);
    if (replacement === child) return n;
  } else {
    const held = change(undefined);
    if (held === undefined) return n;
    if (child !== NONE) {
      const common = a.common(child, words, Math.min(childLen, prefixLen));
      const fork = a.add(words, common, common === prefixLen ? held : undefined);
      a.setChild(fork, a.keyBit(child, common), child);
      if (common !== prefixLen) a.setChild(fork, wordBit(words, common), a.add(words, prefixLen, held));
      replacement = fork;
    } else {
      replacement = a.add(words, prefixLen, held);
    }
  }
  const zero = bit ? (a.zero[n] as number) : replacement;
  const one = bit ? replacement : (a.one[n] as number);
  return canonical(a, n, undefined, a.held[n], zero, one, isRoot);
}

/**
 * Node `n` with `held`, these children and the key `words` (its own when undefined), in the form a fresh
 * build has: a node without a value exists only where two keys branch, except the root, which always exists.
 */
function canonical(a: TrieArena, n: number, words: readonly number[] | undefined, held: unknown, zero: number, one: number, isRoot: boolean): number {
  if (!isRoot && held === undefined && !(zero !== NONE && one !== NONE)) return zero !== NONE ? zero : one;
  if (words === undefined && held === a.held[n] && zero === a.zero[n] && one === a.one[n]) return n;
  const copy = a.copy(n, held);
  if (words !== undefined) a.setKey(copy, words);
  a.zero[copy] = zero;
  a.one[copy] = one;
  return copy;
}

/** True when the children on `bit`'s side of `n`, and theirs, cover all of that half of its range. */
export function halfCovered(a: TrieArena, n: number, bit: 0 | 1, accept: (held: unknown) => boolean): boolean {
  const child = a.child(n, bit);
  if (child === NONE || a.lens[child] !== (a.lens[n] as number) + 1) return false;
  const held = a.held[child];
  if (held !== undefined && accept(held)) return true;
  return halfCovered(a, child, 0, accept) && halfCovered(a, child, 1, accept);
}

/** A node and those below it as plain objects, for tests and debugging. */
export interface TrieNodeView {
  readonly words: readonly number[];
  readonly len: number;
  readonly held: unknown;
  readonly zero: TrieNodeView | undefined;
  readonly one: TrieNodeView | undefined;
}

export function nodeView(a: TrieArena, n: number): TrieNodeView | undefined {
  if (n === NONE) return undefined;
  return { words: a.keyOf(n), len: a.lens[n] as number, held: a.held[n], zero: nodeView(a, a.zero[n] as number), one: nodeView(a, a.one[n] as number) };
}
