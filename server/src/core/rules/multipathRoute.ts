import { type Finding, type NextHop, type Route, makeFinding } from '../model';
import { formatPrefix } from '../net/prefix';
import { usable } from '../resolver';
import type { IncrementalForm, RouteChange } from './routeIndex';
import { describeHop } from './routeText';
import type { Rule, RuleContext } from './types';

export const MULTIPATH_ROUTE = 'multipath-route';

/**
 * A multipath route spreads flows over its next hops; say how, and whether some of them skip the tunnel.
 * Every IPv6 route with equal-metric twins is one, so the plain case is a hint, not a problem.
 * A finding depends on its route alone, so an edit re-checks the routes it changed.
 */
export const multipathRoute: Rule & IncrementalForm = {
  code: MULTIPATH_ROUTE,
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const route of context.document.routes) {
      const found = findingOf(context, route);
      if (found) findings.push(found);
    }
    return findings;
  },
  update(change: RouteChange): { dropped: ReadonlySet<number>; findings: Finding[] } {
    const findings: Finding[] = [];
    for (const route of change.added) {
      const found = findingOf(change.context, route);
      if (found) findings.push(found);
    }
    return { dropped: new Set(change.added.map((r) => r.id)), findings };
  },
};

function findingOf(context: RuleContext, route: Route): Finding | undefined {
  if (route.nexthops.length < 2 || !usable(route)) return undefined;
  // The kernel skips dead next hops when it picks one.
  const live = route.nexthops.filter((h) => !h.flags.includes('dead'));
  const dead = route.nexthops.length - live.length;
  const total = live.reduce((n, h) => n + h.weight, 0);
  const shares = live.map((h) => `${describeHop(h)} (weight ${h.weight}, ${share(h, total)})`);
  const tunnelled = live.filter((h) => context.tunnels.isTunnel(h.device)).length;
  const mixed = tunnelled > 0 && tunnelled < live.length;
  const hashed = context.tables.os !== 'linux'
    ? 'the system spreads flows over its next hops'
    : route.family === 4
      ? 'the kernel hashes each flow onto one next hop by weight; with the default hash policy (net.ipv4.fib_multipath_hash_policy=0) the flow is the source and destination address pair, so all traffic between two hosts stays on one path'
      : 'the kernel hashes each flow onto one next hop by weight (addresses, flow label and protocol by default), so one connection stays on one path and different connections may take different paths';
  return makeFinding(MULTIPATH_ROUTE, mixed ? 'warning' : 'hint',
    `Multipath route ${formatPrefix(route.prefix)}: ${hashed}. Next hops: ${shares.join(', ')}${dead > 0 ? `; ${dead} dead next hop${dead > 1 ? 's are' : ' is'} skipped` : ''}.`
    + (mixed ? ` ${tunnelled} of ${live.length} next hops are tunnels, so the flows hashed onto the others leave outside the tunnel.` : ''),
    route.prefixSpan, { routeIds: [route.id] });
}

function share(hop: NextHop, total: number): string {
  return `${Math.round((100 * hop.weight) / Math.max(1, total))}%`;
}
