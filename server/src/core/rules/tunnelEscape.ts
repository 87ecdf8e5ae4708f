/** What tunnelvision-leak and split-tunnel-exception both need to know about a route leaving a tunnel. */
import { type Route } from '../model';
import { parsePrefix, prefixCovers } from '../net/prefix';
import { usable } from '../resolver';
import type { RouteList } from '../routingTables';
import type { PrefixTrie } from '../trie';
import type { TunnelClassifier } from '../tunnels';
import { indexRoutes } from './routeIndex';
import { SHADOWS_MEMO_KEY, shadowOf } from './shadowing';
import type { RuleContext } from './types';

/** Ranges that never go through a tunnel by design: link-local and multicast. */
const NEVER_TUNNELLED = ['169.254.0.0/16', '224.0.0.0/4', 'fe80::/10', 'ff00::/8']
  .map((text) => parsePrefix(text)?.prefix)
  .filter((p) => p !== undefined);

/** Routes the network itself installed: DHCP classless static routes and router advertisement route options. */
export function networkInstalled(route: Route): boolean {
  return route.proto === 'dhcp' || route.proto === 'ra';
}

export function tunnelled(tunnels: TunnelClassifier, route: Route): boolean {
  return route.type === 'unicast' && route.nexthops.length > 0 && route.nexthops.every((h) => tunnels.isTunnel(h.device));
}

/** A usable unicast route that sends a range out of physical interfaces only, not by design. */
export function physicalEscape(tunnels: TunnelClassifier, route: Route): boolean {
  if (route.type !== 'unicast' || !usable(route) || route.prefix.len === 0 || route.nexthops.length === 0) return false;
  if (route.nexthops.some((h) => tunnels.isTunnel(h.device))) return false;
  // Connected subnets the kernel adds for an address are the LAN itself, reached directly by design.
  if (route.proto === 'kernel' && route.nexthops.every((h) => !h.gateway)) return false;
  return !NEVER_TUNNELLED.some((p) => prefixCovers(p, route.prefix));
}

/** The first usable route at the nearest prefix strictly covering `route`'s. */
export function nearestCover(trie: PrefixTrie<RouteList>, route: Route): Route | undefined {
  for (const entry of trie.covering(route.prefix)) {
    if (entry.prefix.len >= route.prefix.len) continue;
    const winner = entry.value.find(usable);
    if (winner) return winner;
  }
  return undefined;
}

/** The route `trie` selects for all of `route`'s range, at its prefix or a covering one. */
export function coverOf(trie: PrefixTrie<RouteList>, route: Route): Route | undefined {
  for (const entry of trie.covering(route.prefix)) {
    const winner = entry.value.find(usable);
    if (winner) return winner;
  }
  return undefined;
}

/** The device whose kernel-made connected subnet `route` is (no gateway, one next hop), if it is one. */
export function kernelConnectedDevice(route: Route): string | undefined {
  const hop = route.nexthops[0];
  if (route.type !== 'unicast' || route.proto !== 'kernel' || route.nexthops.length !== 1 || !hop?.device || hop.gateway) return undefined;
  return hop.device;
}

/**
 * Connected subnets (no gateway, kernel-made) by device, so an on-link route to a LAN address, such as the
 * DHCP client's host route to its own gateway, counts as the LAN.
 */
export function connectedByDevice(routes: readonly Route[]): Map<string, Route[]> {
  return indexRoutes(routes, kernelConnectedDevice);
}

/** An on-link route inside a subnet already connected on the same device adds nothing beyond the LAN. */
export function insideLan(connected: ReadonlyMap<string, readonly Route[]>, route: Route): boolean {
  return route.nexthops.every((h) => !h.gateway && h.device !== undefined
    && (connected.get(h.device) ?? []).some((c) => c !== route && c.family === route.family && prefixCovers(c.prefix, route.prefix)));
}

/** Shadowed, from the analysis's shadows when it has them, else for this route alone (a few candidates). */
export function isShadowed(context: RuleContext, route: Route): boolean {
  const known = context.memo.get(SHADOWS_MEMO_KEY) as ReadonlyMap<number, unknown> | undefined;
  return known ? known.has(route.id) : shadowOf(context, route) !== undefined;
}
