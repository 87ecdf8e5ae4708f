import type { Route } from '../model';
import { formatPrefix } from '../net/prefix';
import { usable } from '../resolver';
import type { LookupStage, RouteList, RoutingTables } from '../routingTables';
import { LOCAL_TABLE } from '../tables';
import type { TrieProbe } from '../trie';
import type { RuleContext } from './types';

/** Why a route can never be selected, and the routes that take its traffic. */
export interface Shadow {
  readonly route: Route;
  readonly winners: readonly Route[];
  readonly kind: 'equal-prefix' | 'earlier-table' | 'covered';
  readonly reason: string;
}

export const SHADOWS_MEMO_KEY = 'shadowing';
const FRONTIER_LIMIT = 64;
/** One probe result reused for every route: shadowing runs a million times and keeps none of it. */
const PROBE: TrieProbe<RouteList> = { value: undefined, covered: false };

// Shadows depend only on the routes and their tables, so every context over the same tables shares them:
// hovers, lenses and the outline then never repeat a pass over a million routes.
const BY_TABLES = new WeakMap<RoutingTables, ReadonlyMap<number, Shadow>>();

/** Records the shadows an analysis computed for its tables. */
export function rememberShadows(tables: RoutingTables, found: ReadonlyMap<number, Shadow>): void {
  BY_TABLES.set(tables, found);
}

/** Routes never selected for any address, computed once per analysis. */
export function shadows(context: RuleContext): ReadonlyMap<number, Shadow> {
  const cached = context.memo.get(SHADOWS_MEMO_KEY) as Map<number, Shadow> | undefined;
  if (cached) return cached;
  const known = context.tables.routes === context.document.routes ? BY_TABLES.get(context.tables) : undefined;
  if (known) {
    context.memo.set(SHADOWS_MEMO_KEY, known);
    return known;
  }
  const result = new Map<number, Shadow>();
  for (const route of context.document.routes) {
    const shadow = shadowOf(context, route);
    if (shadow) result.set(route.id, shadow);
  }
  context.memo.set(SHADOWS_MEMO_KEY, result);
  if (context.tables.routes === context.document.routes) rememberShadows(context.tables, result);
  return result;
}

/** Why `route` is never selected, or undefined when some address selects it (or it is unusable). */
export function shadowOf(context: RuleContext, route: Route): Shadow | undefined {
  if (!usable(route)) return undefined;
  const located = context.tables.stageOf(route);
  const stage = located?.stage ?? context.tables.tableStage(route.family, route.tableId);
  const probe = stage.trie.probe(route.prefix, accept, PROBE);
  const shadow = equalPrefix(probe.value, route)
    ?? (located && located.index > 0 ? earlierStage(context.tables.defaultStages(route.family).slice(0, located.index), route) : undefined)
    ?? (probe.covered ? coveredShadow(stage, route) : undefined);
  return shadow && !kernelPair(shadow) ? shadow : undefined;
}

/**
 * The kernel itself adds some main-table routes that its own local-table entries always beat
 * (IPv6 `::1 dev lo proto kernel` under `local ::1`); nobody can or should remove them.
 */
function kernelPair(shadow: Shadow): boolean {
  return shadow.route.proto === 'kernel' && shadow.winners.every((w) => w.tableId === LOCAL_TABLE && w.proto === 'kernel');
}

/** A route listed before this one at the same prefix (in `atPrefix`) always wins. */
function equalPrefix(atPrefix: RouteList | undefined, route: Route): Shadow | undefined {
  // The first usable route listed before this one; a walk, not slice and indexOf, so a thousand routes
  // with one prefix stay linear.
  let winner: Route | undefined;
  for (const other of atPrefix ?? []) {
    if (other === route) break;
    if (usable(other)) {
      winner = other;
      break;
    }
  }
  if (!winner) return undefined;
  // IPv6 balances routes of equal metric instead of always taking the first.
  if (route.family === 6 && winner.metric === route.metric && winner.tableId === route.tableId) return undefined;
  const reason = winner.tableId !== route.tableId
    ? `the ${winner.table}-table route for the same prefix is tried first`
    : winner.metric < route.metric
      ? `same prefix, and its metric ${winner.metric} beats ${route.metric} (lower metric wins)`
      : `same prefix and metric ${route.metric}; the kernel always selects the one it lists first`;
  return { route, winners: [winner], kind: 'equal-prefix', reason };
}

/** A table searched earlier that catches every address of the prefix leaves nothing for this route. */
function earlierStage(stages: readonly LookupStage[], route: Route): Shadow | undefined {
  for (const stage of stages) {
    const cover = stage.trie.covering(route.prefix).find((e) => firstUsable(e.value) !== undefined);
    const winner = cover && firstUsable(cover.value);
    if (!cover || !winner || winner.type === 'throw') continue;
    // A more specific `throw` inside hands some addresses on to later tables.
    const throwsInside = [...stage.trie.covering(route.prefix), ...stage.trie.within(route.prefix)]
      .some((e) => e.prefix.len > cover.prefix.len && e.value.some((r) => r.type === 'throw'));
    if (throwsInside) continue;
    return {
      route,
      winners: [winner],
      kind: 'earlier-table',
      reason: `${formatPrefix(cover.prefix)} in ${stage.name} is searched first and catches all of its addresses`,
    };
  }
  return undefined;
}

/** More specific routes that together cover the whole prefix (OpenVPN's 0.0.0.0/1 + 128.0.0.0/1 over default). */
function coveredShadow(stage: LookupStage, route: Route): Shadow {
  const frontier = stage.trie.frontier(route.prefix, accept, FRONTIER_LIMIT);
  const winners = frontier.map((e) => firstUsable(e.value)).filter((r): r is Route => r !== undefined);
  const names = frontier.slice(0, 4).map((e) => formatPrefix(e.prefix)).join(' + ');
  const more = frontier.length > 4 ? ` and ${frontier.length - 4} more` : '';
  return {
    route,
    winners,
    kind: 'covered',
    reason: `more specific routes (${names}${more}) together cover all of ${formatPrefix(route.prefix)}`,
  };
}

/** One shared test instead of a new closure for each of a million routes. */
function accept(list: RouteList): boolean {
  return list.some(usable);
}

function firstUsable(list: RouteList): Route | undefined {
  return list.find(usable);
}
