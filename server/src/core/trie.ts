import type { Address, Family } from './net/address';
import type { Prefix } from './net/prefix';
import { NONE, TrieArena, halfCovered, updated, wordBit } from './trieArena';

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
 * Nodes live in a `TrieArena`; they hold values in a storage form that `read` and `store` convert,
 * here the value itself.
 */
export class PrefixTrie<T> {
  protected readonly arena: TrieArena;
  /** The root node, always present even when nothing is stored at length 0. */
  protected readonly root: number;
  protected count = 0;
  /** The nodes from the root to the last one `place` returned; input in address order lands near it next. */
  private readonly path: number[] = [];
  private depth = 0;
  /** The nodes above the last node `findBelow` returned, for the next search to start from. */
  private readonly seen: number[] = [];
  private seenDepth = 0;

  constructor(readonly family: Family, arena?: TrieArena, root?: number) {
    this.arena = arena ?? new TrieArena(family);
    this.root = root ?? this.arena.add([], 0, undefined);
  }

  get size(): number {
    return this.count;
  }

  get(prefix: Prefix): T | undefined {
    const n = this.find(prefix);
    const held = this.arena.held[n];
    return n !== NONE && held !== undefined ? this.read(held) : undefined;
  }

  /** Stores `value` at `prefix`, or updates the stored one with `merge`. */
  upsert(prefix: Prefix, create: () => T, merge: (existing: T) => void): void {
    const n = this.place(prefix);
    const held = this.arena.held;
    if (held[n] === undefined) {
      held[n] = this.store(create());
      this.count++;
    } else {
      const value = this.read(held[n]);
      merge(value);
      held[n] = this.store(value);
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
    // `updated` keeps the root whatever it holds.
    const root = updated(this.arena, this.root, prefix.words, prefix.len, change, true);
    if (root === this.root) return this;
    const next = this.withRoot(this.arena, root);
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
    let best = NONE;
    this.walkPath(address.words, address.family === 4 ? 32 : 128, (n) => {
      if (accept(this.read(this.arena.held[n]))) best = n;
    });
    return best !== NONE ? this.entry(best) : undefined;
  }

  /** Stored prefixes that contain `prefix` (itself included), longest first. */
  covering(prefix: Prefix): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    this.walkPath(prefix.words, prefix.len, (n) => out.push(this.entry(n)));
    return out.reverse();
  }

  /** Stored prefixes strictly inside `prefix`, in address order. */
  within(prefix: Prefix, limit = Infinity): TrieEntry<T>[] {
    return this.inside(prefix, limit, () => true, () => false);
  }

  /** True when prefixes strictly inside `prefix` whose values pass `accept` cover all of its addresses. */
  coveredInside(prefix: Prefix, accept: (value: T) => boolean): boolean {
    const top = this.findBelow(prefix);
    return top !== NONE && this.arena.lens[top] === prefix.len && this.coveredBelow(top, accept);
  }

  /**
   * `get` and `coveredInside` in one descent, written into `out` so checking a million prefixes makes no objects:
   * the value stored at `prefix`, and whether prefixes strictly inside it whose values pass `accept` cover it all.
   */
  probe(prefix: Prefix, accept: (value: T) => boolean, out: TrieProbe<T>): TrieProbe<T> {
    const top = this.findBelow(prefix);
    out.value = undefined;
    out.covered = false;
    if (top === NONE || this.arena.lens[top] !== prefix.len) return out;
    const held = this.arena.held[top];
    if (held !== undefined) out.value = this.read(held);
    out.covered = this.coveredBelow(top, accept);
    return out;
  }

  /** The outermost prefixes strictly inside `prefix` whose values pass `accept`, in address order. */
  frontier(prefix: Prefix, accept: (value: T) => boolean, limit = Infinity): TrieEntry<T>[] {
    return this.inside(prefix, limit, accept, accept);
  }

  /** Stored prefixes strictly inside `prefix`, each path followed down to the first whose value passes `stop`. */
  insideUntil(prefix: Prefix, stop: (value: T) => boolean): TrieEntry<T>[] {
    return this.inside(prefix, Infinity, () => true, stop);
  }

  /**
   * Visits every stored prefix in address order, shorter before longer, without allocating entries.
   * `words` is one array reused for every visit: read it during the call, do not keep it.
   */
  walk(visit: (words: readonly number[], len: number, value: T) => void): void {
    const a = this.arena;
    const words: number[] = [];
    const stack: number[] = [this.root];
    while (stack.length > 0) {
      const n = stack.pop() as number;
      const held = a.held[n];
      if (held !== undefined) {
        for (let i = 0; i < a.stride; i++) words[i] = (a.keys[n * a.stride + i] as number) >>> 0;
        visit(words, a.lens[n] as number, this.read(held));
      }
      if (a.one[n] !== NONE) stack.push(a.one[n] as number);
      if (a.zero[n] !== NONE) stack.push(a.zero[n] as number);
    }
  }

