import type { Family } from './net/address';
import type { OsFamily, PolicyRule, Route } from './model';
import { isDefaultRule } from './formats/ipRuleModel';
import { ruleText } from './policy/ruleText';
import { DEFAULT_TABLE, LOCAL_TABLE, MAIN_TABLE, tableId, tableName } from './tables';
import { ListTrie } from './listTrie';
import type { PrefixTrie } from './trie';
import { TrieArena, nodesFor } from './trieArena';

/** Routes of one prefix in one lookup space, in the order the kernel tries them. */
export type RouteList = Route[];

/** One table, or tables the kernel searches as one, as the resolver sees them. */
export interface LookupStage {
  readonly name: string;
  readonly tableIds: readonly number[];
  readonly trie: PrefixTrie<RouteList>;
}

/** Tries and route counts by `family:table`, carried from one analysis to the next. */
interface TableState {
  readonly tries: Map<string, ListTrie<Route>>;
  readonly counts: Map<string, number>;
  /** How many routes a fresh build will put in each trie, which sizes its arena once. */
  readonly expected?: Map<string, number>;
}

/**
 * Per-family tries for every table, plus the stages of a lookup under the default rules:
 * IPv4 searches local and main as one trie (the kernel merges them until a custom rule exists),
 * then default; IPv6 searches local, then main.
 */
export class RoutingTables {
  private readonly tries: Map<string, ListTrie<Route>>;
  private readonly counts: Map<string, number>;
  private readonly stages = new Map<Family, LookupStage[]>();
  /** The document's `ip rule`s, both families, for the reasons given about unsearched tables. */
  private policyRules: readonly PolicyRule[] = [];

  constructor(readonly routes: readonly Route[], readonly os: OsFamily = 'linux', state?: TableState) {
    const built = state ?? emptyState();
    if (!state) fill(built, routes, 0, routes.length, os);
    this.tries = built.tries;
    this.counts = built.counts;
    if (os !== 'linux') {
      // Windows, macOS and the BSDs have one active table per family.
      for (const family of [4, 6] as const) {
        this.stages.set(family, [{ name: 'routing table', tableIds: [MAIN_TABLE], trie: this.trieFor(family, MAIN_TABLE) }]);
      }
      return;
    }
    this.stages.set(4, [
      { name: 'local + main', tableIds: [LOCAL_TABLE, MAIN_TABLE], trie: this.mergedTrie() },
      { name: 'default', tableIds: [DEFAULT_TABLE], trie: this.trieFor(4, DEFAULT_TABLE) },
    ]);
    this.stages.set(6, [
      { name: 'local', tableIds: [LOCAL_TABLE], trie: this.trieFor(6, LOCAL_TABLE) },
      { name: 'main', tableIds: [MAIN_TABLE], trie: this.trieFor(6, MAIN_TABLE) },
    ]);
  }

  /**
   * The tables after replacing `removed` with `added`; `routes` is the new document's list.
   * Only the changed paths of the tries are copied, and this instance stays as it was.
   */
  withChanges(routes: readonly Route[], removed: readonly Route[], added: readonly Route[]): RoutingTables {
    const tries = new Map(this.tries);
    const counts = new Map(this.counts);
    const apply = (route: Route, adding: boolean): void => {
      const key = `${route.family}:${route.tableId}`;
      counts.set(key, (counts.get(key) ?? 0) + (adding ? 1 : -1));
      const keys = this.os === 'linux' && isMerged(route) ? [MERGED, key] : [key];
      for (const k of keys) {
        // A trie nobody has asked for yet is built from `routes` when first needed.
        const trie = tries.get(k) ?? (k === MERGED || !isMerged(route) || this.os !== 'linux' ? new ListTrie<Route>(route.family) : undefined);
        if (!trie) continue;
        const order = k === MERGED ? localFirst : byMetric;
        tries.set(k, trie.withUpdate(route.prefix, (list) => (adding ? inserted(list, route, order) : without(list, route))));
      }
    };
    for (const route of removed) apply(route, false);
    for (const route of added) apply(route, true);
    return new RoutingTables(routes, this.os, { tries, counts }).withRules(this.policyRules);
  }

  /** Attaches the document's rules; returns this instance. */
  withRules(rules: readonly PolicyRule[]): RoutingTables {
    this.policyRules = rules;
    return this;
  }

  get rules(): readonly PolicyRule[] {
    return this.policyRules;
  }

  /** Whether the input has rules of `family` beyond the kernel's defaults. */
  hasCustomRules(family: Family): boolean {
    return this.policyRules.some((r) => r.family === family && !isDefaultRule(r));
  }

  table(family: Family, id: number): PrefixTrie<RouteList> | undefined {
    if ((this.counts.get(`${family}:${id}`) ?? 0) === 0) return this.tries.get(`${family}:${id}`);
    return this.trieFor(family, id);
  }

