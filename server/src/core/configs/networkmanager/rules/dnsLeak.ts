import { type Finding, makeFinding } from '../../../model';
import { isTunnel } from '../model';
import type { NmRule } from './types';
import { effectiveDnsPriority, fullTunnel, fullTunnelSibling, label, spanOfKey } from './helpers';

const RULE = 'lower dns-priority wins; a negative value excludes every connection with a higher one';

/** DNS servers of the physical connection are preferred over the VPN's, so queries leave outside the tunnel. */
export const dnsLeak: NmRule = {
  code: 'dns-leak',
  check(state) {
    const out: Finding[] = [];
    const c = state.connection;
    if (isTunnel(c)) {
      if (!fullTunnel(state, 4)) return out;
      const mine = effectiveDnsPriority(c, 4);
      const span = spanOfKey(c.ipv4, c.ipv4.entry('dns-priority') ? 'dns-priority' : 'ignore-auto-dns');
      const noDns = c.ipv4.ignoreAutoDns && c.ipv4.dns.length === 0;
      const rival = state.siblings.find((s) => !isTunnel(s.connection) && (!s.connection.ipv4.ignoreAutoDns || s.connection.ipv4.dns.length > 0) && effectiveDnsPriority(s.connection, 4) < mine);
      if (noDns) {
        out.push(makeFinding('dns-leak', 'warning', `ignore-auto-dns=true and no dns: this full-tunnel VPN brings no DNS server, so every query goes to the physical connection's servers, outside the tunnel. Set dns, or let the VPN server's DNS in.`, span));
      } else if (rival) {
        out.push(makeFinding('dns-leak', 'warning', `DNS leak: ${label(rival.connection, rival.name)} (${rival.name}) has dns-priority ${effectiveDnsPriority(rival.connection, 4)}, better than this VPN's ${mine} (${RULE}), so its servers answer queries outside the tunnel. Give the VPN a negative dns-priority (e.g. -50).`, span));
      } else if (mine > 100) {
        out.push(makeFinding('dns-leak', 'warning', `DNS leak: dns-priority ${mine} is worse than the 100 physical connections get by default (${RULE}), so their DHCP DNS servers are used first, outside the tunnel. Use a negative dns-priority (e.g. -50) on a full-tunnel VPN.`, span));
      }
      return out;
    }
    const vpn = fullTunnelSibling(state);
    if (!vpn || (c.ipv4.ignoreAutoDns && c.ipv4.dns.length === 0)) return out;
    const mine = effectiveDnsPriority(c, 4);
    const theirs = effectiveDnsPriority(vpn.connection, 4);
    if (mine < theirs) {
      out.push(makeFinding('dns-leak', 'warning', `DNS leak: dns-priority ${mine} beats the full-tunnel VPN ${label(vpn.connection, vpn.name)} (${vpn.name}, ${theirs}) (${RULE}), so this connection's DNS servers answer queries outside the tunnel.`, spanOfKey(c.ipv4, 'dns-priority')));
    }
    return out;
  },
};
