import { type Finding, type Route, makeFinding } from '../model';
import { formatPrefix, parsePrefix, prefixCovers, prefixesOverlap } from '../net/prefix';
import { usable } from '../resolver';
import type { Rule, RuleContext } from './types';

export const VPN_LAN_OVERLAP = 'vpn-lan-overlap';

/** Every interface has its own link-local and multicast routes; their overlap is by design. */
const PER_LINK = ['169.254.0.0/16', '224.0.0.0/4', 'fe80::/10', 'ff00::/8']
  .map((text) => parsePrefix(text)?.prefix)
  .filter((p) => p !== undefined);

/**
 * A route into the tunnel that overlaps the local LAN: for the overlap, the more specific side wins and the
 * other side's hosts become unreachable (the VPN's hosts are looked for on the LAN, or the LAN's router in the VPN).
 */
export const vpnLanOverlap: Rule = {
  code: VPN_LAN_OVERLAP,
  check(context: RuleContext): Finding[] {
    const lans: Route[] = [];
    const tunnels: Route[] = [];
    for (const route of context.document.routes) {
      if (route.type !== 'unicast' || !usable(route) || route.prefix.len === 0 || route.nexthops.length === 0) continue;
      if (PER_LINK.some((p) => prefixCovers(p, route.prefix))) continue;
      const inTunnel = route.nexthops.every((h) => context.tunnels.isTunnel(h.device));
      const connected = route.nexthops.every((h) => !h.gateway) && (route.proto === 'kernel' || route.scope === 'link');
      if (inTunnel && route.prefix.len > 1) tunnels.push(route);
      else if (!inTunnel && connected) lans.push(route);
    }
    const findings: Finding[] = [];
    for (const vpn of tunnels) {
      for (const lan of lans) {
        if (vpn.family !== lan.family || vpn.tableId !== lan.tableId || !prefixesOverlap(vpn.prefix, lan.prefix)) continue;
        const lanDev = lan.nexthops[0]?.device ?? '?';
        const vpnDev = vpn.nexthops[0]?.device ?? '?';
        const winner = lan.prefix.len >= vpn.prefix.len ? 'lan' : 'vpn';
        const outcome = winner === 'lan'
          ? `addresses in ${formatPrefix(lan.prefix)} are reached on the LAN (${lanDev}), so VPN hosts with those addresses are unreachable`
          : `addresses in ${formatPrefix(vpn.prefix)} go into the tunnel (${vpnDev}), so LAN hosts there, perhaps the LAN's own router, are unreachable`;
        findings.push(makeFinding(VPN_LAN_OVERLAP, 'warning',
          `The VPN route ${formatPrefix(vpn.prefix)} (${vpnDev}) overlaps the local LAN ${formatPrefix(lan.prefix)} (${lanDev}, line ${lan.span.line + 1}): ${outcome}. Renumber one side or route the VPN's hosts with more specific routes.`,
          vpn.prefixSpan, {
            related: [{ span: lan.span, message: `The LAN subnet on ${lanDev}.` }],
            routeIds: [vpn.id, lan.id],
          }));
      }
    }
    return findings;
  },
};
