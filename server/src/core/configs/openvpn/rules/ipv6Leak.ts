import { type Finding, makeFinding } from '../../../model';
import { type Address, formatAddress, parseAddress, parseIPv6 } from '../../../net/address';
import type { RuleContext } from '../context';
import { type InstallPlan, type InstalledRoute, matchInstalled, redirectState } from '../install';
import type { OpenVpnRule } from './types';

/** Both ends and the middle of the global unicast space 2000::/3. */
const GLOBAL_PROBES: readonly Address[] = ['2000::', '2a00:1450::1', '3000::', '3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']
  .map((t) => parseIPv6(t) as Address);

const IPV4_PROBES: readonly Address[] = ['1.1.1.1', '200.1.1.1'].map((t) => parseAddress(t) as Address);

/** The route that sends the IPv4 internet into the tunnel, when the plan does: `redirect-gateway` or `route 0.0.0.0 0.0.0.0`. */
export function ipv4InTunnel(plan: InstallPlan): InstalledRoute | undefined {
  const hits = IPV4_PROBES.map((a) => matchInstalled(plan.routes, a));
  return hits.every((h) => h?.target === 'tunnel') ? hits[0] : undefined;
}

/** True when the plan routes all of the global IPv6 space into the tunnel. */
export function ipv6InTunnel(plan: InstallPlan): boolean {
  return GLOBAL_PROBES.every((a) => matchInstalled(plan.routes, a)?.target === 'tunnel');
}

/** IPv4 goes through the tunnel but IPv6 does not: on a dual-stack network IPv6 traffic leaves outside it. */
export const ipv6Leak: OpenVpnRule = {
  code: 'ipv6-leak',
  check({ side, host }: RuleContext): Finding[] {
    const state = redirectState(side.options.redirects);
    const full = ipv4InTunnel(side.plan);
    const span = state.ipv4 ? state.span : full?.span;
    if (!full || !span || ipv6InTunnel(side.plan)) return [];
    const clients = side.who === 'clients';
    const subject = clients ? 'Clients send IPv4 through the tunnel, but not IPv6' : 'IPv4 goes through the tunnel, but IPv6 does not';
    const block = side.options.blockIpv6
      ? ' `block-ipv6` does not help here: it only answers IPv6 packets that are routed into the tunnel.'
      : '';
    const fix = clients
      ? 'Push `redirect-gateway def1 ipv6` with an IPv6 pool (`server-ipv6`), or push `redirect-gateway ipv6` and `block-ipv6` to drop IPv6.'
      : 'Add the `ipv6` flag (`redirect-gateway def1 ipv6`) when the server has IPv6, or add `ipv6` and `block-ipv6` to drop IPv6 instead.';
    if (host && !clients) {
      if (!host.hasIpv6) {
        return [makeFinding('ipv6-leak', 'information',
          `${subject}. ${host.name} has no IPv6 route out of this machine, so nothing leaks on this network; on a network with IPv6 it would leave outside the tunnel.${block} ${fix}`,
          span)];
      }
      const gw = host.gateway6;
      const where = gw ? `${gw.device ?? 'its interface'}${gw.address ? ` via ${formatAddress(gw.address)}` : ''} (line ${gw.route.span.line + 1} of ${host.name})` : 'the physical interface';
      return [makeFinding('ipv6-leak', 'warning',
        `${subject}: every IPv6 destination leaves through ${where}, outside the tunnel.${block} ${fix}`, span)];
    }
    return [makeFinding('ipv6-leak', 'warning',
      `${subject}: on a network with IPv6, IPv6 traffic (most large sites prefer it) leaves outside the tunnel.${block} ${fix}`, span)];
  },
};
