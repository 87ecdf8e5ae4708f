import { type Finding, makeFinding } from '../../../../model';
import { type Prefix, formatPrefix, prefixesOverlap, samePrefix } from '../../../../net/prefix';
import type { LogConnection } from '../connection';
import type { LogRule } from './types';

/** VPN routes the log shows over the machine's LAN: OpenVPN's own warning, and overlaps with the LAN it reported. */
export const logLanConflict: LogRule = {
  code: 'pushed-route-lan-conflict',
  check(connection: LogConnection): Finding[] {
    const { parsed, host } = connection;
    const findings: Finding[] = [];
    for (const c of parsed.conflicts) {
      findings.push(makeFinding('pushed-route-lan-conflict', 'warning',
        `The VPN network ${formatPrefix(c.vpn)} overlaps the local LAN ${formatPrefix(c.lan)}. ${outcome(c.vpn, c.lan)}`, c.span));
    }
    const lans: { prefix: Prefix; where: string }[] = host
      ? host.connected.filter((r) => r.family === 4).map((r) => ({ prefix: r.prefix, where: `${r.nexthops[0]?.device ?? '?'}, line ${r.span.line + 1} of ${host.name}` }))
      : parsed.gateway4?.lan ? [{ prefix: parsed.gateway4.lan, where: `${parsed.gateway4.device ?? 'the LAN interface'}, from ROUTE_GATEWAY on line ${parsed.gateway4.span.line + 1}` }] : [];
    for (const route of connection.side.plan.routes) {
      if (route.target !== 'tunnel' || route.prefix.family !== 4 || route.prefix.len < 8) continue;
      if (parsed.conflicts.some((c) => samePrefix(c.vpn, route.prefix))) continue;
      for (const lan of lans) {
        if (!prefixesOverlap(lan.prefix, route.prefix)) continue;
        findings.push(makeFinding('pushed-route-lan-conflict', 'warning',
          `OpenVPN routed ${formatPrefix(route.prefix)} into the tunnel, and it overlaps this machine's LAN ${formatPrefix(lan.prefix)} (${lan.where}). ${outcome(route.prefix, lan.prefix)}`,
          route.span));
      }
    }
    return findings;
  },
};

function outcome(vpn: Prefix, lan: Prefix): string {
  if (samePrefix(vpn, lan)) return 'With the same prefix only the metric decides, so either the VPN\'s hosts or the LAN\'s are unreachable.';
  if (vpn.len > lan.len) return `The VPN's route is more specific: LAN hosts in ${formatPrefix(vpn)} are unreachable while connected.`;
  return `The LAN route is more specific: the VPN's hosts in ${formatPrefix(lan)} are reached on the LAN, not through the tunnel.`;
}
