import { type Address, type Family, bitAt } from './net/address';
import type { Prefix } from './net/prefix';
import { type TrieBranch, type TrieNode, agrees, branch, commonLength, halfCovered, isBranch, leaf, setChild, updated } from './trieNode';

export { commonLength } from './trieNode';

/** What `probe` found at a prefix. */
export interface TrieProbe<T> {
  value: T | undefined;
  covered: boolean;
}

export interface TrieEntry<T> {
  readonly prefix: Prefix;
  readonly value: T;
}

/**
 * A path-compressed binary trie keyed by prefixes of one family: a node per stored prefix
 * plus at most one branching node per stored prefix, so memory stays linear in the routes.
 * Nodes hold values in a storage form that `read` and `store` convert; here it is the value itself.
 */
export class PrefixTrie<T> {
  protected readonly root: TrieBranch;
  protected count = 0;
  /** The nodes from the root to the last one `place` returned; input in address order lands near it next. */
  private readonly path: TrieNode[] = [];
  private depth = 0;

  constructor(readonly family: Family, root?: TrieBranch) {
    this.root = root ?? branch(family === 4 ? [0] : [0, 0, 0, 0], 0);
  }

  get size(): number {
    return this.count;
  }

  get(prefix: Prefix): T | undefined {
    const n = this.find(prefix);
    return n && n.len === prefix.len && n.held !== undefined ? this.read(n.held) : undefined;
  }

  /** Stores `value` at `prefix`, or updates the stored one with `merge`. */
  upsert(prefix: Prefix, create: () => T, merge: (existing: T) => void): void {
    const n = this.place(prefix);
    if (n.held === undefined) {
      n.held = this.store(create());
      this.count++;
    } else {
      const value = this.read(n.held);
      merge(value);
      n.held = this.store(value);
    }
  }

  /**
   * A new trie with `update` applied to the value at `prefix` (undefined removes it); this one is unchanged.
   * Only the nodes on the path are copied, and the shape stays the one a fresh build of the same keys has.
   */
  withUpdate(prefix: Prefix, update: (existing: T | undefined) => T | undefined): PrefixTrie<T> {
    let delta = 0;
    const change = (held: unknown): unknown => {
      const value = update(held === undefined ? undefined : this.read(held));
      delta += (value === undefined ? 0 : 1) - (held === undefined ? 0 : 1);
      return value === undefined ? undefined : this.store(value);
    };
    // `updated` keeps the root whatever it holds, and as a branch.
    const root = (updated(this.root, prefix, change, true) ?? this.root) as TrieBranch;
    if (root === this.root) return this;
    const next = this.withRoot(root);
    next.count = this.count + delta;
    return next;
  }