  *entries(): IterableIterator<TrieEntry<T>> {
    const a = this.arena;
    const stack: number[] = [this.root];
    while (stack.length > 0) {
      const n = stack.pop() as number;
      if (a.held[n] !== undefined) yield this.entry(n);
      if (a.one[n] !== NONE) stack.push(a.one[n] as number);
      if (a.zero[n] !== NONE) stack.push(a.zero[n] as number);
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

  /** A trie of this kind around `root` in `arena`, for `withUpdate`. */
  protected withRoot(arena: TrieArena, root: number): PrefixTrie<T> {
    return new PrefixTrie<T>(this.family, arena, root);
  }

  /**
   * The node for `prefix`, added without a value (with the branching node it needs) when missing.
   * The search starts at the deepest node of the last placed path whose key starts `prefix`: a search
   * from the root passes there too, so the shape is the same, and input in address order descends little.
   */
  protected place(prefix: Prefix): number {
    const a = this.arena;
    const words = prefix.words;
    const len = prefix.len;
    const path = this.path;
    let depth = this.kept(path, this.depth, words, len);
    if (depth === 0) path[depth++] = this.root;
    let n = path[depth - 1] as number;
    while (a.lens[n] !== len) {
      const bit = wordBit(words, a.lens[n] as number);
      const child = a.child(n, bit);
      if (child === NONE) {
        const added = a.add(words, len, undefined);
        a.setChild(n, bit, added);
        n = added;
      } else {
        const childLen = a.lens[child] as number;
        const common = a.common(child, words, Math.min(childLen, len));
        if (common === childLen) {
          n = child;
        } else {
          // Only the first `common` bits of a branching node's key are read, so it takes the new key's words.
          const fork = a.add(words, common, undefined);
          a.setChild(fork, a.keyBit(child, common), child);
          a.setChild(n, bit, fork);
          n = fork;
          if (common !== len) {
            path[depth++] = fork;
            const added = a.add(words, len, undefined);
            a.setChild(fork, wordBit(words, common), added);
            n = added;
          }
        }
      }
      path[depth++] = n;
    }
    if (a.held[n] === undefined) a.setKey(n, words);
    this.depth = depth;
    return n;
  }

  /**
   * How many nodes of a remembered path still lead toward `words`: its leading nodes no longer than `limit`
   * whose keys agree. Every node whose key agrees lies on the search from the root, so a search resumes there.
   */
  private kept(path: readonly number[], depth: number, words: readonly number[], limit: number): number {
    const a = this.arena;
    while (depth > 0) {
      const above = path[depth - 1] as number;
      if ((a.lens[above] as number) <= limit && a.agrees(above, words)) break;
      depth--;
    }
    return depth;
  }

  /** True when the nodes below `top` whose values pass `accept` cover all of its range. */
  private coveredBelow(top: number, accept: (value: T) => boolean): boolean {
    // Most nodes of a big table are leaves: nothing below them covers anything.
    if (this.arena.zero[top] === NONE || this.arena.one[top] === NONE) return false;
    const acceptHeld = (held: unknown): boolean => accept(this.read(held));
    return halfCovered(this.arena, top, 0, acceptHeld) && halfCovered(this.arena, top, 1, acceptHeld);
  }

  private entry(n: number): TrieEntry<T> {
    return { prefix: { family: this.family, words: this.arena.keyOf(n), len: this.arena.lens[n] as number }, value: this.read(this.arena.held[n]) };
  }

  /**
   * Stored prefixes strictly inside `prefix` in address order: a node is listed when `take` passes its value,
   * and its subtree is skipped when `stop` does too; at most `limit` of them.
   */
  private inside(prefix: Prefix, limit: number, take: (value: T) => boolean, stop: (value: T) => boolean): TrieEntry<T>[] {
    const out: TrieEntry<T>[] = [];
    const a = this.arena;
    const top = this.findBelow(prefix);
    if (top === NONE) return out;
    const len = prefix.len;
    const stack: number[] = [top];
    while (stack.length > 0 && out.length < limit) {
      const n = stack.pop() as number;
      const held = a.held[n];
      if ((a.lens[n] as number) > len && held !== undefined) {
        const value = this.read(held);
        if (take(value)) out.push(this.entry(n));
        if (stop(value)) continue;
      }
      if (a.one[n] !== NONE) stack.push(a.one[n] as number);
      if (a.zero[n] !== NONE) stack.push(a.zero[n] as number);
    }
    return out;
  }

  /** Calls `visit` for each valued node on the path to the first `len` bits of `words`, shortest first. */
  private walkPath(words: readonly number[], len: number, visit: (n: number) => void): void {
    const a = this.arena;
    let n = this.root;
    while (n !== NONE && (a.lens[n] as number) <= len && a.agrees(n, words)) {
      if (a.held[n] !== undefined) visit(n);
      if (a.lens[n] === len) return;
      n = a.child(n, wordBit(words, a.lens[n] as number));
    }
  }

  /** The node stored exactly at `prefix`, or NONE. */
  private find(prefix: Prefix): number {
    const a = this.arena;
    const { words, len } = prefix;
    let n = this.root;
    while (n !== NONE && (a.lens[n] as number) < len) n = a.child(n, wordBit(words, a.lens[n] as number));
    return n !== NONE && a.lens[n] === len && a.agrees(n, words) ? n : NONE;
  }

  /**
   * The shallowest node inside `prefix` (its own node when stored or forked there), or NONE. Like `place`,
   * it starts from the deepest node of the last path it took that agrees with `prefix`: every node whose key
   * agrees is on the path from the root, so prefixes asked in address order descend little.
   */
  private findBelow(prefix: Prefix): number {
    const a = this.arena;
    const { words, len } = prefix;
    const path = this.seen;
    let depth = this.kept(path, this.seenDepth, words, len - 1);
    if (depth === 0) path[depth++] = this.root;
    let n = path[depth - 1] as number;
    while (n !== NONE && (a.lens[n] as number) < len) {
      n = a.child(n, wordBit(words, a.lens[n] as number));
      if (n === NONE || (a.lens[n] as number) >= len) break;
      if (!a.agrees(n, words)) n = NONE;
      else path[depth++] = n;
    }
    this.seenDepth = depth;
    return n !== NONE && a.common(n, words, len) === len ? n : NONE;
  }
}
