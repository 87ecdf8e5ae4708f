import type { Span } from '../../model';
import type { Prefix } from '../../net/prefix';

/** `ipsec.conf` (starter), `swanctl` (swanctl.conf) or `ipsec.secrets`. */
export type SwanFormat = 'ipsec.conf' | 'swanctl' | 'ipsec.secrets';

/** One `key=value` as written. */
export interface Entry {
  readonly key: string;
  /** The value without quotes; empty when nothing follows `=`. */
  readonly value: string;
  readonly line: number;
  readonly keySpan: Span;
  readonly valueSpan: Span;
  /** The value is a secret: it never appears in any output. */
  readonly secret: boolean;
}

export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
}

/** An ipsec.conf section: `config setup`, `conn NAME` or `ca NAME`. */
export interface IpsecSection {
  readonly kind: 'config' | 'conn' | 'ca';
  readonly name: string;
  readonly header: Span;
  readonly nameSpan: Span;
  readonly span: Span;
  readonly entries: Entry[];
}

/** A swanctl.conf section (`connections`, `NAME`, `children`, `local`...), with its path from the root. */
export interface SwanNode {
  readonly name: string;
  readonly path: readonly string[];
  readonly nameSpan: Span;
  readonly span: Span;
  readonly entries: Entry[];
  readonly children: SwanNode[];
}

/** One traffic selector: `10.0.0.0/8[tcp/http]`, `%dynamic`, `0.0.0.0/0`. */
export interface Selector {
  readonly text: string;
  readonly span: Span;
  /** Undefined for `%dynamic` (the endpoint's own or virtual address) and for ranges. */
  readonly prefix: Prefix | undefined;
  readonly dynamic: boolean;
  readonly hostBitsSet: boolean;
  /** `tcp/http` from the brackets, when present. */
  readonly protoPort: string | undefined;
}

export type Mode = 'tunnel' | 'transport' | 'beet' | 'pass' | 'drop' | 'transport_proxy';

/** A conn (ipsec.conf) or a child (swanctl.conf): one set of kernel policies. */
export interface Tunnel {
  readonly kind: 'conn' | 'child';
  /** `office`, or `office/net` for a swanctl child. */
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
  readonly mode: Mode;
  readonly modeSpan: Span | undefined;
  /** `auto=` or `start_action=`: add, route/trap, start, ignore, none. */
  readonly start: string;
  readonly startSpan: Span | undefined;
  readonly local: readonly Selector[];
  readonly remote: readonly Selector[];
  /** The peer's address as written (`right=`, `remote_addrs`), when there is one. */
  readonly peer: { readonly text: string; readonly span: Span } | undefined;
  /** A virtual IP is requested (`leftsourceip=%config`, `vips = 0.0.0.0`) or set. */
  readonly vips: readonly string[];
  readonly installPolicy: boolean;
}

export interface SecretEntry {
  readonly type: string;
  /** The IDs before `:`, as written (not secret). */
  readonly ids: string;
  readonly span: Span;
  readonly typeSpan: Span;
}

export interface SwanDocument {
  readonly format: SwanFormat;
  readonly problems: readonly ParseProblem[];
  readonly secrets: readonly Span[];
  /** Keys no parser of the format knows, with a suggestion when one is close. */
  readonly unknown: readonly { readonly entry: Entry; readonly where: string; readonly suggestion: string | undefined }[];
  readonly sections: readonly IpsecSection[];
  readonly nodes: readonly SwanNode[];
  readonly secretEntries: readonly SecretEntry[];
  readonly tunnels: readonly Tunnel[];
  /** `also=` references with no conn of that name. */
  readonly missingAlso: readonly { readonly name: string; readonly span: Span; readonly conn: string }[];
  /** Selector values that are not subnets, with why. */
  readonly badSelectors: readonly { readonly text: string; readonly span: Span; readonly hostBits: boolean }[];
}

/** How findings name a tunnel: `conn "office" (line 12)`. */
export function tunnelRef(t: Tunnel): string {
  return `${t.kind === 'conn' ? 'conn' : 'child'} "${t.name}" (line ${t.nameSpan.line + 1})`;
}

export function isProtecting(t: Tunnel): boolean {
  return t.mode !== 'pass' && t.mode !== 'drop';
}

/** Policies get installed: `auto=ignore` conns are never loaded, `installpolicy=no` leaves policies to others. */
export function isActive(t: Tunnel): boolean {
  return t.start !== 'ignore' && t.installPolicy;
}
