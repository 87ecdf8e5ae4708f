import { type StepResult, byPosition } from './analysisSteps';
import type { Finding, Route } from './model';
import { RULES, type RuleContext } from './rules';
import { affectedRoutes } from './rules/affected';
import { endpointLoop } from './rules/endpointLoop';
import { equalMetricDefaults } from './rules/equalMetricDefaults';
import { gatewayNotOnLink } from './rules/gatewayNotOnLink';
import { multipathRoute } from './rules/multipathRoute';
import type { IncrementalForm, RouteChange, RuleUpdate } from './rules/routeIndex';
import { SHADOWED_ROUTE, shadowFinding } from './rules/shadowedRoute';
import { SHADOWS_MEMO_KEY, type Shadow, rememberShadows, shadowOf } from './rules/shadowing';
import { SPLIT_TUNNEL_EXCEPTION, splitTunnelFinding } from './rules/splitTunnelException';
import { tunnelvisionLeak } from './rules/tunnelvisionLeak';
import { vpnLanOverlap } from './rules/vpnLanOverlap';

/** Rules that bring their own findings up to date from the indexes they keep; the others are checked in full. */
const FORMS: ReadonlyMap<string, IncrementalForm> = new Map(
  [equalMetricDefaults, gatewayNotOnLink, vpnLanOverlap, multipathRoute, tunnelvisionLeak, endpointLoop].map((form) => [form.code, form]),
);

/**
 * Recomputes the rule findings of the routes a change can reach and merges them with the rest, in the order
 * a full analysis gives. `parsed` are the document findings of the lines `[start, end)` read again.
 */
export function updatedFindings(previous: StepResult, context: RuleContext, removed: readonly Route[], added: readonly Route[],
  start: number, end: number, parsed: readonly Finding[]): Finding[] {
  const old = previous.analysis;
  const disabled = new Set(previous.base.options.disabledRules ?? []);
  const enabled = RULES.filter((rule) => !disabled.has(rule.code));
  const rank = new Map<string, number>(enabled.map((rule, i) => [rule.code, i + 1]));
  const known = (code: string): boolean => code === SHADOWED_ROUTE || code === SPLIT_TUNNEL_EXCEPTION;
  const affected = enabled.some((rule) => known(rule.code)) ? affectedRoutes(context, [...removed, ...added]) : [];
  const fresh: Finding[] = parsed.slice();
  const recomputed = new Map<number, Shadow>();
  for (const route of affected) {
    const shadow = shadowOf(context, route);
    if (shadow) recomputed.set(route.id, shadow);
  }
  const oldShadows = previous.base.memo.get(SHADOWS_MEMO_KEY) as ReadonlyMap<number, Shadow> | undefined;
  const ids = affected.map((r) => r.id);
  const shadowMap = oldShadows ? mergedShadows(oldShadows, ids, recomputed) : undefined;
  if (shadowMap) {
    context.memo.set(SHADOWS_MEMO_KEY, shadowMap);
    rememberShadows(context.tables, shadowMap);
  }
  const affectedIds = new Set(ids);
  const change: RouteChange = { context, previous: previous.base.memo, removed, added };
  const dropped = new Map<string, RuleUpdate['dropped']>();
  for (const rule of enabled) {
    if (rule.code === SHADOWED_ROUTE) {
      for (const route of affected) {
        const shadow = recomputed.get(route.id);
        if (shadow) fresh.push(shadowFinding(shadow));
      }
    } else if (rule.code === SPLIT_TUNNEL_EXCEPTION) {
      for (const route of affected) {
        const found = splitTunnelFinding(context, route, shadowMap ?? recomputed);
        if (found) fresh.push(found);
      }
    } else {
      const update = FORMS.get(rule.code)?.update(change);
      dropped.set(rule.code, update?.dropped ?? 'all');
      // A loop, not a spread: a million findings would overflow the call stack.
      for (const finding of update ? update.findings : rule.check(context)) fresh.push(finding);
    }
  }
  const order = (f: Finding, doc: boolean): number => (doc ? 0 : rank.get(f.code) ?? 0);
  const isDoc = new Set<Finding>(old.document.findings);
  const kept = old.findings.filter((f) => {
    if (isDoc.has(f)) return f.span.line < start || f.span.line >= end;
    const owner = f.routeIds?.[0] ?? -1;
    if (known(f.code)) return !affectedIds.has(owner);
    const gone = dropped.get(f.code);
    return gone !== undefined && gone !== 'all' && !gone.has(owner);
  });
  const freshDoc = new Set<Finding>(parsed);
  fresh.sort((a, b) => byPosition(a, b) || order(a, freshDoc.has(a)) - order(b, freshDoc.has(b)));
  const merged: Finding[] = [];
  let j = 0;
  for (const f of kept) {
    while (j < fresh.length) {
      const g = fresh[j] as Finding;
      const c = byPosition(g, f) || order(g, freshDoc.has(g)) - order(f, isDoc.has(f));
      if (c >= 0) break;
      merged.push(g);
      j++;
    }
    merged.push(f);
  }
  while (j < fresh.length) merged.push(fresh[j++] as Finding);
  return merged;
}

/** The old shadows with the affected routes' entries replaced, in route order as a full analysis fills them. */
function mergedShadows(old: ReadonlyMap<number, Shadow>, ids: readonly number[], recomputed: ReadonlyMap<number, Shadow>): Map<number, Shadow> {
  const out = new Map<number, Shadow>();
  const take = (id: number): void => {
    const shadow = recomputed.get(id);
    if (shadow) out.set(id, shadow);
  };
  let k = 0;
  for (const [id, shadow] of old) {
    while (k < ids.length && (ids[k] as number) < id) take(ids[k++] as number);
    if (ids[k] === id) take(ids[k++] as number);
    else out.set(id, shadow);
  }
  while (k < ids.length) take(ids[k++] as number);
  return out;
}

