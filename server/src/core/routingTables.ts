import type { Family } from './net/address';
import type { OsFamily, Route } from './model';
import { DEFAULT_TABLE, LOCAL_TABLE, MAIN_TABLE, tableName } from './tables';
import { PrefixTrie } from './trie';

/** Routes of one prefix in one lookup space, in the order the kernel tries them. */
export type RouteList = Route[];

/** One table, or tables the kernel searches as one, as the resolver sees them. */
export interface LookupStage {
  readonly name: string;
  readonly tableIds: readonly number[];
  readonly trie: PrefixTrie<RouteList>;
}

/**
 * Per-family tries for every table, plus the stages of a lookup under the default rules:
 * IPv4 searches local and main as one trie (the kernel merges them until a custom rule exists),
 * then default; IPv6 searches local, then main.
 */
export class RoutingTables {
  private readonly tries = new Map<string, PrefixTrie<RouteList>>();
  private readonly stages = new Map<Family, LookupStage[]>();

  constructor(readonly routes: readonly Route[], readonly os: OsFamily = 'linux') {
    for (const route of routes) {
      add(this.trieFor(route.family, route.tableId), route, byMetric);
    }
    if (os !== 'linux') {
      // Windows, macOS and the BSDs have one active table per family.
      for (const family of [4, 6] as const) {
        this.stages.set(family, [{ name: 'routing table', tableIds: [MAIN_TABLE], trie: this.trieFor(family, MAIN_TABLE) }]);
      }
      return;
    }
    const merged = new PrefixTrie<RouteList>(4);
    for (const route of routes) {
      if (route.family === 4 && (route.tableId === LOCAL_TABLE || route.tableId === MAIN_TABLE)) {
        add(merged, route, localFirst);
      }
    }
    this.stages.set(4, [
      { name: 'local + main', tableIds: [LOCAL_TABLE, MAIN_TABLE], trie: merged },
      { name: 'default', tableIds: [DEFAULT_TABLE], trie: this.trieFor(4, DEFAULT_TABLE) },
    ]);
    this.stages.set(6, [
      { name: 'local', tableIds: [LOCAL_TABLE], trie: this.trieFor(6, LOCAL_TABLE) },
      { name: 'main', tableIds: [MAIN_TABLE], trie: this.trieFor(6, MAIN_TABLE) },
    ]);
  }

  table(family: Family, id: number): PrefixTrie<RouteList> | undefined {
    return this.tries.get(`${family}:${id}`);
  }

  tableIds(family: Family): number[] {
    const ids: number[] = [];
    for (const [key, trie] of this.tries) {
      if (trie.size > 0 && key.startsWith(`${family}:`)) ids.push(Number(key.slice(2)));
    }
    return ids.sort((a, b) => b - a);
  }

  /** The stages the kernel's default rules search, in order. */
  defaultStages(family: Family): readonly LookupStage[] {
    return this.stages.get(family) ?? [];
  }

  /** The stage that searches `route`'s table under the default rules, if any. */
  stageOf(route: Route): { stage: LookupStage; index: number } | undefined {
    const stages = this.defaultStages(route.family);
    const index = stages.findIndex((s) => s.tableIds.includes(route.tableId));
    const stage = stages[index];
    return stage ? { stage, index } : undefined;
  }

  /** Why a table the lookup never searches does not count, in this OS's terms. */
  unsearchedReason(route: Route): string {
    if (this.os === 'windows' && route.table === 'persistent') {
      return 'persistent routes are what Windows re-adds at boot; the active routes are what it uses now';
    }
    if (this.os !== 'linux') return `table ${route.table} is not the active routing table`;
    return `table ${route.table} is searched only when an \`ip rule\` points to it, and the input has no rules`;
  }

  /** A single-table stage, for tables only policy rules reach. */
  tableStage(family: Family, id: number): LookupStage {
    return { name: tableName(id), tableIds: [id], trie: this.trieFor(family, id) };
  }

  private trieFor(family: Family, id: number): PrefixTrie<RouteList> {
    const key = `${family}:${id}`;
    let trie = this.tries.get(key);
    if (!trie) {
      trie = new PrefixTrie<RouteList>(family);
      this.tries.set(key, trie);
    }
    return trie;
  }
}

function add(trie: PrefixTrie<RouteList>, route: Route, order: (a: Route, b: Route) => number): void {
  trie.upsert(route.prefix, () => [route], (list) => {
    // Insertion keeps the dump's order among equals: the kernel prints routes in the order it tries them.
    let i = list.length;
    while (i > 0 && order(list[i - 1] as Route, route) > 0) i--;
    list.splice(i, 0, route);
  });
}

function byMetric(a: Route, b: Route): number {
  return a.metric - b.metric;
}

/** The kernel keeps a merged leaf sorted by table id, highest (local) first, then by metric. */
function localFirst(a: Route, b: Route): number {
  return b.tableId - a.tableId || a.metric - b.metric;
}
