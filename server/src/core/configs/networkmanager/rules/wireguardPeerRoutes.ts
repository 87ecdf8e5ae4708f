import { type Finding, makeFinding } from '../../../model';
import { formatPrefix, prefixCovers } from '../../../net/prefix';
import type { NmRule } from './types';

/** peer-routes=false: WireGuard accepts the allowed-ips, but nothing routes traffic to them. */
export const wireguardAllowedIpsWithoutPeerRoutes: NmRule = {
  code: 'wireguard-allowed-ips-without-peer-routes',
  check(state) {
    const wgc = state.connection.wireguard;
    const entry = wgc?.section?.entries.find((e) => e.key === 'peer-routes');
    if (!wgc || wgc.peerRoutes || !entry) return [];
    const manual = state.plan.routes;
    const unrouted = wgc.peers.flatMap((p) => p.allowedIps).filter((a) => !manual.some((r) => prefixCovers(r.prefix, a.prefix)));
    if (unrouted.length === 0) return [];
    const list = unrouted.slice(0, 6).map((a) => formatPrefix(a.prefix)).join(', ');
    const out: Finding[] = [makeFinding('wireguard-allowed-ips-without-peer-routes', 'warning',
      `peer-routes=false: WireGuard accepts ${list}${unrouted.length > 6 ? ` and ${unrouted.length - 6} more` : ''} from its peers, but NetworkManager adds no route for them and neither an address nor a routeN covers them, so nothing is sent into the tunnel for them. Add routeN keys, or remove peer-routes=false.`,
      entry.valueSpan)];
    return out;
  },
};
