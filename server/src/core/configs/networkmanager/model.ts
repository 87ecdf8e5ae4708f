import type { Span } from '../../model';
import type { Address, Family } from '../../net/address';
import type { Prefix } from '../../net/prefix';

/** One `key=value` line of a keyfile. */
export interface NmEntry {
  /** The key as written; keyfile keys are case-sensitive. */
  readonly key: string;
  /** The value with surrounding whitespace removed. */
  readonly value: string;
  readonly line: number;
  readonly keySpan: Span;
  readonly valueSpan: Span;
  /** The value is a secret: it never appears in any output. */
  readonly secret: boolean;
}

export interface NmSection {
  /** The name between the brackets, as written (`wireguard-peer.KEY`, `802-3-ethernet`). */
  readonly name: string;
  /** The keyfile name of the setting (`ethernet` for `802-3-ethernet`), or the name as written when unknown. */
  readonly setting: string;
  /** The public key of a `[wireguard-peer.KEY]` section. */
  readonly peerKey: string | undefined;
  readonly header: Span;
  /** The name inside the brackets. */
  readonly nameSpan: Span;
  /** From the header to the last entry of the section. */
  readonly span: Span;
  readonly entries: NmEntry[];
}

export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
}

/** A value NetworkManager refuses: the bad token, and whether it is an address or a route. */
export interface ValueProblem {
  readonly code: 'invalid-address' | 'invalid-route';
  readonly message: string;
  readonly span: Span;
}

export interface NmAddress {
  readonly address: Address;
  readonly len: number;
  readonly gateway: Address | undefined;
  readonly text: string;
  readonly span: Span;
}

export interface NmRoute {
  readonly prefix: Prefix;
  readonly nexthop: Address | undefined;
  /** Undefined: the connection's route-metric applies. */
  readonly metric: number | undefined;
  /** From `routeN_options=table=N`; undefined: the connection's route-table applies. */
  readonly table: number | undefined;
  /** `blackhole`, `unreachable`, `prohibit`, `local`, `throw`, or `unicast`. */
  readonly type: string;
  /** The key, like `route1`. */
  readonly name: string;
  readonly span: Span;
  readonly tableSpan: Span | undefined;
}

export interface NmRoutingRule {
  readonly family: Family;
  readonly priority: number | undefined;
  readonly not: boolean;
  readonly from: Prefix | undefined;
  readonly to: Prefix | undefined;
  readonly fwmark: number | undefined;
  /** The table a `table N` or `lookup N` action names. */
  readonly table: number | undefined;
  readonly suppressPrefixLength: number | undefined;
  /** `blackhole`, `unreachable`, `prohibit` instead of a table lookup. */
  readonly action: string | undefined;
  readonly text: string;
  readonly name: string;
  readonly span: Span;
}

export interface NmDns {
  readonly address: Address;
  readonly text: string;
  readonly span: Span;
}

/** The [ipv4] or [ipv6] setting, with NetworkManager's defaults filled in. */
export interface NmIp {
  readonly family: Family;
  readonly section: NmSection | undefined;
  /** `auto` when unset; `ignore`/`disabled` configure nothing. */
  readonly method: string;
  readonly addresses: readonly NmAddress[];
  readonly gateway: { readonly address: Address; readonly span: Span } | undefined;
  readonly dns: readonly NmDns[];
  readonly dnsSearch: readonly string[];
  /** 0 when unset: NetworkManager then uses 50 for VPNs and 100 for other connections. */
  readonly dnsPriority: number;
  readonly neverDefault: boolean;
  readonly ignoreAutoRoutes: boolean;
  readonly ignoreAutoDns: boolean;
  readonly routes: readonly NmRoute[];
  /** -1 when unset: chosen by device type. */
  readonly routeMetric: number;
  /** 0 when unset: the main table. */
  readonly routeTable: number;
  readonly routingRules: readonly NmRoutingRule[];
  readonly entry: (key: string) => NmEntry | undefined;
}

export interface NmPeer {
  readonly section: NmSection;
  /** The first 8 characters of the public key and `…`; public keys are not secret. */
  readonly name: string;
  readonly endpoint: { readonly host: string; readonly address: Address | undefined; readonly port: number; readonly span: Span } | undefined;
  readonly allowedIps: readonly { readonly prefix: Prefix; readonly text: string; readonly span: Span }[];
}

export interface NmWireGuard {
  readonly section: NmSection | undefined;
  readonly fwmark: number;
  readonly listenPort: number | undefined;
  /** True unless `peer-routes=false`. */
  readonly peerRoutes: boolean;
  /** -1 default, 0 off, 1 on. */
  readonly autoDefault: Record<Family, number>;
  readonly peers: readonly NmPeer[];
}

export type ConnectionKind = 'vpn' | 'wireguard' | 'ethernet' | 'wifi' | 'other';

/** A connection profile, read. */
export interface NmConnection {
  readonly id: string | undefined;
  /** `connection.type` as written, canonical (`ethernet`, `wifi`, `vpn`, `wireguard`...). */
  readonly type: string | undefined;
  readonly kind: ConnectionKind;
  readonly interfaceName: string | undefined;
  /** `org.freedesktop.NetworkManager.openvpn` etc., for `type=vpn`. */
  readonly serviceType: string | undefined;
  /** The plugin's short name: `openvpn`, `l2tp`, `strongswan`... */
  readonly plugin: string | undefined;
  /** The VPN server the plugin connects to, as written (gateway, remote, address...). */
  readonly server: { readonly host: string; readonly address: Address | undefined; readonly span: Span } | undefined;
  readonly ipv4: NmIp;
  readonly ipv6: NmIp;
  readonly wireguard: NmWireGuard | undefined;
}

export interface NmDocument {
  readonly sections: readonly NmSection[];
  readonly problems: readonly ParseProblem[];
  readonly values: readonly ValueProblem[];
  readonly secrets: readonly Span[];
  readonly connection: NmConnection;
}

/** Is this a tunnel profile (a VPN plugin or WireGuard)? */
export function isTunnel(c: NmConnection): boolean {
  return c.kind === 'vpn' || c.kind === 'wireguard';
}
