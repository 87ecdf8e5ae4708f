import { formatAddress } from '../net/address';
import { formatPrefix, prefixSize } from '../net/prefix';
import type { NextHop, Route } from '../model';

/** `eth0 via 192.168.1.1`, `ppp0`, or the list of a multipath route's next hops. */
export function describeHops(hops: readonly NextHop[]): string {
  if (hops.length === 0) return 'no next hop';
  return hops.map(describeHop).join(', ');
}

export function describeHop(hop: NextHop): string {
  const dev = hop.device ?? 'an unnamed interface';
  return hop.gateway ? `${dev} via ${formatAddress(hop.gateway)}` : dev;
}

/** Where a route points, for one-line messages: `ppp0 (line 1)`. */
export function routeRef(route: Route): string {
  return `${formatPrefix(route.prefix)} ${route.type === 'unicast' ? `→ ${describeHops(route.nexthops)}` : `(${route.type})`} (line ${route.span.line + 1})`;
}

/** A prefix as people say it: a host address alone, else `prefix (N addresses)`. */
export function describeRange(route: Route): string {
  const size = prefixSize(route.prefix);
  if (size === 1n) return formatAddress(route.prefix);
  return `${formatPrefix(route.prefix)} (${formatCount(size)} addresses)`;
}

export function formatCount(n: bigint): string {
  if (n >= 1n << 64n) return `2^${n.toString(2).length - 1}`;
  return n.toLocaleString('en-US');
}