  tableIds(family: Family): number[] {
    const ids: number[] = [];
    for (const [key, count] of this.counts) {
      if (count > 0 && key.startsWith(`${family}:`)) ids.push(Number(key.slice(2)));
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
    const family = this.policyRules.filter((r) => r.family === route.family);
    if (family.length === 0) return `table ${route.table} is searched only when an \`ip rule\` points to it, and the input has no rules`;
    const by = family.find((r) => r.action === 'lookup' && r.table !== undefined && tableId(r.table) === route.tableId);
    return by
      ? `table ${route.table} is searched only for flows that rule ${by.priority} \`${ruleText(by)}\` selects`
      : `no rule in the input looks up table ${route.table}`;
  }

  /** A single-table stage, for tables only policy rules reach. */
  tableStage(family: Family, id: number): LookupStage {
    return { name: tableName(id), tableIds: [id], trie: this.trieFor(family, id) };
  }

  private mergedTrie(): PrefixTrie<RouteList> {
    let trie = this.tries.get(MERGED);
    if (!trie) {
      trie = new ListTrie<Route>(4);
      this.tries.set(MERGED, trie);
    }
    return trie;
  }

  private trieFor(family: Family, id: number): PrefixTrie<RouteList> {
    const key = `${family}:${id}`;
    let trie = this.tries.get(key);
    if (!trie) {
      trie = new ListTrie<Route>(family);
      if (this.os === 'linux' && family === 4 && (id === LOCAL_TABLE || id === MAIN_TABLE)) {
        for (const route of this.routes) {
          if (route.family === family && route.tableId === id) trie.add(route.prefix, route, byMetric);
        }
      }
      this.tries.set(key, trie);
    }
    return trie;
  }
}

const MERGED = '4:local+main';

function emptyState(): TableState {
  return { tries: new Map(), counts: new Map() };
}

/** Adds `routes[from..to)` to the tries, in document order. */
function fill(state: TableState, routes: readonly Route[], from: number, to: number, os: OsFamily): void {
  // Consecutive routes share a table: one key, count and trie for the run, not a lookup per route.
  for (let i = from; i < to;) {
    const first = routes[i] as Route;
    const end = runEnd(routes, i, to);
    const trieKey = trieKeyOf(first, os);
    let trie = state.tries.get(trieKey);
    if (!trie) {
      trie = new ListTrie<Route>(first.family, new TrieArena(first.family, nodesFor(state.expected?.get(trieKey) ?? 0)));
      state.tries.set(trieKey, trie);
    }
    const order = trieKey === MERGED ? localFirst : byMetric;
    // Equal routes keep the dump's order: the kernel prints routes in the order it tries them.
    for (let k = i; k < end; k++) trie.add((routes[k] as Route).prefix, routes[k] as Route, order);
    const key = `${first.family}:${first.tableId}`;
    state.counts.set(key, (state.counts.get(key) ?? 0) + end - i);
    i = end;
  }
}

/** Where the run of routes that share the family and table of `routes[from]` ends, at most at `to`. */
function runEnd(routes: readonly Route[], from: number, to: number): number {
  const first = routes[from] as Route;
  let i = from + 1;
  while (i < to && (routes[i] as Route).family === first.family && (routes[i] as Route).tableId === first.tableId) i++;
  return i;
}

/** The trie a route goes into: local and main IPv4 routes are only looked up merged; their own tries are built when asked for. */
function trieKeyOf(route: Route, os: OsFamily): string {
  return os === 'linux' && isMerged(route) ? MERGED : `${route.family}:${route.tableId}`;
}

/** Builds the tables `chunk` routes at a time, yielding how many are in, so a caller can pause between pieces. */
export function* buildTables(routes: readonly Route[], os: OsFamily, chunk: number): Generator<number, RoutingTables> {
  const state: TableState = { ...emptyState(), expected: triesSizes(routes, os) };
  for (let from = 0; from < routes.length; from += chunk) {
    fill(state, routes, from, Math.min(routes.length, from + chunk), os);
    yield Math.min(routes.length, from + chunk);
  }
  return new RoutingTables(routes, os, state);
}

/** Routes per trie, counted by runs of one family and table as `fill` adds them. */
function triesSizes(routes: readonly Route[], os: OsFamily): Map<string, number> {
  const sizes = new Map<string, number>();
  for (let i = 0; i < routes.length;) {
    const end = runEnd(routes, i, routes.length);
    const key = trieKeyOf(routes[i] as Route, os);
    sizes.set(key, (sizes.get(key) ?? 0) + end - i);
    i = end;
  }
  return sizes;
}

function isMerged(route: Route): boolean {
  return route.family === 4 && (route.tableId === LOCAL_TABLE || route.tableId === MAIN_TABLE);
}

/** A new list with `route` where a build in document order would have put it. */
function inserted(list: RouteList | undefined, route: Route, order: (a: Route, b: Route) => number): RouteList {
  if (!list) return [route];
  let i = list.length;
  while (i > 0) {
    const before = list[i - 1] as Route;
    const o = order(before, route);
    if (o < 0 || (o === 0 && before.id < route.id)) break;
    i--;
  }
  return [...list.slice(0, i), route, ...list.slice(i)];
}

function without(list: RouteList | undefined, route: Route): RouteList | undefined {
  const rest = list?.filter((r) => r !== route);
  return rest && rest.length > 0 ? rest : undefined;
}

function byMetric(a: Route, b: Route): number {
  return a.metric - b.metric;
}

/** The kernel keeps a merged leaf sorted by table id, highest (local) first, then by metric. */
function localFirst(a: Route, b: Route): number {
  return b.tableId - a.tableId || a.metric - b.metric;
}
