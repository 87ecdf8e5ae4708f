import { type Finding, type Route, makeFinding } from '../model';
import { formatAddress } from '../net/address';
import { prefixContains } from '../net/prefix';
import type { Rule, RuleContext } from './types';

export const GATEWAY_NOT_ON_LINK = 'gateway-not-on-link';

/**
 * A gateway must sit on a subnet connected to the route's interface, or the kernel refuses the route
 * ("Nexthop has invalid gateway") unless it carries `onlink`. Reported only when the dump shows that
 * interface's connected subnets, so a partial paste does not raise false alarms.
 */
export const gatewayNotOnLink: Rule = {
  code: GATEWAY_NOT_ON_LINK,
  check(context: RuleContext): Finding[] {
    if (context.tables.os !== 'linux') return [];
    const connected = new Map<string, Route[]>();
    for (const route of context.document.routes) {
      const hop = route.nexthops[0];
      if (route.type !== 'unicast' || route.nexthops.length !== 1 || !hop?.device || hop.gateway) continue;
      const list = connected.get(hop.device) ?? [];
      list.push(route);
      connected.set(hop.device, list);
    }
    const findings: Finding[] = [];
    for (const route of context.document.routes) {
      if (route.type !== 'unicast' || route.flags.includes('onlink')) continue;
      for (const hop of route.nexthops) {
        if (!hop.gateway || !hop.device || hop.flags.includes('onlink') || hop.gateway.family !== route.family) continue;
        const subnets = connected.get(hop.device);
        if (!subnets || subnets.some((s) => prefixContains(s.prefix, hop.gateway as NonNullable<typeof hop.gateway>))) continue;
        findings.push(makeFinding(GATEWAY_NOT_ON_LINK, 'warning',
          `Gateway ${formatAddress(hop.gateway)} is not on any subnet connected to ${hop.device}; the kernel refuses such a route ("Nexthop has invalid gateway") unless it has \`onlink\`. This table was probably edited, or the address of ${hop.device} changed after the route was added.`,
          hop.span.line === route.span.line ? route.span : hop.span, {
            related: subnets.slice(0, 4).map((s) => ({ span: s.span, message: `A subnet connected to ${hop.device}.` })),
            routeIds: [route.id],
          }));
      }
    }
    return findings;
  },
};
