import type { Finding, Route } from '../model';
import { makeFinding } from '../model';
import { bitLength } from '../net/address';
import { formatPrefix, parsePrefix, prefixCovers } from '../net/prefix';
import { usable } from '../resolver';
import { describeHops, describeRange } from './routeText';
import { shadows } from './shadowing';
import { networkInstalled } from './tunnelEscape';
import type { Rule, RuleContext } from './types';

export const SPLIT_TUNNEL_EXCEPTION = 'split-tunnel-exception';

/** Ranges that never go through a tunnel by design: link-local and multicast. */
const NEVER_TUNNELLED = ['169.254.0.0/16', '224.0.0.0/4', 'fe80::/10', 'ff00::/8']
  .map((text) => parsePrefix(text)?.prefix)
  .filter((p) => p !== undefined);

/**
 * A tunnel carries a covering route (often the default) and a more specific route sends part of
 * that range out of a physical interface: that traffic escapes the tunnel.
 */
export const splitTunnelException: Rule = {
  code: SPLIT_TUNNEL_EXCEPTION,
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const shadowed = shadows(context);
    for (const route of context.document.routes) {
      const found = splitTunnelFinding(context, route, shadowed);
      if (found) findings.push(found);
    }
    return findings;
  },
};

/** The finding for one route, given the analysis's shadowed routes. */
export function splitTunnelFinding(context: RuleContext, route: Route, shadowed: ReadonlyMap<number, unknown>): Finding | undefined {
  if (!candidate(context, route) || shadowed.has(route.id)) return undefined;
  const tunnel = coveringTunnelRoute(context, route);
  return tunnel ? finding(route, tunnel) : undefined;
}

function candidate(context: RuleContext, route: Route): boolean {
  if (route.type !== 'unicast' || !usable(route) || route.prefix.len === 0) return false;
  if (route.nexthops.length === 0 || route.nexthops.some((h) => context.tunnels.isTunnel(h.device))) return false;
  // Connected subnets the kernel adds for an address are the LAN itself, reached directly by design.
  if (route.proto === 'kernel' && route.nexthops.every((h) => !h.gateway)) return false;
  // Routes DHCP or router advertisements installed are tunnelvision-leak's.
  if (networkInstalled(route)) return false;
  return !NEVER_TUNNELLED.some((p) => prefixCovers(p, route.prefix));
}

/** The route that would carry this range if this route did not exist, when it goes into a tunnel. */
function coveringTunnelRoute(context: RuleContext, route: Route): Route | undefined {
  const located = context.tables.stageOf(route);
  const stage = located?.stage ?? context.tables.tableStage(route.family, route.tableId);
  for (const entry of stage.trie.covering(route.prefix)) {
    if (entry.prefix.len >= route.prefix.len) continue;
    const winner = entry.value.find(usable);
    if (!winner) continue;
    const tunnelled = winner.type === 'unicast' && winner.nexthops.length > 0
      && winner.nexthops.every((h) => context.tunnels.isTunnel(h.device));
    return tunnelled ? winner : undefined;
  }
  return undefined;
}

function finding(route: Route, tunnel: Route): Finding {
  const host = route.prefix.len === bitLength(route.family);
  const viaGateway = route.nexthops.some((h) => h.gateway);
  const likelyServer = host && viaGateway;
  const tunnelDevs = [...new Set(tunnel.nexthops.map((h) => h.device))].join(', ');
  let message = `Split-tunnel exception: ${describeRange(route)} leaves through ${describeHops(route.nexthops)}, outside the tunnel; `
    + `the rest of ${formatPrefix(tunnel.prefix)} goes into ${tunnelDevs} (line ${tunnel.span.line + 1}).`;
  if (likelyServer) {
    message += ' A host route via the physical gateway is most likely the VPN server itself: it keeps the tunnel\'s own encrypted packets off the tunnel, which is why the exception exists.';
  } else {
    message += ' Traffic to this range is not encrypted by the VPN.';
  }
  return makeFinding(SPLIT_TUNNEL_EXCEPTION, likelyServer ? 'information' : 'warning', message, route.prefixSpan, {
    related: [{ span: tunnel.span, message: `The tunnel route this exception escapes: ${formatPrefix(tunnel.prefix)} into ${tunnelDevs}.` }],
    routeIds: [route.id, tunnel.id],
  });
}
