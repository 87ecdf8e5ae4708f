// What NetworkManager installs when this connection comes up: routes per table and policy rules.
import type { Span } from '../../model';
import type { Address, Family } from '../../net/address';
import { type Prefix, defaultPrefix, prefixOf } from '../../net/prefix';
import { type NmConnection, type NmIp, isTunnel } from './model';

export const MAIN = 254;

export interface PlannedRoute {
  readonly family: Family;
  readonly prefix: Prefix;
  readonly table: number;
  readonly device: string;
  readonly gateway: Address | undefined;
  readonly metric: number;
  readonly type: string;
  /** Why it exists: a connected prefix, the default route, a `routeN` key, a WireGuard peer's allowed-ips. */
  readonly why: 'address' | 'default' | 'route' | 'peer';
  /** Where it comes from in the file; undefined for the DHCP/VPN default route. */
  readonly span: Span | undefined;
}

export interface PlannedRule {
  readonly family: Family;
  readonly priority: number;
  readonly text: string;
  readonly table: number | undefined;
  readonly to: Prefix | undefined;
  /** The rule only applies to some packets (a `from`, `fwmark`, `not`... selector). */
  readonly conditional: boolean;
  readonly suppressPrefixLength: number | undefined;
  /** Added by NetworkManager itself (WireGuard's default route), not written in the file. */
  readonly automatic: boolean;
  readonly span: Span | undefined;
}

export interface InstallPlan {
  readonly device: string;
  readonly routes: readonly PlannedRoute[];
  readonly rules: readonly PlannedRule[];
  /** Families whose default route goes through this connection. */
  readonly defaults: readonly Family[];
}

/** The interface the connection's traffic uses; VPN plugins create their own. */
export function deviceOf(c: NmConnection): string {
  if (c.kind === 'vpn') {
    if (c.plugin === 'l2tp' || c.plugin === 'pptp' || c.plugin === 'fortisslvpn') return 'ppp0';
    if (c.plugin === 'openconnect') return 'vpn0';
    if (c.plugin === 'strongswan') return 'IPsec (no interface)';
    return 'tun0';
  }
  return c.interfaceName ?? (c.kind === 'wifi' ? 'wlan0' : c.kind === 'wireguard' ? 'wg0' : 'eth0');
}

/** NetworkManager's metric when route-metric is -1. */
export function defaultMetric(c: NmConnection): number {
  if (isTunnel(c)) return 50;
  return c.kind === 'wifi' ? 600 : 100;
}

/** The table NetworkManager picks for WireGuard's default route: the fwmark, or one it chooses when 0. */
export function wireguardTable(c: NmConnection): number | undefined {
  return c.wireguard ? (c.wireguard.fwmark || 51820) : undefined;
}

export function installPlan(c: NmConnection): InstallPlan {
  const device = deviceOf(c);
  const routes: PlannedRoute[] = [];
  const rules: PlannedRule[] = [];
  const defaults: Family[] = [];
  for (const ip of [c.ipv4, c.ipv6]) {
    if (ip.method === 'disabled' || ip.method === 'ignore') continue;
    const table = ip.routeTable || MAIN;
    const metric = ip.routeMetric >= 0 ? ip.routeMetric : defaultMetric(c);
    const add = (r: Omit<PlannedRoute, 'family' | 'device' | 'type'> & { type?: string }): void => {
      routes.push({ family: ip.family, device, type: 'unicast', ...r });
    };
    for (const a of ip.addresses) {
      if (a.len < (ip.family === 4 ? 32 : 128)) add({ prefix: prefixOf(a.address, a.len), table, gateway: undefined, metric, why: 'address', span: a.span });
    }
    const wgDefault = wireguardDefault(c, ip);
    if (!ip.neverDefault && !wgDefault && hasDefault(c, ip)) {
      defaults.push(ip.family);
      add({ prefix: defaultPrefix(ip.family), table, gateway: ip.gateway?.address, metric, why: 'default', span: ip.gateway?.span });
    }
    for (const r of ip.routes) {
      add({ prefix: r.prefix, table: r.table || table, gateway: r.nexthop, metric: r.metric ?? metric, why: 'route', span: r.span, type: r.type });
    }
    for (const rule of ip.routingRules) {
      const conditional = rule.not || rule.fwmark !== undefined || (rule.from !== undefined && rule.from.len > 0);
      rules.push({ family: ip.family, priority: rule.priority ?? 0, text: rule.text, table: rule.action ? undefined : rule.table, to: rule.to, conditional, suppressPrefixLength: rule.suppressPrefixLength, automatic: false, span: rule.span });
    }
    if (c.wireguard?.peerRoutes) {
      const wgTable = wireguardTable(c) ?? MAIN;
      for (const peer of c.wireguard.peers) {
        for (const allowed of peer.allowedIps) {
          if (allowed.prefix.family !== ip.family) continue;
          const isDefault = allowed.prefix.len === 0;
          if (isDefault && ip.neverDefault) continue;
          add({ prefix: allowed.prefix, table: isDefault && wgDefault ? wgTable : table, gateway: undefined, metric, why: 'peer', span: allowed.span });
        }
      }
      if (wgDefault) {
        defaults.push(ip.family);
        // "Improved rule-based routing", like wg-quick: priorities NetworkManager uses for these two rules.
        rules.push({ family: ip.family, priority: 31000, text: `not fwmark ${wgTable} table ${wgTable}`, table: wgTable, to: undefined, conditional: false, suppressPrefixLength: undefined, automatic: true, span: undefined });
        rules.push({ family: ip.family, priority: 30999, text: 'table main suppress_prefixlength 0', table: MAIN, to: undefined, conditional: false, suppressPrefixLength: 0, automatic: true, span: undefined });
      }
    }
  }
  return { device, routes, rules: rules.sort((a, b) => a.priority - b.priority), defaults };
}

/** Whether this connection takes a default route for the family when never-default is false. */
function hasDefault(c: NmConnection, ip: NmIp): boolean {
  if (c.kind === 'vpn') return ip.family === 4 || ip.method !== 'ignore';
  if (c.kind === 'wireguard') return ip.gateway !== undefined;
  return ip.gateway !== undefined || ip.method === 'auto' || ip.method === 'dhcp';
}

/** WireGuard puts a /0 from allowed-ips in its own table with two rules, unless turned off or never-default. */
export function wireguardDefault(c: NmConnection, ip: NmIp): boolean {
  const wgc = c.wireguard;
  if (!wgc || !wgc.peerRoutes || ip.neverDefault) return false;
  const setting = wgc.autoDefault[ip.family];
  if (setting === 0) return false;
  return wgc.peers.some((p) => p.allowedIps.some((a) => a.prefix.family === ip.family && a.prefix.len === 0));
}
