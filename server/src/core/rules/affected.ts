import type { Route } from '../model';
import { usable } from '../resolver';
import type { LookupStage } from '../routingTables';
import type { RuleContext } from './types';

/**
 * The routes whose findings may differ once `changed` routes were removed or added, in route order, the
 * added routes included. A route is shadowed or not by routes at or inside its own prefix in its lookup
 * stage, and by routes overlapping it in stages searched earlier; a split-tunnel exception depends on the
 * nearest usable route covering it. So a changed prefix reaches the routes covering it, the routes inside
 * it up to the first usable one on each path, and the overlapping routes of the stages searched after it.
 */
export function affectedRoutes(context: RuleContext, changed: readonly Route[]): Route[] {
  const tables = context.tables;
  const found = new Map<number, Route>();
  const addAll = (lists: Iterable<{ readonly value: readonly Route[] }>): void => {
    for (const { value } of lists) for (const route of value) found.set(route.id, route);
  };
  for (const route of changed) {
    if (context.document.routes[route.id] === route) found.set(route.id, route);
    const located = tables.stageOf(route);
    const stage: LookupStage = located?.stage ?? tables.tableStage(route.family, route.tableId);
    addAll(stage.trie.covering(route.prefix));
    addAll(stage.trie.insideUntil(route.prefix, (list) => list.some(usable)));
    if (!located) continue;
    for (const later of tables.defaultStages(route.family).slice(located.index + 1)) {
      addAll(later.trie.covering(route.prefix));
      addAll(later.trie.within(route.prefix));
    }
  }
  return [...found.values()].sort((a, b) => a.id - b.id);
}
