import type { Family } from '../net/address';
import { type Finding, type RelatedLocation, type Route, makeFinding } from '../model';
import { DEFAULT_TABLE, LOCAL_TABLE, MAIN_TABLE, tableId, tableName } from '../tables';
import { type FamilyPolicy, type RuleState, builtInPair, policyOf } from './policyModel';
import { ruleLabel } from './policySelectors';
import { routeRef } from './routeText';
import { deadReasons } from './shadowedPolicyRule';
import type { Rule, RuleContext } from './types';

export const UNREACHABLE_TABLE = 'unreachable-table';

const BUILT_IN = new Set([LOCAL_TABLE, MAIN_TABLE, DEFAULT_TABLE]);
const RELATED_ROUTES = 8;

/**
 * Routes in a table that no live `ip rule` looks up are never used. Reported only when the input lists the
 * family's rules: without them a dump cannot tell which tables the kernel searches.
 */
export const unreachableTable: Rule = {
  code: UNREACHABLE_TABLE,
  check(context: RuleContext): Finding[] {
    if (context.tables.os !== 'linux') return [];
    const findings: Finding[] = [];
    for (const family of [4, 6] as const) {
      const policy = policyOf(context, family);
      if (policy) findings.push(...familyFindings(context, policy, family));
    }
    return findings;
  },
};

function familyFindings(context: RuleContext, policy: FamilyPolicy, family: Family): Finding[] {
  const lookups = policy.states.filter((s) => s.rule.action === 'lookup');
  // VRF rules and table names the dump cannot map to a number may reach any custom table.
  const customUnknown = lookups.some((s) => !s.dead && (s.rule.selectors.l3mdev !== undefined || s.rule.table === undefined || tableId(s.rule.table) === undefined));
  const firstRoutes = new Map<number, Route[]>();
  const counts = new Map<number, number>();
  for (const route of context.document.routes) {
    if (route.family !== family) continue;
    const list = firstRoutes.get(route.tableId) ?? [];
    if (list.length < RELATED_ROUTES) list.push(route);
    firstRoutes.set(route.tableId, list);
    counts.set(route.tableId, (counts.get(route.tableId) ?? 0) + 1);
  }
  const findings: Finding[] = [];
  for (const id of context.tables.tableIds(family)) {
    if (customUnknown && !BUILT_IN.has(id)) continue;
    const reaching = lookups.filter((s) => s.rule.table !== undefined && tableId(s.rule.table) === id);
    if (reaching.some((s) => !s.dead)) continue;
    // shadowed-route already reports the default table's routes under main's.
    if (id === DEFAULT_TABLE && reaching.length > 0 && reaching.every(builtInPair)) continue;
    const routes = firstRoutes.get(id);
    const first = routes?.[0];
    if (!first) continue;
    findings.push(finding(first, routes ?? [], counts.get(id) ?? 1, reaching, policy.states.length));
  }
  return findings;
}

function finding(first: Route, routes: readonly Route[], count: number, reaching: readonly RuleState[], ruleCount: number): Finding {
  const name = tableName(first.tableId);
  const fam = first.family === 4 ? 'IPv4' : 'IPv6';
  const what = count === 1 ? `its route ${routeRef(first)} is` : `its ${count} ${fam} routes are`;
  const cause = reaching.length === 0
    ? `none of the ${ruleCount} ${fam} rules in the input looks it up`
    : `${reaching.length === 1 ? 'the only rule that looks it up is dead:' : `none of the ${reaching.length} rules that look it up ever matches:`} ${deadReasons(reaching)}`;
  const fix = reaching.length === 0
    ? `Add a rule that looks it up (\`ip rule add ... lookup ${name}\`), or delete ${count === 1 ? 'the route if it is' : 'the routes if they are'} left over.`
    : 'Move the rule before the one that takes its packets, or narrow that rule.';
  const related: RelatedLocation[] = [];
  for (const state of reaching) {
    related.push({ span: state.rule.span, message: `Looks up table ${name} but never matches: ${ruleLabel(state.rule)}` });
    if (state.dead?.by) related.push({ span: state.dead.by.span, message: `Takes all of its packets first: ${ruleLabel(state.dead.by)}` });
  }
  for (const route of routes.slice(1, RELATED_ROUTES)) related.push({ span: route.span, message: `Also in table ${name}, never used: ${routeRef(route)}` });
  const more = count > RELATED_ROUTES ? ` ${count - RELATED_ROUTES} more routes of the table are not listed.` : '';
  return makeFinding(UNREACHABLE_TABLE, 'warning',
    `Table ${name} is never searched, so ${what} never used: ${cause}. ${fix}${more}`,
    first.span, { related, routeIds: routes.map((r) => r.id) });
}
