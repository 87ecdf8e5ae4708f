import type { Span } from '../../model';
import type { Address } from '../../net/address';
import type { Prefix } from '../../net/prefix';

/** `wireguard` for wg-quick and `wg showconf` files, `wireguard-show` for `wg show` output. */
export type WgFormat = 'wireguard' | 'wireguard-show';

/** One `Key = value` (or `key: value` in `wg show`) line as written. */
export interface WgEntry {
  /** The key as written, trimmed. */
  readonly key: string;
  /** The canonical name (`AllowedIPs`) when the key is known in its section. */
  readonly name: string | undefined;
  /** The value, trimmed; empty when nothing follows `=`. */
  readonly value: string;
  readonly line: number;
  readonly keySpan: Span;
  readonly valueSpan: Span;
  /** The value is a secret: it never appears in any output. */
  readonly secret: boolean;
}

export interface WgSection {
  readonly kind: 'interface' | 'peer';
  /** The `[Peer]` header, or the `interface:`/`peer:` line of `wg show`. */
  readonly header: Span;
  /** From the header to the last entry of the section. */
  readonly span: Span;
  readonly entries: WgEntry[];
  /** A name from a `# Name = ...` or `# friendly_name = ...` comment, when one is present. */
  readonly label: string | undefined;
  /** The interface name `wg show` prints; undefined for config files. */
  readonly showName?: string | undefined;
}

/** An address with a prefix length, as `Address` and `ip address add` take it. */
export interface InterfaceAddress {
  readonly address: Address;
  readonly len: number;
  readonly text: string;
  readonly span: Span;
}

export interface DnsServer {
  readonly address: Address;
  readonly text: string;
  readonly span: Span;
}

export interface Endpoint {
  readonly host: string;
  /** Set when the host is an IP literal; names are resolved only when connecting. */
  readonly address: Address | undefined;
  readonly port: number;
  readonly span: Span;
  readonly hostSpan: Span;
}

export interface AllowedIp {
  /** Masked, the way `wg` stores it. */
  readonly prefix: Prefix;
  readonly text: string;
  readonly span: Span;
  readonly hostBitsSet: boolean;
}

/** `Table`: unset or `auto` lets wg-quick choose, `off` installs nothing, anything else names a table. */
export type TableSetting = { readonly kind: 'auto' } | { readonly kind: 'off' } | { readonly kind: 'table'; readonly name: string };

export interface WgInterface {
  readonly section: WgSection | undefined;
  readonly addresses: readonly InterfaceAddress[];
  readonly dns: readonly DnsServer[];
  readonly searchDomains: readonly string[];
  readonly mtu: number | undefined;
  readonly table: TableSetting;
  /** 0 when unset or `off`. */
  readonly fwmark: number;
  readonly listenPort: number | undefined;
  readonly hasPrivateKey: boolean;
  /** PreUp/PostUp/PreDown/PostDown lines; their text is never repeated in output. */
  readonly hooks: readonly WgEntry[];
}

export interface WgPeer {
  /** 0-based position among the peers of its config. */
  readonly index: number;
  readonly section: WgSection;
  /** Label, or the first 8 characters of the public key and `…`, or `peer N`. */
  readonly name: string;
  /** Set only for a well-formed key. */
  readonly publicKey: string | undefined;
  readonly publicKeyEntry: WgEntry | undefined;
  readonly allowedIps: readonly AllowedIp[];
  readonly endpoint: Endpoint | undefined;
  readonly keepalive: number | undefined;
  readonly hasPresharedKey: boolean;
}

/** One device: a config file, or one `interface:` block of `wg show all`. */
export interface WgConfig {
  readonly name: string | undefined;
  readonly interface: WgInterface;
  readonly peers: readonly WgPeer[];
}

/** A problem the reader found in the text itself. */
export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
}

export interface WgDocument {
  readonly format: WgFormat;
  readonly sections: readonly WgSection[];
  readonly configs: readonly WgConfig[];
  readonly problems: readonly ParseProblem[];
  readonly secrets: readonly Span[];
}

/** How findings name a peer: `peer "laptop" (line 12)`. */
export function peerRef(peer: WgPeer): string {
  return `peer "${peer.name}" (line ${peer.section.header.line + 1})`;
}

/** `host:port`, with IPv6 hosts in brackets as wg prints them. */
export function endpointText(endpoint: Endpoint): string {
  return endpoint.host.includes(':') ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
}
