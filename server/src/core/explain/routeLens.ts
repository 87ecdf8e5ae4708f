import type { Analysis } from '../analyze';
import type { Route, Span } from '../model';
import { describeHops } from '../rules/routeText';
import { addressCount, documentHasTunnel, neverSelectedReason, routeDevices, routeUse, tunnelShare } from './effectiveRoutes';

/** Lenses past this many routes cost more than anyone reads. */
export const MAX_ROUTE_LENSES = 5000;

export interface RouteLens {
  readonly routeId: number;
  /** The route's destination, so the lens sits on the route's first line. */
  readonly span: Span;
  readonly title: string;
}

/** One lens per route, in document order, for at most `limit` routes. */
export function routeLenses(analysis: Analysis, limit = MAX_ROUTE_LENSES): RouteLens[] {
  return analysis.document.routes.slice(0, limit).map((route) => ({
    routeId: route.id,
    span: route.prefixSpan,
    title: routeLensTitle(analysis, route),
  }));
}

/** `never selected — shadowed by line 1`, `covers 256 addresses through the tunnel (ppp0)`... */
export function routeLensTitle(analysis: Analysis, route: Route): string {
  const use = routeUse(analysis, route);
  if (use.kind === 'unsearched') return neverSelectedReason(analysis, use, route);
  if (use.kind !== 'selected') return `never selected — ${neverSelectedReason(analysis, use, route)}`;
  const count = addressCount(use.addresses);
  const devices = routeDevices(route).join(', ');
  switch (route.type) {
    case 'unicast':
      return forwarding(analysis, route, use.addresses, devices || describeHops(route.nexthops));
    case 'local':
      return `${count} delivered to this host`;
    case 'broadcast':
      return `broadcast on ${devices || 'its interface'}`;
    case 'blackhole':
      return `drops ${count} (blackhole)`;
    case 'unreachable':
    case 'prohibit':
      return `refuses ${count} (${route.type})`;
    case 'throw':
      return `hands ${count} on to the next table (throw)`;
    default:
      return `${count} ${route.type}${devices ? ` on ${devices}` : ''}`;
  }
}

function forwarding(analysis: Analysis, route: Route, addresses: bigint, devices: string): string {
  const count = addressCount(addresses);
  switch (tunnelShare(analysis, route.nexthops)) {
    case 'all':
      return `covers ${count} through the tunnel (${devices})`;
    case 'some':
      return `covers ${count}, split between tunnel and non-tunnel next hops (${devices})`;
    default:
      if (!documentHasTunnel(analysis)) return `covers ${count} via ${devices}`;
      return `${count} ${addresses === 1n ? 'leaves' : 'leave'} outside the tunnel via ${devices}`;
  }
}
