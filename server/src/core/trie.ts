import { type Address, type Family, bitAt } from './net/address';
import type { Prefix } from './net/prefix';

interface TrieNode<T> {
  /** The key; bits past `len` may be set on a branching node, which borrows a descendant's words. */
  words: readonly number[];
  readonly len: number;
  value: T | undefined;
  zero: TrieNode<T> | undefined;
  one: TrieNode<T> | undefined;
}

export interface TrieEntry<T> {
  readonly prefix: Prefix;
  readonly value: T;
}

/**
 * A path-compressed binary trie keyed by prefixes of one family: a node per stored prefix
 * plus at most one branching node per stored prefix, so memory stays linear in the routes.
 */
export class PrefixTrie<T> {
  private readonly root: TrieNode<T>;
  private count = 0;

  constructor(readonly family: Family, root?: TrieNode<T>) {
    this.root = root ?? node<T>(family === 4 ? [0] : [0, 0, 0, 0], 0);
  }

  get size(): number {
    return this.count;
  }

  get(prefix: Prefix): T | undefined {
    const n = this.find(prefix);
    return n && n.len === prefix.len ? n.value : undefined;
  }

  /** Stores `value` at `prefix`, or updates the stored one with `merge`. */
  upsert(prefix: Prefix, create: () => T, merge: (existing: T) => void): void {
    let n = this.root;
    for (;;) {
      if (n.len === prefix.len) {
        if (n.value === undefined) {
          n.words = prefix.words;
          n.value = create();
          this.count++;
        } else {
          merge(n.value);
        }
        return;
      }
      const bit = bitAt(prefix.words, n.len);
      const child = bit ? n.one : n.zero;
      if (!child) {
        setChild(n, bit, node(prefix.words, prefix.len, create()));
        this.count++;
        return;
      }
      const common = commonLength(child.words, prefix.words, Math.min(child.len, prefix.len));
      if (common === child.len) {
        n = child;
        continue;
      }
      // Only the first `common` bits of a branching node's key are read, so it borrows the new key's words.
      const fork = node<T>(prefix.words, common);
      setChild(fork, bitAt(child.words, common), child);
      setChild(n, bit, fork);
      if (common === prefix.len) {
        fork.value = create();
      } else {
        setChild(fork, bitAt(prefix.words, common), node(prefix.words, prefix.len, create()));
      }
      this.count++;
      return;
    }
  }

  /**
   * A new trie with `update` applied to the value at `prefix` (undefined removes it); this one is unchanged.
   * Only the nodes on the path are copied, and the shape stays the one a fresh build of the same keys has.
   */
  withUpdate(prefix: Prefix, update: (existing: T | undefined) => T | undefined): PrefixTrie<T> {
    let delta = 0;
    const change = (existing: T | undefined): T | undefined => {
      const value = update(existing);
      delta += (value === undefined ? 0 : 1) - (existing === undefined ? 0 : 1);
      return value;
    };
    const root = updated(this.root, prefix, change, true) ?? this.root;
    if (root === this.root) return this;
    const next = new PrefixTrie<T>(this.family, root);
    next.count = this.count + delta;
    return next;
  }

