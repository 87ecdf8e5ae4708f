import { type Finding, makeFinding } from '../../../model';
import { parseIPv6 } from '../../../net/address';
import { describeHops } from '../../../rules/routeText';
import { isActive, isProtecting, tunnelRef } from '../model';
import type { SwanState } from '../state';
import type { SwanRule } from './types';

const PROBE = parseIPv6('2001:4860:4860::8888');

/** An IPv4 full tunnel with no ::/0 policy (IPsec or drop): IPv6 leaves outside IPsec. */
export const ipv6Leak: SwanRule = {
  code: 'ipv6-leak',
  check(state) {
    const out: Finding[] = [];
    const tunnels = state.doc.tunnels.filter(isActive);
    const v6Covered = tunnels.some((t) => t.mode !== 'pass' && t.remote.some((s) => s.prefix?.family === 6 && s.prefix.len === 0));
    if (v6Covered) return out;
    for (const tunnel of tunnels) {
      if (!isProtecting(tunnel)) continue;
      const full = tunnel.remote.find((s) => s.prefix?.family === 4 && s.prefix.len === 0);
      if (!full) continue;
      out.push(makeFinding('ipv6-leak', 'warning',
        `${tunnelRef(tunnel)} protects all IPv4 traffic, but no conn covers ::/0 and no drop policy blocks IPv6: IPv6 traffic leaves outside IPsec${whereV6(state)}. Add ::/0 to the remote selector (and request an IPv6 virtual IP), or add a drop conn for ::/0.`,
        full.span));
    }
    return out;
  },
};

function whereV6(state: SwanState): string {
  if (!state.dump || !PROBE) return ' whenever the machine has IPv6 connectivity';
  const now = state.pathNow(PROBE);
  if (!now) return ` (${state.dumpName} has no IPv6 route now, but any network that offers IPv6 would carry it)`;
  return `, via ${describeHops(now.route.nexthops)} (line ${now.route.span.line + 1} of ${state.dumpName})`;
}
