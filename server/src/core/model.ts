import type { Address, Family } from './net/address';
import type { Prefix } from './net/prefix';

/** A range of document text: 0-based lines, UTF-16 columns, end exclusive. */
export interface Span {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** The kernel's route types, as iproute2 prints them. */
export type RouteType =
  | 'unicast'
  | 'local'
  | 'broadcast'
  | 'anycast'
  | 'multicast'
  | 'blackhole'
  | 'unreachable'
  | 'prohibit'
  | 'throw'
  | 'nat';

/** Every route type, `unicast` first; compact route records keep a type as its index here. */
export const ROUTE_TYPE_LIST: readonly RouteType[] = [
  'unicast', 'local', 'broadcast', 'anycast', 'multicast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'nat',
];

export const ROUTE_TYPES: ReadonlySet<string> = new Set<RouteType>(ROUTE_TYPE_LIST);

/** Types that end a lookup with an error instead of a next hop. */
export const REJECT_TYPES: ReadonlySet<RouteType> = new Set<RouteType>(['blackhole', 'unreachable', 'prohibit']);

export interface NextHop {
  readonly gateway?: Address | undefined;
  readonly device?: string | undefined;
  /** 1 when the dump does not say. */
  readonly weight: number;
  /** onlink, linkdown, dead, pervasive, offload... */
  readonly flags: readonly string[];
  readonly span: Span;
}

export interface Route {
  /** Index in the document, stable for one parse. */
  readonly id: number;
  readonly family: Family;
  readonly prefix: Prefix;
  readonly type: RouteType;
  /** Table name as written or implied: `main`, `local`, `default` or a number. */
  readonly table: string;
  readonly tableId: number;
  /** The metric as printed, or the kernel's default for the family when absent. */
  readonly metric: number;
  readonly metricExplicit: boolean;
  readonly proto: string | undefined;
  readonly scope: string | undefined;
  readonly src: Address | undefined;
  readonly tos: string | undefined;
  /** One entry for a plain route, several for a multipath route; empty for reject and throw types. */
  readonly nexthops: readonly NextHop[];
  /** Flags on the route line (onlink, linkdown, dead...). */
  readonly flags: readonly string[];
  /** Other attributes as printed: mtu, pref, expires, nhid, advmss... */
  readonly attributes: Readonly<Record<string, string>>;
  /** The whole route, continuation lines included. */
  readonly span: Span;
  /** The destination token (`default`, `10.0.0.0/8`...). */
  readonly prefixSpan: Span;
  /** The first line's text, trimmed, for messages. */
  readonly text: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedLocation {
  readonly span: Span;
  readonly message: string;
}

/** One finding of a parser or rule, before any editor types. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related: readonly RelatedLocation[];
  /** The finding marks text that has no effect (editors fade it). */
  readonly unnecessary?: boolean;
  /** Routes the finding is about, by id. */
  readonly routeIds?: readonly number[];
}

/** Whose selection rules apply to a table. */
export type OsFamily = 'linux' | 'windows' | 'macos' | 'bsd';

/** A run of lines read by one format parser. */
export interface Section {
  readonly format: string;
  readonly os: OsFamily;
  /** First and last line (0-based, inclusive) of the section. */
  readonly startLine: number;
  readonly endLine: number;
  /** How sure detection was, from 0 to 1. */
  readonly confidence: number;
  /** The pasted command that opened the section, if any. */
  readonly command?: string;
}

/** An interface the dump describes beyond its name: Windows adapters, ipconfig output. */
export interface InterfaceInfo {
  /** The name routes use for it (`eth0`, an If index, an interface address). */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description?: string;
  readonly addresses: readonly Address[];
  readonly index?: number;
  readonly span: Span;
}

/** An `ip rule` entry, kept as read; evaluation comes with policy routing. */
export interface PolicyRule {
  readonly family: Family;
  readonly priority: number;
  readonly not: boolean;
  /** Selector words as printed (`from 10.0.0.0/8`, `fwmark 0xca6c`...). */
  readonly selectors: Readonly<Record<string, string>>;
  /** `lookup`, `goto`, `blackhole`, `unreachable`, `prohibit`, `nop`. */
  readonly action: string;
  readonly table?: string;
  readonly text: string;
  readonly span: Span;
}

/** What the parsers made of one document. */
export interface ParsedDocument {
  /** The format of the first section with routes, or the only one. */
  readonly format: string;
  readonly os: OsFamily;
  readonly routes: readonly Route[];
  readonly findings: readonly Finding[];
  readonly sections: readonly Section[];
  readonly interfaces: readonly InterfaceInfo[];
  readonly rules: readonly PolicyRule[];
}

export function spanOnLine(line: number, col: number, endCol: number): Span {
  return { line, col, endLine: line, endCol };
}

export function makeFinding(
  code: string,
  severity: Severity,
  message: string,
  span: Span,
  extra: Partial<Pick<Finding, 'related' | 'unnecessary' | 'routeIds'>> = {},
): Finding {
  return { code, severity, message, span, related: extra.related ?? [], ...extra };
}