  /** Every stored prefix containing `address`, longest first. */
  matches(address: Address): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    this.walkPath(address.words, address.family === 4 ? 32 : 128, (n) => out.push(entry(n, this.family)));
    return out.reverse();
  }

  /** The longest stored prefix containing `address` whose value passes `accept`. */
  longest(address: Address, accept: (value: T) => boolean = () => true): TrieEntry<T> | undefined {
    let best: TrieNode<T> | undefined;
    this.walkPath(address.words, address.family === 4 ? 32 : 128, (n) => {
      if (accept(n.value as T)) best = n;
    });
    return best ? entry(best, this.family) : undefined;
  }

  /** Stored prefixes that contain `prefix` (itself included), longest first. */
  covering(prefix: Prefix): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    this.walkPath(prefix.words, prefix.len, (n) => out.push(entry(n, this.family)));
    return out.reverse();
  }

  /** Stored prefixes strictly inside `prefix`, in address order. */
  within(prefix: Prefix, limit = Infinity): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    const top = this.findBelow(prefix);
    if (!top) return out;
    const stack: TrieNode<T>[] = [top];
    while (stack.length > 0 && out.length < limit) {
      const n = stack.pop() as TrieNode<T>;
      if (n.value !== undefined && n.len > prefix.len) out.push(entry(n, this.family));
      if (n.one) stack.push(n.one);
      if (n.zero) stack.push(n.zero);
    }
    return out;
  }

  /** True when prefixes strictly inside `prefix` whose values pass `accept` cover all of its addresses. */
  coveredInside(prefix: Prefix, accept: (value: T) => boolean): boolean {
    const top = this.findBelow(prefix);
    if (!top || top.len !== prefix.len) return false;
    return halfCovered(top, 0, accept) && halfCovered(top, 1, accept);
  }

  /** The outermost prefixes strictly inside `prefix` whose values pass `accept`, in address order. */
  frontier(prefix: Prefix, accept: (value: T) => boolean, limit = Infinity): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    const top = this.findBelow(prefix);
    if (!top) return out;
    const stack: TrieNode<T>[] = [top];
    while (stack.length > 0 && out.length < limit) {
      const n = stack.pop() as TrieNode<T>;
      if (n.len > prefix.len && n.value !== undefined && accept(n.value)) {
        out.push(entry(n, this.family));
        continue;
      }
      if (n.one) stack.push(n.one);
      if (n.zero) stack.push(n.zero);
    }
    return out;
  }

  /** Stored prefixes strictly inside `prefix`, each path followed down to the first whose value passes `stop`. */
  insideUntil(prefix: Prefix, stop: (value: T) => boolean): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    const top = this.findBelow(prefix);
    if (!top) return out;
    const stack: TrieNode<T>[] = [top];
    while (stack.length > 0) {
      const n = stack.pop() as TrieNode<T>;
      if (n.len > prefix.len && n.value !== undefined) {
        out.push(entry(n, this.family));
        if (stop(n.value)) continue;
      }
      if (n.one) stack.push(n.one);
      if (n.zero) stack.push(n.zero);
    }
    return out;
  }

  /** Visits every stored prefix in address order, shorter before longer, without allocating entries. */
  walk(visit: (words: readonly number[], len: number, value: T) => void): void {
    const stack: TrieNode<T>[] = [this.root];
    while (stack.length > 0) {
      const n = stack.pop() as TrieNode<T>;
      if (n.value !== undefined) visit(n.words, n.len, n.value);
      if (n.one) stack.push(n.one);
      if (n.zero) stack.push(n.zero);
    }
  }

  *entries(): IterableIterator<TrieEntry<T>> {
    const stack: TrieNode<T>[] = [this.root];
    while (stack.length > 0) {
      const n = stack.pop() as TrieNode<T>;
      if (n.value !== undefined) yield entry(n, this.family);
      if (n.one) stack.push(n.one);
      if (n.zero) stack.push(n.zero);
    }
  }

  /** Calls `visit` for each valued node on the path to the first `len` bits of `words`, shortest first. */
  private walkPath(words: readonly number[], len: number, visit: (n: TrieNode<T>) => void): void {
    let n: TrieNode<T> | undefined = this.root;
    while (n && n.len <= len && agrees(n, words)) {
      if (n.value !== undefined) visit(n);
      if (n.len === len) return;
      n = bitAt(words, n.len) ? n.one : n.zero;
    }
  }

  /** The node stored exactly at `prefix`, or the node just above where it would be. */
  private find(prefix: Prefix): TrieNode<T> | undefined {
    let n: TrieNode<T> | undefined = this.root;
    while (n && n.len < prefix.len) n = bitAt(prefix.words, n.len) ? n.one : n.zero;
    return n && n.len === prefix.len && agrees(n, prefix.words) ? n : undefined;
  }

  /** The shallowest node inside `prefix` (its own node when stored or forked there). */
  private findBelow(prefix: Prefix): TrieNode<T> | undefined {
    let n: TrieNode<T> | undefined = this.root;
    while (n && n.len < prefix.len) {
      if (!agrees(n, prefix.words)) return undefined;
      n = bitAt(prefix.words, n.len) ? n.one : n.zero;
    }
    return n && commonLength(n.words, prefix.words, prefix.len) === prefix.len ? n : undefined;
  }
}

/** The replacement for `n` after updating `prefix` below it, sharing every node off the path. */
function updated<T>(n: TrieNode<T>, prefix: Prefix, change: (existing: T | undefined) => T | undefined, isRoot: boolean): TrieNode<T> | undefined {
  if (n.len === prefix.len) {
    const value = change(n.value);
    if (value === n.value) return n;
    return canonical({ words: value === undefined ? n.words : prefix.words, len: n.len, value, zero: n.zero, one: n.one }, isRoot);
  }
  const bit = bitAt(prefix.words, n.len);
  const child = bit ? n.one : n.zero;
  let replacement: TrieNode<T> | undefined;
  if (child && commonLength(child.words, prefix.words, Math.min(child.len, prefix.len)) === child.len) {
    replacement = updated(child, prefix, change, false);
    if (replacement === child) return n;
  } else {
    const value = change(undefined);
    if (value === undefined) return n;
    replacement = node(prefix.words, prefix.len, value);
    if (child) {
      const common = commonLength(child.words, prefix.words, Math.min(child.len, prefix.len));
      const fork = common === prefix.len ? replacement : node<T>(prefix.words, common);
      setChild(fork, bitAt(child.words, common), child);
      if (fork !== replacement) setChild(fork, bitAt(prefix.words, common), replacement);
      replacement = fork;
    }
  }
  const copy: TrieNode<T> = { words: n.words, len: n.len, value: n.value, zero: n.zero, one: n.one };
  if (bit) copy.one = replacement;
  else copy.zero = replacement;
  return canonical(copy, isRoot);
}

/** A node without a value exists only where two keys branch (or as the root). */
function canonical<T>(n: TrieNode<T>, isRoot: boolean): TrieNode<T> | undefined {
  if (isRoot || n.value !== undefined || (n.zero && n.one)) return n;
  return n.zero ?? n.one;
}

function halfCovered<T>(n: TrieNode<T>, bit: 0 | 1, accept: (value: T) => boolean): boolean {
  const child = bit ? n.one : n.zero;
  if (!child || child.len !== n.len + 1) return false;
  if (child.value !== undefined && accept(child.value)) return true;
  return halfCovered(child, 0, accept) && halfCovered(child, 1, accept);
}

/** `words` must already be masked to `len` bits. */
function node<T>(words: readonly number[], len: number, value?: T): TrieNode<T> {
  return { words, len, value, zero: undefined, one: undefined };
}

function setChild<T>(parent: TrieNode<T>, bit: 0 | 1, child: TrieNode<T>): void {
  if (bit) parent.one = child;
  else parent.zero = child;
}

function entry<T>(n: TrieNode<T>, family: Family): TrieEntry<T> {
  return { prefix: { family, words: n.words, len: n.len }, value: n.value as T };
}

/** True when `words` agrees with the node's key on the node's first `len` bits. */
function agrees<T>(n: TrieNode<T>, words: readonly number[]): boolean {
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
