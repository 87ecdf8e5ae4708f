import { type Finding, type Route, makeFinding } from '../model';
import { formatAddress } from '../net/address';
import { bitLength } from '../net/address';
import { samePrefix } from '../net/prefix';
import { type Resolution, resolve, usable } from '../resolver';
import { isDefaultRule } from '../formats/ipRuleModel';
import { describeHops, routeRef } from './routeText';
import { type IncrementalForm, type RouteChange, type RouteIndex, carriedIndex, keptIndex } from './routeIndex';
import { tunnelled } from './tunnelEscape';
import type { Rule, RuleContext } from './types';

export const ENDPOINT_LOOP = 'endpoint-loop';

/**
 * The exception that keeps a VPN server outside its tunnel, a host route through a physical gateway, loses:
 * the server's address resolves into a tunnel, so the tunnel's own packets would be sent into itself.
 * Only routes the default rules search are judged; with custom `ip rule`s a packet's marks and source decide.
 */
export const endpointLoop: Rule & IncrementalForm = {
  code: ENDPOINT_LOOP,
  check(context: RuleContext): Finding[] {
    return findingsOver(context, keptIndex(context, HOSTS_MEMO_KEY, hostKey));
  },
  /** Host routes through gateways are few (the VPN servers' exceptions): every one is judged again. */
  update(change: RouteChange): { dropped: 'all'; findings: Finding[] } | undefined {
    const hostRoutes = carriedIndex(change, HOSTS_MEMO_KEY, hostKey);
    return hostRoutes && { dropped: 'all', findings: findingsOver(change.context, hostRoutes) };
  },
};

const HOSTS_MEMO_KEY = 'endpointLoop.hostRoutes';

/** Host routes whose every next hop has a gateway: what an exception can be, from the route alone. */
function hostKey(route: Route): string | undefined {
  const host = route.prefix.len === bitLength(route.family) && route.nexthops.length > 0 && route.nexthops.every((h) => h.gateway);
  return host ? 'host' : undefined;
}

function findingsOver(context: RuleContext, hostRoutes: RouteIndex): Finding[] {
  const findings: Finding[] = [];
  const policyFamilies = new Set(context.document.rules.filter((r) => !isDefaultRule(r)).map((r) => r.family));
  for (const route of hostRoutes.get('host') ?? []) {
    if (policyFamilies.has(route.family) || !exceptionCandidate(context, route) || winsItsOwnAddress(context, route)) continue;
    const resolution = resolve(context.tables, route.prefix);
    const winner = resolution.route;
    if (resolution.outcome !== 'forward' || !winner || winner === route || !tunnelled(context.tunnels, winner)) continue;
    findings.push(finding(route, winner, resolution, context.tables.stageOf(route)?.index ?? 0));
  }
  return findings;
}

/** A usable host route through a gateway on physical interfaces, in a table the default rules search. */
function exceptionCandidate(context: RuleContext, route: Route): boolean {
  if (route.type !== 'unicast' || route.prefix.len !== bitLength(route.family) || !usable(route)) return false;
  if (route.nexthops.length === 0 || !route.nexthops.every((h) => h.gateway && !context.tunnels.isTunnel(h.device))) return false;
  return context.tables.stageOf(route) !== undefined;
}

/** Cheap test before a full resolution: first in the first stage at its own prefix, a host route always wins. */
function winsItsOwnAddress(context: RuleContext, route: Route): boolean {
  const located = context.tables.stageOf(route);
  return located?.index === 0 && located.stage.trie.get(route.prefix)?.find(usable) === route;
}

function finding(route: Route, winner: Route, resolution: Resolution, stageIndex: number): Finding {
  const address = formatAddress(route.prefix);
  const peer = samePrefix(winner.prefix, route.prefix) && winner.nexthops.every((h) => !h.gateway);
  const why = resolution.lost.find((l) => l.route === route)?.reason
    ?? (stageIndex > 0 ? `table ${route.table} is searched only after table ${winner.table}, which already has a route for it` : 'another route wins');
  const tunnelDevs = [...new Set(winner.nexthops.map((h) => h.device ?? '?'))].join(', ');
  const message = `Endpoint loop: the host route to ${address} through ${describeHops(route.nexthops)} is the exception that keeps a VPN server outside the tunnel, but it loses (${why}): `
    + `${address} resolves into ${tunnelDevs} by ${routeRef(winner)}. `
    + (peer
      ? `${address} is also the peer address of ${tunnelDevs}, so it is the tunnel's own endpoint: its encapsulated packets would be sent into the tunnel itself, and the connection stalls or drops. Give the tunnel a different peer address, or remove the peer route so the exception wins.`
      : `If ${address} is the VPN server, the tunnel's own packets are sent into the tunnel itself and the connection stalls or drops. Make the exception win: give it a lower metric than the tunnel route, or move it to a table the lookup searches first.`);
  return makeFinding(ENDPOINT_LOOP, peer ? 'error' : 'warning', message, route.prefixSpan, {
    related: [{ span: winner.span, message: `Takes ${address} into the tunnel: ${routeRef(winner)}` }],
    routeIds: [route.id, winner.id],
  });
}
