import { type Finding, makeFinding } from '../../../model';
import { isTunnel } from '../model';
import type { NmRule } from './types';
import { fullTunnel, fullTunnelSibling, label, spanOfKey } from './helpers';

const MITIGATION = 'Mitigate on the VPN with `ipv4.route-table 75` and `ipv4.routing-rules "priority 32345 from all table 75"` (the VPN\'s routes are then searched before main), or set ipv4.ignore-auto-routes=true on the physical connection when its network needs no DHCP routes.';

/** TunnelVision (CVE-2024-3661): DHCP option 121 routes on the physical side beat the VPN's default route. */
export const ignoreAutoRoutesOffOnVpnHost: NmRule = {
  code: 'ignore-auto-routes-off-on-vpn-host',
  check(state) {
    const out: Finding[] = [];
    const c = state.connection;
    if (!isTunnel(c)) {
      const vpn = fullTunnelSibling(state);
      if (!vpn || c.ipv4.method !== 'auto' || c.ipv4.ignoreAutoRoutes) return out;
      out.push(makeFinding('ignore-auto-routes-off-on-vpn-host', 'information',
        `TunnelVision (CVE-2024-3661): this connection takes routes from DHCP (method=auto, ignore-auto-routes=false), including classless static routes (option 121), while the full-tunnel VPN ${label(vpn.connection, vpn.name)} (${vpn.name}) exists. A hostile DHCP server can push routes more specific than the VPN's default and pull traffic out of the tunnel. ${MITIGATION}`,
        spanOfKey(c.ipv4, c.ipv4.entry('ignore-auto-routes') ? 'ignore-auto-routes' : 'method')));
      return out;
    }
    if (!fullTunnel(state, 4) || c.ipv4.routeTable !== 0) return out;
    const dhcp = state.dump?.document.routes.find((r) => r.family === 4 && r.proto === 'dhcp' && !r.nexthops.some((h) => state.dump?.tunnels.isTunnel(h.device)));
    if (!dhcp) return out;
    out.push(makeFinding('ignore-auto-routes-off-on-vpn-host', 'information',
      `TunnelVision (CVE-2024-3661): ${state.dumpName} shows DHCP routes on ${dhcp.nexthops[0]?.device ?? 'the physical interface'} (line ${dhcp.span.line + 1} of ${state.dumpName}); any more specific route a DHCP server pushes (option 121) wins over this VPN's default route. ${MITIGATION}`,
      spanOfKey(c.ipv4, c.ipv4.entry('never-default') ? 'never-default' : 'method')));
    return out;
  },
};
