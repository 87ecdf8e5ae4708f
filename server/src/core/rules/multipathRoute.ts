import { type Finding, makeFinding } from '../model';
import { formatPrefix } from '../net/prefix';
import { usable } from '../resolver';
import { describeHop } from './routeText';
import type { Rule, RuleContext } from './types';

export const MULTIPATH_ROUTE = 'multipath-route';

/** A multipath route spreads flows over its next hops; say how, and whether some of them skip the tunnel. */
export const multipathRoute: Rule = {
  code: MULTIPATH_ROUTE,
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const route of context.document.routes) {
      if (route.nexthops.length < 2 || !usable(route)) continue;
      const total = route.nexthops.reduce((n, h) => n + h.weight, 0);
      const shares = route.nexthops.map((h) => `${describeHop(h)} (weight ${h.weight}, ${Math.round((100 * h.weight) / total)}%)`);
      const tunnelled = route.nexthops.filter((h) => context.tunnels.isTunnel(h.device)).length;
      const mixed = tunnelled > 0 && tunnelled < route.nexthops.length;
      findings.push(makeFinding(MULTIPATH_ROUTE, mixed ? 'warning' : 'information',
        `Multipath route ${formatPrefix(route.prefix)}: the kernel hashes each flow onto one next hop by weight: ${shares.join(', ')}. One connection stays on one path; different connections may take different paths.`
        + (mixed ? ' Some next hops are tunnels and some are not, so part of the flows leave outside the tunnel.' : ''),
        route.prefixSpan, { routeIds: [route.id] }));
    }
    return findings;
  },
};
