/**
 * Lists of the few routes a rule looks at, kept across versions of a document: an edit replaces routes
 * with new ones of the same ids, so each list is updated by binary search instead of a walk of the table.
 */
import type { Finding, Route } from '../model';
import type { RuleContext } from './types';

/** Routes in id order, grouped by a key (a device, or one key for a plain list). */
export type RouteIndex = Map<string, Route[]>;

/** The key a route is listed under, or undefined when the rule does not look at it. */
export type IndexKey = (route: Route) => string | undefined;

/** The routes a rule looks at, by `key`, in document order. */
export function indexRoutes(routes: readonly Route[], key: IndexKey): RouteIndex {
  const index: RouteIndex = new Map();
  for (const route of routes) {
    const k = key(route);
    if (k === undefined) continue;
    const list = index.get(k);
    if (list) list.push(route);
    else index.set(k, [route]);
  }
  return index;
}

/** Replaces `removed[i]` by `added[i]` (the same id) in `index`, in place. */
export function updateIndex(index: RouteIndex, removed: readonly Route[], added: readonly Route[], key: IndexKey): void {
  for (let i = 0; i < removed.length; i++) {
    const old = removed[i] as Route;
    const oldKey = key(old);
    if (oldKey !== undefined) {
      const list = index.get(oldKey) ?? [];
      const at = placeOf(list, old.id);
      if (list[at]?.id === old.id) list.splice(at, 1);
      if (list.length === 0) index.delete(oldKey);
    }
    const route = added[i];
    const newKey = route && key(route);
    if (!route || newKey === undefined) continue;
    const list = index.get(newKey);
    if (!list) {
      index.set(newKey, [route]);
      continue;
    }
    const at = placeOf(list, route.id);
    if (list[at]?.id === route.id) list[at] = route;
    else list.splice(at, 0, route);
  }
}

/** Index of the first route whose id is at least `id`. */
function placeOf(list: readonly Route[], id: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Route).id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every route of `index`, in document order. */
export function indexedRoutes(index: RouteIndex): Route[] {
  const lists = [...index.values()];
  if (lists.length === 1) return (lists[0] as Route[]).slice();
  return lists.flat().sort((a, b) => a.id - b.id);
}

/** What an edit gives a rule to bring its findings up to date. */
export interface RouteChange {
  /** The new version's context; its memo receives the updated indexes. */
  readonly context: RuleContext;
  /** The previous version's memo, whose indexes may be updated in place: that version is never analysed from again. */
  readonly previous: ReadonlyMap<string, unknown>;
  /** The routes an edit replaced, and their replacements with the same ids, in the same order. */
  readonly removed: readonly Route[];
  readonly added: readonly Route[];
}

/**
 * A rule's findings after an edit: the previous ones of the routes in `dropped` (by their first route id,
 * the route the finding is about), or all of them, are replaced by `findings`.
 */
export interface RuleUpdate {
  readonly dropped: ReadonlySet<number> | 'all';
  readonly findings: readonly Finding[];
}

/** A rule that can bring its findings up to date; undefined means it has to be checked in full. */
export interface IncrementalForm {
  readonly code: string;
  update(change: RouteChange): RuleUpdate | undefined;
}

/** The routes of the context's document by `key`, left in its memo under `memoKey` for `carriedIndex` after an edit. */
export function keptIndex(context: RuleContext, memoKey: string, key: IndexKey): RouteIndex {
  const index = indexRoutes(context.document.routes, key);
  context.memo.set(memoKey, index);
  return index;
}

/** The index a full check left in the previous memo, updated for the change and handed to the new memo. */
export function carriedIndex(change: RouteChange, memoKey: string, key: IndexKey): RouteIndex | undefined {
  const index = change.previous.get(memoKey) as RouteIndex | undefined;
  if (!index) return undefined;
  updateIndex(index, change.removed, change.added, key);
  change.context.memo.set(memoKey, index);
  return index;
}
