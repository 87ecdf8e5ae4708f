import type { Prefix } from './net/prefix';
import { PrefixTrie } from './trie';
import type { TrieArena } from './trieArena';

/**
 * A prefix trie whose values are lists. Most prefixes have one item, so a node holds a lone item
 * without a list and a list only from the second item on; readers still get lists, made as they read.
 * Items must not be arrays themselves, since an array held is taken for a list.
 */
export class ListTrie<E extends object> extends PrefixTrie<E[]> {
  /**
   * Adds `item` to the list at `prefix`, after every item `order` does not put after it,
   * so items equal under `order` keep the order they were added in.
   */
  add(prefix: Prefix, item: E, order: (a: E, b: E) => number): void {
    const n = this.place(prefix);
    const slots = this.arena.held;
    const held = slots[n];
    if (held === undefined) {
      slots[n] = item;
      this.count++;
    } else if (Array.isArray(held)) {
      const list = held as E[];
      let i = list.length;
      while (i > 0 && order(list[i - 1] as E, item) > 0) i--;
      list.splice(i, 0, item);
    } else {
      const lone = held as E;
      slots[n] = order(lone, item) > 0 ? [item, lone] : [lone, item];
    }
  }

  /** The same update as on any prefix trie; the trie it returns is a list trie too. */
  override withUpdate(prefix: Prefix, update: (existing: E[] | undefined) => E[] | undefined): ListTrie<E> {
    return super.withUpdate(prefix, update) as ListTrie<E>;
  }

  protected override read(held: unknown): E[] {
    return Array.isArray(held) ? (held as E[]) : [held as E];
  }

  protected override store(list: E[]): unknown {
    return list.length === 1 ? list[0] : list;
  }

  protected override withRoot(arena: TrieArena, root: number): ListTrie<E> {
    return new ListTrie<E>(this.family, arena, root);
  }
}
