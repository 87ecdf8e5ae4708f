import { type Finding, type Route, makeFinding } from '../model';
import { formatPrefix, parsePrefix, prefixCovers, prefixesOverlap } from '../net/prefix';
import { usable } from '../resolver';
import type { TunnelClassifier } from '../tunnels';
import { type IncrementalForm, type RouteChange, type RouteIndex, carriedIndex, keptIndex } from './routeIndex';
import type { Rule, RuleContext } from './types';

export const VPN_LAN_OVERLAP = 'vpn-lan-overlap';

const LANS_MEMO_KEY = 'vpnLanOverlap.lans';

/** Every interface has its own link-local and multicast routes; their overlap is by design. */
const PER_LINK = ['169.254.0.0/16', '224.0.0.0/4', 'fe80::/10', 'ff00::/8']
  .map((text) => parsePrefix(text)?.prefix)
  .filter((p) => p !== undefined);

type Side = 'vpn' | 'lan' | undefined;

/** Which side of an overlap a route can be: a route into the tunnel, a connected LAN subnet, or neither. */
function sideOf(tunnels: TunnelClassifier, route: Route): Side {
  if (route.type !== 'unicast' || !usable(route) || route.prefix.len === 0 || route.nexthops.length === 0) return undefined;
  if (PER_LINK.some((p) => prefixCovers(p, route.prefix))) return undefined;
  const inTunnel = route.nexthops.every((h) => tunnels.isTunnel(h.device));
  if (inTunnel) return route.prefix.len > 1 ? 'vpn' : undefined;
  const connected = route.nexthops.every((h) => !h.gateway) && (route.proto === 'kernel' || route.scope === 'link');
  return connected ? 'lan' : undefined;
}

/** The index key of LAN subnets: the only routes the rule keeps. */
function lanKeyOf(tunnels: TunnelClassifier): (route: Route) => string | undefined {
  return (route) => (mayBeLan(route) && sideOf(tunnels, route) === 'lan' ? 'lan' : undefined);
}

/** A cheap first test of the 'lan' side: a connected subnet has next hops and none of them has a gateway. */
function mayBeLan(route: Route): boolean {
  const hops = route.nexthops;
  if (hops.length === 0) return false;
  for (const hop of hops) if (hop.gateway) return false;
  return true;
}

/**
 * A route into the tunnel that overlaps the local LAN: for the overlap, the more specific side wins and the
 * other side's hosts become unreachable (the VPN's hosts are looked for on the LAN, or the LAN's router in the VPN).
 * The LAN subnets are few: they are kept across versions, and an edit re-checks only the routes it changed and
 * the tunnel routes overlapping a LAN subnet it changed.
 */
export const vpnLanOverlap: Rule & IncrementalForm = {
  code: VPN_LAN_OVERLAP,
  check(context: RuleContext): Finding[] {
    const lans = keptIndex(context, LANS_MEMO_KEY, lanKeyOf(context.tunnels));
    const findings: Finding[] = [];
    // Only routes of a LAN's table that overlap it can be findings: the tries name them, not a walk of every route.
    const owners = new Set<number>();
    for (const lan of lans.get('lan') ?? []) for (const id of overlappingIds(context, lan)) owners.add(id);
    for (const id of [...owners].sort((a, b) => a - b)) {
      const vpn = context.document.routes[id];
      if (vpn) findingsOf(context, vpn, lans, findings);
    }
    return findings;
  },
  update(change: RouteChange): { dropped: ReadonlySet<number>; findings: Finding[] } | undefined {
    const { context, removed, added } = change;
    const lanKey = lanKeyOf(context.tunnels);
    const lans = carriedIndex(change, LANS_MEMO_KEY, lanKey);
    if (!lans) return undefined;
    const owners = new Set<number>();
    for (const route of [...removed, ...added]) {
      owners.add(route.id);
      if (lanKey(route)) for (const id of overlappingIds(context, route)) owners.add(id);
    }
    const findings: Finding[] = [];
    for (const id of [...owners].sort((a, b) => a - b)) {
      const route = context.document.routes[id];
      if (route) findingsOf(context, route, lans, findings);
    }
    return { dropped: owners, findings };
  },
};

/** The findings about `vpn`, one per LAN subnet it overlaps, in the LANs' order. */
function findingsOf(context: RuleContext, vpn: Route, lanIndex: RouteIndex, out: Finding[]): void {
  const lans = lanIndex.get('lan');
  if (!lans || sideOf(context.tunnels, vpn) !== 'vpn') return;
  for (const lan of lans) {
    if (vpn.family !== lan.family || vpn.tableId !== lan.tableId || !prefixesOverlap(vpn.prefix, lan.prefix)) continue;
    const lanDev = lan.nexthops[0]?.device ?? '?';
    const vpnDev = vpn.nexthops[0]?.device ?? '?';
    const winner = lan.prefix.len >= vpn.prefix.len ? 'lan' : 'vpn';
    const outcome = winner === 'lan'
      ? `addresses in ${formatPrefix(lan.prefix)} are reached on the LAN (${lanDev}), so VPN hosts with those addresses are unreachable`
      : `addresses in ${formatPrefix(vpn.prefix)} go into the tunnel (${vpnDev}), so LAN hosts there, perhaps the LAN's own router, are unreachable`;
    out.push(makeFinding(VPN_LAN_OVERLAP, 'warning',
      `The VPN route ${formatPrefix(vpn.prefix)} (${vpnDev}) overlaps the local LAN ${formatPrefix(lan.prefix)} (${lanDev}, line ${lan.span.line + 1}): ${outcome}. Renumber one side or route the VPN's hosts with more specific routes.`,
      vpn.prefixSpan, {
        related: [{ span: lan.span, message: `The LAN subnet on ${lanDev}.` }],
        routeIds: [vpn.id, lan.id],
      }));
  }
}

/** Ids of the routes of `lan`'s table whose prefixes overlap it: the only ones its change can reach. */
function overlappingIds(context: RuleContext, lan: Route): number[] {
  const tables = context.tables;
  const trie = (tables.stageOf(lan)?.stage ?? tables.tableStage(lan.family, lan.tableId)).trie;
  const ids: number[] = [];
  for (const entry of [...trie.covering(lan.prefix), ...trie.within(lan.prefix)]) {
    for (const route of entry.value) if (route.tableId === lan.tableId) ids.push(route.id);
  }
  return ids;
}
