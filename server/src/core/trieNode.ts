import { bitAt } from './net/address';
import type { Prefix } from './net/prefix';

/**
 * One node of a prefix trie. `held` is what the trie keeps for the prefix, in the trie's own storage form
 * (a list trie keeps a lone item without its list); undefined when no prefix is stored here.
 * Most nodes are leaves, so a leaf is made without child fields, 16 bytes smaller; one that
 * gains a child is replaced by a branch.
 */
export type TrieNode = TrieLeaf | TrieBranch;

interface TrieKey {
  /** The key; bits past `len` may be set on a branching node, which borrows a descendant's words. */
  words: readonly number[];
  readonly len: number;
  held: unknown;
}

export interface TrieLeaf extends TrieKey {
  readonly zero?: undefined;
  readonly one?: undefined;
}

export interface TrieBranch extends TrieKey {
  zero: TrieNode | undefined;
  one: TrieNode | undefined;
}

/** `words` must already be masked to `len` bits. */
export function leaf(words: readonly number[], len: number, held?: unknown): TrieLeaf {
  return { words, len, held };
}

/** `words` must already be masked to `len` bits. */
export function branch(words: readonly number[], len: number, held?: unknown): TrieBranch {
  return { words, len, held, zero: undefined, one: undefined };
}

export function isBranch(n: TrieNode): n is TrieBranch {
  return 'zero' in n;
}

export function setChild(parent: TrieBranch, bit: 0 | 1, child: TrieNode): void {
  if (bit) parent.one = child;
  else parent.zero = child;
}

/** True when `words` agrees with the node's key on the node's first `len` bits. */
export function agrees(n: TrieNode, words: readonly number[]): boolean {
  return commonLength(n.words, words, n.len) === n.len;
}

/** Length of the common leading bits of two keys, at most `max`. */
export function commonLength(a: readonly number[], b: readonly number[], max: number): number {
  for (let i = 0; i * 32 < max; i++) {
    const x = ((a[i] ?? 0) ^ (b[i] ?? 0)) >>> 0;
    if (x !== 0) return Math.min(max, i * 32 + Math.clz32(x));
  }
  return max;
}

/** The replacement for `n` after updating `prefix` below it, sharing every node off the path. */
export function updated(n: TrieNode, prefix: Prefix, change: (held: unknown) => unknown, isRoot: boolean): TrieNode | undefined {
  if (n.len === prefix.len) {
    const held = change(n.held);
    if (held === n.held) return n;
    return canonical(n, held === undefined ? n.words : prefix.words, held, isRoot);
  }
  const bit = bitAt(prefix.words, n.len);
  const child = bit ? n.one : n.zero;
  let replacement: TrieNode | undefined;
  if (child && commonLength(child.words, prefix.words, Math.min(child.len, prefix.len)) === child.len) {
    replacement = updated(child, prefix, change, false);
    if (replacement === child) return n;
  } else {
    const held = change(undefined);
    if (held === undefined) return n;
    if (child) {
      const common = commonLength(child.words, prefix.words, Math.min(child.len, prefix.len));
      const fork = common === prefix.len ? branch(prefix.words, common, held) : branch(prefix.words, common);
      setChild(fork, bitAt(child.words, common), child);
      if (common !== prefix.len) setChild(fork, bitAt(prefix.words, common), leaf(prefix.words, prefix.len, held));
      replacement = fork;
    } else {
      replacement = leaf(prefix.words, prefix.len, held);
    }
  }
  const copy = branch(n.words, n.len, n.held);
  copy.zero = bit ? n.zero : replacement;
  copy.one = bit ? replacement : n.one;
  return canonical(copy, copy.words, copy.held, isRoot);
}

/**
 * `n` with `words` and `held`, in the form a fresh build has: a node without a value exists only where
 * two keys branch (or as the root, always a branch), and a node without children is a leaf.
 */
function canonical(n: TrieNode, words: readonly number[], held: unknown, isRoot: boolean): TrieNode | undefined {
  if (!isRoot && held === undefined && !(n.zero && n.one)) return n.zero ?? n.one;
  if (!isRoot && !n.zero && !n.one) return leaf(words, n.len, held);
  if (n.words === words && n.held === held && isBranch(n)) return n;
  const copy = branch(words, n.len, held);
  copy.zero = n.zero;
  copy.one = n.one;
  return copy;
}

/** True when the children on `bit`'s side, and theirs, cover all of that half of `n`'s range. */
export function halfCovered(n: TrieNode, bit: 0 | 1, accept: (held: unknown) => boolean): boolean {
  const child = bit ? n.one : n.zero;
  if (!child || child.len !== n.len + 1) return false;
  if (child.held !== undefined && accept(child.held)) return true;
  return halfCovered(child, 0, accept) && halfCovered(child, 1, accept);
}
