import { type Finding, makeFinding } from '../../../model';
import { parseIPv6 } from '../../../net/address';
import { defaultPrefix, formatPrefix } from '../../../net/prefix';
import { resolve } from '../../../resolver';
import { describeHops } from '../../../rules/routeText';
import { windowsKillSwitch } from '../install';
import type { Device, WgState } from '../state';
import type { WgRule } from './types';

/** All of IPv6's global unicast space; public IPv6 destinations are inside it. */
const GLOBAL_UNICAST = { family: 6 as const, words: [0x20000000, 0, 0, 0], len: 3 };
const PROBE = parseIPv6('2001:4860:4860::8888');

/** IPv4 goes entirely into the tunnel but IPv6 does not: IPv6 traffic leaves outside it. */
export const ipv6Leak: WgRule = {
  code: 'ipv6-leak',
  check(state) {
    const out: Finding[] = [];
    for (const device of state.devices) {
      const { routing, config } = device;
      if (config.interface.table.kind === 'off') continue;
      if (!routing.fullTunnel(4) || routing.covers(GLOBAL_UNICAST)) continue;
      const anchor = routing.coveringClaim(defaultPrefix(4)) ?? routing.claims.find((c) => c.allowed.prefix.family === 4);
      if (!anchor) continue;
      const partial = routing.claims.some((c) => c.allowed.prefix.family === 6);
      const what = partial ? `the IPv6 AllowedIPs do not cover ${formatPrefix(GLOBAL_UNICAST)}` : 'no peer has ::/0 (or ::/1 + 8000::/1)';
      const windows = windowsKillSwitch(config) ? ' On Windows the kill-switch blocks that IPv6 traffic instead of letting it out.' : '';
      out.push(makeFinding('ipv6-leak', 'warning',
        `All IPv4 traffic goes into the tunnel, but ${what}: IPv6 traffic leaves outside the tunnel${whereV6(state, device)}. Add ::/0 to AllowedIPs (the tunnel then carries or drops IPv6), or turn IPv6 off.${windows}`,
        anchor.allowed.span));
    }
    return out;
  },
};

/** Where IPv6 goes with the tunnel up, when the dump says. */
function whereV6(state: WgState, device: Device): string {
  if (!state.dump || !PROBE) return ' whenever the machine has IPv6 connectivity';
  const prediction = state.predict(device, PROBE);
  if (prediction?.tunnel) return '';
  const resolution = resolve(state.dump.tables, PROBE);
  if (!resolution.route || resolution.error) return ` (${state.dumpName} has no IPv6 route now, but any network that offers IPv6 would carry it)`;
  return `, via ${describeHops(resolution.nexthops)} (line ${resolution.route.span.line + 1} of ${state.dumpName})`;
}
