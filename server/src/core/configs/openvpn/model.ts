import type { Finding, Span } from '../../model';
import type { Address } from '../../net/address';
import type { Prefix } from '../../net/prefix';
import type { Param } from './lexer';

/** An inline file such as `<ca>…</ca>`. */
export interface InlineBlock {
  readonly tag: string;
  /** The `<tag>` line. */
  readonly open: Span;
  /** The `</tag>` line; absent when the block never closes. */
  readonly close?: Span;
  /** Content lines, 0-based and inclusive; `last < first` when empty. */
  readonly first: number;
  readonly last: number;
  readonly secret: boolean;
}

/** One option line: `name arg…`, a pushed option inside `push "…"`, or an inline block. */
export interface Directive {
  /** As written (OpenVPN option names are case-sensitive), without a leading `--`. */
  readonly name: string;
  readonly nameParam: Param;
  readonly args: readonly Param[];
  readonly line: number;
  /** From the name to the last argument. */
  readonly span: Span;
  /** The `push` line that carries this option to clients. */
  readonly push?: Directive;
  /** Index of the `<connection>` block it sits in. */
  readonly connection?: number;
  readonly block?: InlineBlock;
}

export interface ParsedConfig {
  readonly lines: readonly string[];
  /** Every directive in file order, pushed options right after their `push` line. */
  readonly directives: readonly Directive[];
  readonly blocks: readonly InlineBlock[];
  readonly connections: readonly InlineBlock[];
  readonly secrets: readonly Span[];
  readonly findings: readonly Finding[];
}

export type RedirectFlag = 'local' | 'autolocal' | 'def1' | 'bypass-dhcp' | 'bypass-dns' | 'block-local' | 'ipv6' | '!ipv4';

/** `redirect-gateway` or `redirect-private` after OpenVPN's flag processing. */
export interface Redirect {
  readonly directive: Directive;
  readonly private: boolean;
  readonly flags: ReadonlySet<RedirectFlag>;
  /** IPv4 default routes move into the tunnel (`redirect-gateway` without `!ipv4`). */
  readonly ipv4: boolean;
  /** The host route to the server and bypass routes are added (RG_ENABLE). */
  readonly enabled: boolean;
  readonly ipv6: boolean;
}

export type GatewayKind = 'default' | 'vpn_gateway' | 'net_gateway' | 'remote_host' | 'address' | 'name';

/** A `route` option. */
export interface RouteOption {
  readonly directive: Directive;
  readonly network: Param;
  /** Set when the network and mask are literal and valid. */
  readonly prefix?: Prefix;
  /** `remote_host` as network: the server's own address. */
  readonly networkIsRemote: boolean;
  readonly gateway: GatewayKind;
  readonly gatewayAddress?: Address;
  readonly gatewayParam?: Param;
  readonly metric?: number;
}

export interface Route6Option {
  readonly directive: Directive;
  readonly network: Param;
  readonly prefix?: Prefix;
  readonly gateway: GatewayKind;
  readonly gatewayAddress?: Address;
  readonly metric?: number;
}

export interface DnsServer {
  readonly directive: Directive;
  readonly param: Param;
  readonly address?: Address;
}

/** The options of one side: what this machine applies, or what a server pushes to its clients. */
export interface OptionSet {
  readonly redirects: readonly Redirect[];
  readonly routes: readonly RouteOption[];
  readonly routes6: readonly Route6Option[];
  readonly dns: readonly DnsServer[];
  readonly blockOutsideDns?: Directive;
  readonly blockIpv6?: Directive;
  readonly routeGateway?: Address;
  readonly ifconfig?: Directive;
  readonly ifconfigIpv6?: Directive;
  readonly topology?: string;
}

export interface Remote {
  readonly directive: Directive;
  readonly host: Param;
  readonly address?: Address;
  readonly port?: string;
  readonly proto?: string;
}

export interface PullFilter {
  readonly directive: Directive;
  readonly action: 'accept' | 'ignore' | 'reject';
  readonly pattern: Param;
}

export type Role = 'client' | 'server' | 'peer';

/** What the options of a config mean for routing. */
export interface OpenVpnConfig {
  readonly parsed: ParsedConfig;
  readonly role: Role;
  readonly device: string;
  readonly deviceType: 'tun' | 'tap' | 'null';
  readonly remotes: readonly Remote[];
  readonly local: OptionSet;
  /** What a server pushes; empty for clients. */
  readonly pushed: OptionSet;
  readonly pullFilters: readonly PullFilter[];
  readonly routeNopull?: Directive;
  readonly routeNoexec?: Directive;
  /** The tunnel's far end on this machine, from `ifconfig` (net30, p2p) or `route-gateway`. */
  readonly vpnGateway?: Address;
  readonly serverNetwork?: Prefix;
  readonly serverNetwork6?: Prefix;
  /** Options that only exist on Windows, evidence that the config targets Windows clients. */
  readonly windowsHints: readonly Directive[];
  /** Scripts that can apply DNS on Linux and macOS (`up`, `dns-updown`). */
  readonly dnsScript?: Directive;
}
