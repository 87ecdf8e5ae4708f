import { type Finding, type Route, makeFinding } from '../model';
import { formatPrefix } from '../net/prefix';
import { usable } from '../resolver';
import { type IncrementalForm, type RouteChange, type RouteIndex, type RuleUpdate, carriedIndex, keptIndex } from './routeIndex';
import { describeHops } from './routeText';
import type { Rule, RuleContext } from './types';

export const EQUAL_METRIC_DEFAULTS = 'equal-metric-defaults';

/**
 * Two default routes with the same metric on different interfaces: which one the kernel selects depends on
 * the order they were added, so a reconnect of either interface can silently move all traffic.
 */
export const equalMetricDefaults: Rule & IncrementalForm = {
  code: EQUAL_METRIC_DEFAULTS,
  check(context: RuleContext): Finding[] {
    return findingsOver(context, keptIndex(context, DEFAULTS_MEMO_KEY, defaultKey));
  },
  /** Only default routes count: an edit that changes none keeps the findings, any other re-checks the defaults. */
  update(change: RouteChange): RuleUpdate | undefined {
    const defaults = carriedIndex(change, DEFAULTS_MEMO_KEY, defaultKey);
    if (!defaults) return undefined;
    const changesDefault = change.removed.some((r) => defaultKey(r)) || change.added.some((r) => defaultKey(r));
    return changesDefault ? { dropped: 'all', findings: findingsOver(change.context, defaults) } : { dropped: new Set(), findings: [] };
  },
};

const DEFAULTS_MEMO_KEY = 'equalMetricDefaults.defaults';

function defaultKey(route: Route): string | undefined {
  return route.prefix.len === 0 ? 'default' : undefined;
}

function findingsOver(context: RuleContext, defaults: RouteIndex): Finding[] {
  if (context.tables.os !== 'linux') return [];
  const groups = new Map<string, Route[]>();
  for (const route of defaults.get('default') ?? []) {
    // A dump that prints no metric (netstat -rn) cannot show a tie.
    if (route.prefix.len !== 0 || route.type !== 'unicast' || !usable(route) || route.nexthops.length !== 1 || !route.metricExplicit) continue;
    const key = `${route.family}:${route.tableId}:${route.metric}`;
    const group = groups.get(key) ?? [];
    group.push(route);
    groups.set(key, group);
  }
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    const devices = new Set(group.map((r) => r.nexthops[0]?.device));
    if (devices.size < 2) continue;
    const [first, ...rest] = group as [Route, ...Route[]];
    for (const route of rest) {
      findings.push(makeFinding(EQUAL_METRIC_DEFAULTS, 'warning',
        `Two defaults share metric ${route.metric} in table ${route.table}: ${formatPrefix(route.prefix)} via ${describeHops(route.nexthops)} and via ${describeHops(first.nexthops)} (line ${first.span.line + 1}). `
        + 'The kernel selects whichever was added first, so reconnecting either interface can move all traffic to the other. Give them different metrics.',
        route.prefixSpan, {
          related: [{ span: first.span, message: `The other default with metric ${first.metric}.` }],
          routeIds: [route.id, first.id],
        }));
    }
  }
  return findings;
}
