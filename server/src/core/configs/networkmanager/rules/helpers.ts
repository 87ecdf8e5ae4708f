import type { Span } from '../../../model';
import type { Family } from '../../../net/address';
import { formatPrefix } from '../../../net/prefix';
import type { NmConnection, NmIp } from '../model';
import { isTunnel } from '../model';
import type { NmState } from '../state';

/** Where to put a finding about a key: its value, else its [group] header, else the first line. */
export function spanOfKey(ip: NmIp, key: string): Span {
  return ip.entry(key)?.valueSpan ?? ip.section?.header ?? { line: 0, col: 0, endLine: 0, endCol: 0 };
}

/** The connection sends this family's default route through itself. */
export function fullTunnel(state: NmState, family: Family): boolean {
  return isTunnel(state.connection) && state.plan.defaults.includes(family);
}

/** Any full-tunnel VPN among the other profiles of the folder. */
export function fullTunnelSibling(state: NmState): { name: string; connection: NmConnection } | undefined {
  return state.siblings.find((s) => isTunnel(s.connection) && (s.connection.kind === 'wireguard'
    ? s.connection.wireguard?.peers.some((p) => p.allowedIps.some((a) => a.prefix.len === 0 && a.prefix.family === 4)) === true && !s.connection.ipv4.neverDefault
    : !s.connection.ipv4.neverDefault));
}

/** The connection's own routes, in words: what a split tunnel carries. */
export function ownRoutes(state: NmState, family: Family): string[] {
  return state.plan.routes.filter((r) => r.family === family && r.prefix.len > 0).map((r) => formatPrefix(r.prefix));
}

/** dns-priority with NetworkManager's default filled in: 50 for VPNs and WireGuard, 100 for the rest. */
export function effectiveDnsPriority(c: NmConnection, family: Family): number {
  const p = (family === 4 ? c.ipv4 : c.ipv6).dnsPriority;
  return p !== 0 ? p : isTunnel(c) ? 50 : 100;
}

export function label(c: NmConnection, fallback: string): string {
  return c.id !== undefined ? `"${c.id}"` : fallback;
}
