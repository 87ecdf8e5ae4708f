import { type Finding, makeFinding } from '../../../model';
import { isTunnel } from '../model';
import type { NmState } from '../state';
import type { NmRule } from './types';
import { fullTunnel, label, spanOfKey } from './helpers';

/** All IPv4 goes into the VPN, but no IPv6 default does: IPv6 leaves through the physical side. */
export const fullTunnelIpv6Leak: NmRule = {
  code: 'full-tunnel-ipv6-leak',
  check(state) {
    const out: Finding[] = [];
    const c = state.connection;
    if (!fullTunnel(state, 4) || state.plan.defaults.includes(6)) return out;
    const v6 = c.ipv6;
    const why = c.kind === 'wireguard'
      ? v6.method === 'disabled' || v6.method === 'ignore' ? `[ipv6] method=${v6.method}` : v6.neverDefault ? '[ipv6] never-default=true' : 'no peer has ::/0 in allowed-ips'
      : v6.method === 'disabled' || v6.method === 'ignore' ? `[ipv6] method=${v6.method}` : v6.neverDefault ? '[ipv6] never-default=true' : '';
    // A VPN plugin with IPv6 on auto gets a default if the server assigns IPv6: not a finding from the file alone.
    if (why === '') return out;
    const span = v6.entry('method') || v6.entry('never-default') ? spanOfKey(v6, v6.neverDefault ? 'never-default' : 'method') : spanOfKey(c.ipv4, 'never-default');
    out.push(makeFinding('full-tunnel-ipv6-leak', 'warning',
      `All IPv4 traffic goes into ${state.plan.device}, but ${why}, so there is no IPv6 default through the VPN: IPv6 traffic leaves outside it${physicalSide(state)}. Route IPv6 through the VPN (::/0), or turn IPv6 off on the physical connection (ipv6.method disabled).`,
      span));
    return out;
  },
};

/** Where IPv6 leaves: the physical profile, the dump, or any network that offers IPv6. */
function physicalSide(state: NmState): string {
  const physical = state.siblings.find((s) => !isTunnel(s.connection) && ['auto', 'dhcp', 'ignore', 'manual'].includes(s.connection.ipv6.method));
  if (physical) return ` through ${label(physical.connection, physical.name)} (${physical.name}: [ipv6] method=${physical.connection.ipv6.method})`;
  const route = state.dump?.document.routes.find((r) => r.family === 6 && r.prefix.len === 0 && !r.nexthops.some((h) => state.dump?.tunnels.isTunnel(h.device)));
  if (route) return ` via ${route.nexthops[0]?.device ?? 'the physical interface'} (line ${route.span.line + 1} of ${state.dumpName})`;
  return ' whenever the physical network offers IPv6 (method=auto takes router advertisements; method=ignore leaves the kernel to take them)';
}