  /** Every stored prefix containing `address`, longest first. */
  matches(address: Address): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    this.walkPath(address.words, address.family === 4 ? 32 : 128, (n) => out.push(this.entry(n)));
    return out.reverse();
  }

  /** The longest stored prefix containing `address` whose value passes `accept`. */
  longest(address: Address, accept: (value: T) => boolean = () => true): TrieEntry<T> | undefined {
    let best: TrieNode | undefined;
    this.walkPath(address.words, address.family === 4 ? 32 : 128, (n) => {
      if (accept(this.read(n.held))) best = n;
    });
    return best ? this.entry(best) : undefined;
  }

  /** Stored prefixes that contain `prefix` (itself included), longest first. */
  covering(prefix: Prefix): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    this.walkPath(prefix.words, prefix.len, (n) => out.push(this.entry(n)));
    return out.reverse();
  }

  /** Stored prefixes strictly inside `prefix`, in address order. */
  within(prefix: Prefix, limit = Infinity): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    const top = this.findBelow(prefix);
    if (!top) return out;
    const stack: TrieNode[] = [top];
    while (stack.length > 0 && out.length < limit) {
      const n = stack.pop() as TrieNode;
      if (n.held !== undefined && n.len > prefix.len) out.push(this.entry(n));
      if (n.one) stack.push(n.one);
      if (n.zero) stack.push(n.zero);
    }
    return out;
  }

  /** True when prefixes strictly inside `prefix` whose values pass `accept` cover all of its addresses. */
  coveredInside(prefix: Prefix, accept: (value: T) => boolean): boolean {
    const top = this.findBelow(prefix);
    return !!top && top.len === prefix.len && this.coveredBelow(top, accept);
  }

  /**
   * `get` and `coveredInside` in one descent, written into `out` so checking a million prefixes makes no objects:
   * the value stored at `prefix`, and whether prefixes strictly inside it whose values pass `accept` cover it all.
   */
  probe(prefix: Prefix, accept: (value: T) => boolean, out: TrieProbe<T>): TrieProbe<T> {
    const top = this.findBelow(prefix);
    out.value = undefined;
    out.covered = false;
    if (!top || top.len !== prefix.len) return out;
    if (top.held !== undefined) out.value = this.read(top.held);
    out.covered = this.coveredBelow(top, accept);
    return out;
  }

  /** The outermost prefixes strictly inside `prefix` whose values pass `accept`, in address order. */
  frontier(prefix: Prefix, accept: (value: T) => boolean, limit = Infinity): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    const top = this.findBelow(prefix);
    if (!top) return out;
    const stack: TrieNode[] = [top];
    while (stack.length > 0 && out.length < limit) {
      const n = stack.pop() as TrieNode;
      if (n.len > prefix.len && n.held !== undefined && accept(this.read(n.held))) {
        out.push(this.entry(n));
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
    const stack: TrieNode[] = [top];
    while (stack.length > 0) {
      const n = stack.pop() as TrieNode;
      if (n.len > prefix.len && n.held !== undefined) {
        const found = this.entry(n);
        out.push(found);
        if (stop(found.value)) continue;
      }
      if (n.one) stack.push(n.one);
      if (n.zero) stack.push(n.zero);
    }
    return out;
  }

  /** Visits every stored prefix in address order, shorter before longer, without allocating entries. */
  walk(visit: (words: readonly number[], len: number, value: T) => void): void {
    const stack: TrieNode[] = [this.root];
    while (stack.length > 0) {
      const n = stack.pop() as TrieNode;
      if (n.held !== undefined) visit(n.words, n.len, this.read(n.held));
      if (n.one) stack.push(n.one);
      if (n.zero) stack.push(n.zero);
    }
  }

  *entries(): IterableIterator<TrieEntry<T>> {
    const stack: TrieNode[] = [this.root];
    while (stack.length > 0) {
      const n = stack.pop() as TrieNode;
      if (n.held !== undefined) yield this.entry(n);
      if (n.one) stack.push(n.one);
      if (n.zero) stack.push(n.zero);
    }
  }

  /** What a reader sees for what a node holds. */
  protected read(held: unknown): T {
    return held as T;
  }

  /** What a node holds for `value`. */
  protected store(value: T): unknown {
    return value;
  }

  /** A trie of this kind around `root`, for `withUpdate`. */
  protected withRoot(root: TrieBranch): PrefixTrie<T> {
    return new PrefixTrie<T>(this.family, root);
  }

  /**
   * The node for `prefix`, added without a value (with the branching node it needs) when missing.
   * The search starts at the deepest node of the last placed path whose key starts `prefix`: a search
   * from the root passes there too, so the shape is the same, and input in address order descends little.
   */
  protected place(prefix: Prefix): TrieNode {
    const path = this.path;
    let depth = this.depth;
    while (depth > 0) {
      const above = path[depth - 1] as TrieNode;
      if (above.len <= prefix.len && agrees(above, prefix.words)) break;
      depth--;
    }
    if (depth === 0) path[depth++] = this.root;
    let n = path[depth - 1] as TrieNode;
    while (n.len !== prefix.len) {
      const bit = bitAt(prefix.words, n.len);
      const child = bit ? n.one : n.zero;
      if (!child) {
        const added = leaf(prefix.words, prefix.len);
        setChild(isBranch(n) ? n : grown(n, path, depth), bit, added);
        n = added;
      } else {
        const common = commonLength(child.words, prefix.words, Math.min(child.len, prefix.len));
        if (common === child.len) {
          n = child;
        } else {
          // Only the first `common` bits of a branching node's key are read, so it borrows the new key's words.
          const fork = branch(prefix.words, common);
          setChild(fork, bitAt(child.words, common), child);
          // `n` has a child, so it is a branch.
          setChild(n as TrieBranch, bit, fork);
          n = fork;
          if (common !== prefix.len) {
            path[depth++] = fork;
            const added = leaf(prefix.words, prefix.len);
            setChild(fork, bitAt(prefix.words, common), added);
            n = added;
          }
        }
      }
      path[depth++] = n;
    }
    if (n.held === undefined) n.words = prefix.words;
    this.depth = depth;
    return n;
  }

  /** True when the nodes below `top` whose values pass `accept` cover all of its range. */
  private coveredBelow(top: TrieNode, accept: (value: T) => boolean): boolean {
    const acceptHeld = (held: unknown): boolean => accept(this.read(held));
    return halfCovered(top, 0, acceptHeld) && halfCovered(top, 1, acceptHeld);
  }

  private entry(n: TrieNode): TrieEntry<T> {
    return { prefix: { family: this.family, words: n.words, len: n.len }, value: this.read(n.held) };
  }

  /** Calls `visit` for each valued node on the path to the first `len` bits of `words`, shortest first. */
  private walkPath(words: readonly number[], len: number, visit: (n: TrieNode) => void): void {
    let n: TrieNode | undefined = this.root;
    while (n && n.len <= len && agrees(n, words)) {
      if (n.held !== undefined) visit(n);
      if (n.len === len) return;
      n = bitAt(words, n.len) ? n.one : n.zero;
    }
  }

  /** The node stored exactly at `prefix`, or the node just above where it would be. */
  private find(prefix: Prefix): TrieNode | undefined {
    let n: TrieNode | undefined = this.root;
    while (n && n.len < prefix.len) n = bitAt(prefix.words, n.len) ? n.one : n.zero;
    return n && n.len === prefix.len && agrees(n, prefix.words) ? n : undefined;
  }

  /** The shallowest node inside `prefix` (its own node when stored or forked there). */
  private findBelow(prefix: Prefix): TrieNode | undefined {
    let n: TrieNode | undefined = this.root;
    while (n && n.len < prefix.len) {
      if (!agrees(n, prefix.words)) return undefined;
      n = bitAt(prefix.words, n.len) ? n.one : n.zero;
    }
    return n && commonLength(n.words, prefix.words, prefix.len) === prefix.len ? n : undefined;
  }
}

/** A branch in place of the leaf `path[depth - 1]`, under the same parent; the root is a branch already. */
function grown(n: TrieNode, path: TrieNode[], depth: number): TrieBranch {
  const replacement = branch(n.words, n.len, n.held);
  const parent = path[depth - 2] as TrieBranch;
  setChild(parent, bitAt(n.words, parent.len), replacement);
  path[depth - 1] = replacement;
  return replacement;
}
