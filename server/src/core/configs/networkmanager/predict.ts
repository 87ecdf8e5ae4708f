import type { Analysis } from '../../analyze';
import type { Address } from '../../net/address';
import { formatAddress } from '../../net/address';
import { formatPrefix, prefixContains } from '../../net/prefix';
import { resolve } from '../../resolver';
import { describeHops } from '../../rules/routeText';
import { type InstallPlan, MAIN, type PlannedRoute, type PlannedRule } from './install';

/** Where a packet to an address goes once the connection is up. */
export interface Prediction {
  /** It leaves through this connection's device. */
  readonly viaConnection: boolean;
  readonly route: PlannedRoute | undefined;
  /** A clause: "through tun0 (route1, line 12)" or "via eth0 via 192.0.2.1 (line 2 of routes.txt)". */
  readonly sentence: string;
  /** The decisions in order: rules tried, tables searched. */
  readonly steps: readonly string[];
}

function tableName(table: number): string {
  return table === MAIN ? 'main' : String(table);
}

/** The best planned route of one table: longest prefix, then lowest metric. */
function bestIn(plan: InstallPlan, table: number, address: Address): PlannedRoute | undefined {
  let best: PlannedRoute | undefined;
  for (const r of plan.routes) {
    if (r.table !== table || r.family !== address.family || !prefixContains(r.prefix, address)) continue;
    if (!best || r.prefix.len > best.prefix.len || (r.prefix.len === best.prefix.len && r.metric < best.metric)) best = r;
  }
  return best;
}

export function routeClause(r: PlannedRoute): string {
  const via = r.gateway ? ` via ${formatAddress(r.gateway)}` : '';
  const where = r.span ? `, line ${r.span.line + 1}` : r.why === 'default' ? ', the default route NetworkManager adds' : '';
  return `${r.type === 'unicast' ? '' : `${r.type} `}${formatPrefix(r.prefix)}${via} dev ${r.device} metric ${r.metric} table ${tableName(r.table)}${where}`;
}

/**
 * Follows the policy rules (the connection's own, NetworkManager's for WireGuard, and the kernel's
 * defaults: main at 32766) and picks, in each table, the longest prefix, then the lowest metric.
 */
export function predict(plan: InstallPlan, address: Address, dump: Analysis | undefined, dumpName: string): Prediction {
  const steps: string[] = [];
  const rules: PlannedRule[] = plan.rules.filter((r) => r.family === address.family);
  const order = [...rules, { family: address.family, priority: 32766, text: 'from all lookup main', table: MAIN, to: undefined, conditional: false, suppressPrefixLength: undefined, automatic: true, span: undefined }];
  order.sort((a, b) => a.priority - b.priority);
  for (const rule of order) {
    const label = `rule ${rule.priority} (${rule.text}${rule.span ? `, line ${rule.span.line + 1}` : rule.automatic && rule.priority !== 32766 ? ', added by NetworkManager' : ''})`;
    if (rule.table === undefined) continue;
    if (rule.to && !prefixContains(rule.to, address)) continue;
    if (rule.conditional) {
      steps.push(`${label} applies only to some packets (by source or mark); a plain lookup passes it.`);
      continue;
    }
    const own = bestIn(plan, rule.table, address);
    let dumpAnswer: ReturnType<typeof resolve> | undefined;
    if (rule.table === MAIN && dump) dumpAnswer = resolve(dump.tables, address);
    const dumpLen = dumpAnswer?.route ? dumpAnswer.route.prefix.len : -1;
    const ownWins = own !== undefined && (own.prefix.len > dumpLen || (own.prefix.len === dumpLen && own.metric <= (dumpAnswer?.route?.metric ?? Infinity)));
    const chosenLen = ownWins && own ? own.prefix.len : dumpLen;
    if (chosenLen < 0 || (rule.suppressPrefixLength !== undefined && chosenLen <= rule.suppressPrefixLength)) {
      steps.push(chosenLen < 0 ? `${label}: table ${tableName(rule.table)} has no route for it.` : `${label}: the match is only /${chosenLen}, which suppress_prefixlength ${rule.suppressPrefixLength ?? 0} skips.`);
      continue;
    }
    if (ownWins && own) {
      steps.push(`${label}: ${routeClause(own)} wins.`);
      return { viaConnection: true, route: own, sentence: `through ${own.device} (${routeClause(own)})`, steps };
    }
    const route = dumpAnswer?.route;
    if (dumpAnswer && route) {
      const where = `line ${route.span.line + 1} of ${dumpName}`;
      steps.push(`${label}: the machine's own route on ${where} wins${own ? ` over ${routeClause(own)}` : ''}.`);
      const sentence = dumpAnswer.error ? `nowhere: the \`${route.type}\` route on ${where} rejects it` : `via ${describeHops(dumpAnswer.nexthops)} (${where}), not through this connection`;
      return { viaConnection: dumpAnswer.nexthops.some((h) => h.device === plan.device), route: undefined, sentence, steps };
    }
  }
  const sentence = dump ? `nowhere: no route matches it ("Network is unreachable")` : 'not through this connection: none of its routes contains it, so the machine\'s other routes decide';
  return { viaConnection: false, route: undefined, sentence, steps };
}
