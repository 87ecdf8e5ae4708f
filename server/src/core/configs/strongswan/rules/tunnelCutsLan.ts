import { type Finding, makeFinding } from '../../../model';
import { formatPrefix } from '../../../net/prefix';
import { describeHops } from '../../../rules/routeText';
import { isActive, isProtecting, tunnelRef } from '../model';
import { passCovers } from '../state';
import type { SwanRule } from './types';

/**
 * A 0.0.0.0/0 (or ::/0) remote selector also matches the local LAN: without a passthrough policy for it,
 * traffic to the LAN goes into the tunnel (table 220 is consulted before main) and the host loses its network.
 */
export const tunnelCutsLan: SwanRule = {
  code: 'tunnel-cuts-lan',
  check(state) {
    const out: Finding[] = [];
    const tunnels = state.doc.tunnels;
    for (const tunnel of tunnels) {
      if (!isActive(tunnel) || !isProtecting(tunnel) || tunnel.mode === 'transport') continue;
      for (const selector of tunnel.remote) {
        if (!selector.prefix || selector.prefix.len !== 0) continue;
        const family = selector.prefix.family;
        if (!state.dump) {
          if (tunnels.some((t) => t.mode === 'pass' && isActive(t) && t.remote.some((s) => s.prefix?.family === family))) continue;
          out.push(makeFinding('tunnel-cuts-lan', 'warning',
            `${tunnelRef(tunnel)} sends all ${family === 4 ? 'IPv4' : 'IPv6'} traffic (${selector.text}) into IPsec, the local LAN included: no passthrough conn exempts it, so the host is cut off its own network once connected. Add a passthrough conn for the LAN (type=passthrough, leftsubnet=rightsubnet=LAN, auto=route).`,
            selector.span));
          continue;
        }
        const lans = state.lanRoutes(family).filter((r) => !passCovers(tunnels, r.prefix));
        if (lans.length === 0) continue;
        const names = lans.slice(0, 4).map((r) => `${formatPrefix(r.prefix)} on ${describeHops(r.nexthops)} (line ${r.span.line + 1} of ${state.dumpName})`).join(', ');
        out.push(makeFinding('tunnel-cuts-lan', 'warning',
          `${tunnelRef(tunnel)} sends all ${family === 4 ? 'IPv4' : 'IPv6'} traffic (${selector.text}) into IPsec, and no passthrough conn exempts the local LAN: ${names}${lans.length > 4 ? ` and ${lans.length - 4} more` : ''}. Once connected the host cannot reach its own network. Add a passthrough conn for ${lans[0] ? formatPrefix(lans[0].prefix) : 'the LAN'}.`,
          selector.span, { related: lans.slice(0, 4).map((r) => ({ span: r.span, message: `${formatPrefix(r.prefix)}: connected LAN in ${state.dumpName}` })) }));
      }
    }
    return out;
  },
};
