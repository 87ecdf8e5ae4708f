import { type Finding, makeFinding } from '../../../model';
import { isTunnel } from '../model';
import type { NmRule } from './types';
import { ownRoutes, spanOfKey } from './helpers';

/** never-default on a VPN: a split tunnel by design; say what goes through it. */
export const vpnNotDefault: NmRule = {
  code: 'vpn-not-default',
  check(state) {
    const out: Finding[] = [];
    const c = state.connection;
    if (!isTunnel(c)) return out;
    for (const ip of [c.ipv4, c.ipv6]) {
      if (!ip.neverDefault || ip.method === 'disabled' || ip.method === 'ignore') continue;
      const routes = ownRoutes(state, ip.family);
      const listed = routes.length > 0 ? `its own routes (${routes.slice(0, 8).join(', ')}${routes.length > 8 ? ` and ${routes.length - 8} more` : ''}) go` : 'the routes the server sends go';
      const pushed = c.kind === 'vpn'
        ? ip.ignoreAutoRoutes ? ' Routes the server pushes are ignored (ignore-auto-routes=true).' : ' Routes the VPN server pushes are added too.'
        : '';
      out.push(makeFinding('vpn-not-default', 'information',
        `Split tunnel: never-default=true, so the ${ip.family === 4 ? 'IPv4' : 'IPv6'} default route stays outside the VPN and only ${listed} through ${state.plan.device}.${pushed} Everything else leaves through the physical connection.`,
        spanOfKey(ip, 'never-default')));
    }
    return out;
  },
};
