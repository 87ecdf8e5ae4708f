/**
 * Escapes that policy routing creates: a rule looks up a table with physical routes before the rule that sends
 * the same packets into the tunnel's table (wg-quick's `lookup main suppress_prefixlength 0`), so every route
 * of that table longer than the suppressed length wins over the tunnel.
 */
import type { Family } from '../net/address';
import { prefixesOverlap } from '../net/prefix';
import type { PolicyRule, Route } from '../model';
import { usable } from '../resolver';
import { tableId } from '../tables';
import { type RuleState, policyOf } from './policyModel';
import { destinationsOf, ruleCovers } from './policySelectors';
import { coverOf, insideLan, isShadowed, physicalEscape, tunnelled } from './tunnelEscape';
import type { RuleContext } from './types';

export interface PolicyEscape {
  readonly route: Route;
  /** The rule that looks up the route's table first. */
  readonly early: PolicyRule;
  /** The later rule whose table would send the same packets into the tunnel. */
  readonly tunnelRule: PolicyRule;
  readonly tunnel: Route;
}

export function policyEscapes(context: RuleContext, connected: ReadonlyMap<string, readonly Route[]>): PolicyEscape[] {
  const out: PolicyEscape[] = [];
  const seen = new Set<number>();
  for (const family of [4, 6] as const) {
    const policy = policyOf(context, family);
    if (!policy) continue;
    const states = policy.states.filter((s) => !s.dead);
    // A jump can take packets past the early rule; the walk is then not this simple.
    if (states.some((s) => s.rule.action === 'goto')) continue;
    const withRoutes = new Set(context.tables.tableIds(family));
    for (let e = 0; e < states.length; e++) {
      const table = lookupTable((states[e] as RuleState).rule);
      if (table === undefined || !withRoutes.has(table)) continue;
      for (const escape of escapesFrom(context, family, states, e, connected)) {
        if (seen.has(escape.route.id)) continue;
        seen.add(escape.route.id);
        out.push(escape);
      }
    }
  }
  return out;
}

function lookupTable(rule: PolicyRule): number | undefined {
  if (rule.action !== 'lookup' || rule.table === undefined || rule.selectors.l3mdev !== undefined) return undefined;
  return tableId(rule.table);
}

function escapesFrom(context: RuleContext, family: Family, states: readonly RuleState[], e: number, connected: ReadonlyMap<string, readonly Route[]>): PolicyEscape[] {
  const early = (states[e] as RuleState).rule;
  const earlyTable = lookupTable(early);
  // Device groups are not in a route dump, so what suppress_ifgroup hides is unknown.
  if (earlyTable === undefined || early.selectors.suppress_ifgroup !== undefined) return [];
  const suppress = Number(early.selectors.suppress_prefixlength ?? -1);
  if (!Number.isInteger(suppress)) return [];
  // Later rules over the same table count too: the route itself answers there, so nothing escapes.
  const later = states.slice(e + 1).filter((s) => lookupTable(s.rule) !== undefined && ruleCovers(early, s.rule, { ignoreTo: true }));
  if (later.length === 0) return [];
  const earlyTo = early.not ? undefined : destinationsOf(early);
  const trie = context.tables.table(family, earlyTable);
  const out: PolicyEscape[] = [];
  for (const route of context.document.routes) {
    if (route.family !== family || route.tableId !== earlyTable || route.prefix.len <= suppress) continue;
    if (!physicalEscape(context.tunnels, route) || insideLan(connected, route) || likelyEndpoint(route)) continue;
    if (earlyTo && !prefixesOverlap(earlyTo, route.prefix)) continue;
    if (trie?.get(route.prefix)?.find(usable) !== route || isShadowed(context, route)) continue;
    const found = tunnelFor(context, later, route);
    if (found) out.push({ route, early, ...found });
  }
  return out;
}

/** The first later rule matching the same packets whose table answers this range; kept only if that is a tunnel. */
function tunnelFor(context: RuleContext, later: readonly RuleState[], route: Route): { tunnelRule: PolicyRule; tunnel: Route } | undefined {
  for (const state of later) {
    const to = destinationsOf(state.rule);
    if (to && !prefixesOverlap(to, route.prefix)) continue;
    const trie = context.tables.table(route.family, lookupTable(state.rule) as number);
    const cover = trie && !state.rule.selectors.suppress_prefixlength ? coverOf(trie, route) : undefined;
    if (!cover) continue;
    // The first later rule that answers decides; only a tunnel route covering more than this range is an escape.
    if (!tunnelled(context.tunnels, cover) || cover.prefix.len >= route.prefix.len) return undefined;
    return { tunnelRule: state.rule, tunnel: cover };
  }
  return undefined;
}

/** A host route through a gateway that the network did not install is most likely the VPN server's exception. */
function likelyEndpoint(route: Route): boolean {
  return route.prefix.len === (route.family === 4 ? 32 : 128) && route.nexthops.some((h) => h.gateway) && route.proto !== 'dhcp' && route.proto !== 'ra';
}
