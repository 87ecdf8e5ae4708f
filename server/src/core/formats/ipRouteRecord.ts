import type { Address, Family } from '../net/address';
import type { Prefix } from '../net/prefix';
import type { NextHop, Route, RouteType, Span } from '../model';
import { tableName } from '../tables';
import type { IpRouteStore } from './ipRouteStore';

// A million-route dump keeps a million of these: spans and the rarely used parts are worked out when read,
// so a route holds numbers and shared values instead of a handful of small objects.

/** What few routes have: kept in one object that most routes leave undefined. */
export interface RouteExtras {
  readonly tos?: string | undefined;
  readonly flags?: readonly string[] | undefined;
  readonly attributes?: Readonly<Record<string, string>> | undefined;
  /** The last line and its end, when the route continues on `nexthop` lines. */
  readonly endLine?: number | undefined;
  readonly endCol?: number | undefined;
  /** The next hops, unless the route is its own single next hop. */
  readonly nexthops?: readonly NextHop[] | undefined;
  /** Where the destination starts and ends and the first line's words end, when they are too far right to pack. */
  readonly columns?: readonly [number, number, number] | undefined;
}

/** A route's `proto`, `scope` and `src`, shared by the routes that have the same three. */
export interface RouteTraits {
  readonly proto: string | undefined;
  readonly scope: string | undefined;
  readonly src: Address | undefined;
}

/** The gateway and device of a route that is its own next hop, shared by the routes through the same two. */
export interface GatewayDevice {
  readonly gateway: Address | undefined;
  readonly device: string | undefined;
}

/** A next hop of an `ip route` line; its span is the rest of its line from where the route or `nexthop` starts. */
export class IpNextHop implements NextHop {
  gateway: Address | undefined = undefined;
  device: string | undefined = undefined;
  weight = 1;
  flags: readonly string[] = NO_FLAGS;

  constructor(readonly line: number, readonly col: number, readonly endCol: number) {}

  get span(): Span {
    return { line: this.line, col: this.col, endLine: this.line, endCol: this.endCol };
  }
}

/**
 * A route of an `ip route` line: a handle on its row of an IpRouteStore. A plain route (one next hop from
 * its own line, no flags, weight 1) is also its own next hop: its span is the hop's and its flags are empty,
 * so a million routes need no hop objects. Anything else keeps its IpNextHop objects in `extras`. Every
 * route is also its own prefix.
 */
export class IpRoute implements Route, NextHop, Prefix {
  constructor(private readonly store: IpRouteStore, private readonly row: number) {}

  get id(): number {
    return this.store.ids[this.row] as number;
  }

  /** The destination's length: the route is its own prefix. */
  get len(): number {
    return this.store.lens[this.row] as number;
  }

  /** The destination's words; an IPv4 route makes its one-word array on each read. */
  get words(): readonly number[] {
    const store = this.store;
    return store.isWide(this.row) ? (store.wide.get(this.row) as readonly number[]) : [store.words[this.row] as number];
  }

  get type(): RouteType {
    return this.store.type(this.row);
  }

  get tableId(): number {
    return this.store.tables[this.row] as number;
  }

  /** The first line's text as messages quote it; a route read in place cuts it from the document when asked. */
  get text(): string {
    return this.store.texts.get(this.row) ?? clipText((this.store.document?.at(this.line) ?? '').slice(0, this.lineEndCol));
  }

  /** The destination token's line. */
  get line(): number {
    return this.store.lines[this.row] as number;
  }

  get extras(): RouteExtras | undefined {
    return this.store.extrasOf(this.row);
  }

  private get traits(): RouteTraits {
    return this.store.cache.traitsAt(this.store.traitIds[this.row] as number);
  }

  /** The gateway and device of a route that is its own next hop; NO_GATEWAY_DEVICE for the others. */
  private get via(): GatewayDevice {
    return this.store.cache.viaAt(this.store.viaIds[this.row] as number);
  }

  /** Where the destination starts and ends and the first line's words end, packed by `packColumns`, or -1. */
  private get cols(): number {
    return this.store.cols[this.row] as number;
  }

  /** The metric as printed, or -1 when the line has none. */
  private get printedMetric(): number {
    return this.store.printedMetric(this.row);
  }

  get proto(): string | undefined {
    return this.traits.proto;
  }

  get scope(): string | undefined {
    return this.traits.scope;
  }

  get src(): Address | undefined {
    return this.traits.src;
  }

  get gateway(): Address | undefined {
    return this.via.gateway;
  }

  get device(): string | undefined {
    return this.via.device;
  }

  /** Where the destination token starts. */
  get col(): number {
    const cols = this.cols;
    return cols >= 0 ? cols & COL_MASK : (this.extras?.columns?.[0] ?? 0);
  }

  /** Where the destination token ends. */
  get prefixEndCol(): number {
    const cols = this.cols;
    return cols >= 0 ? (cols & COL_MASK) + ((cols >>> COL_BITS) & COL_MASK) : (this.extras?.columns?.[1] ?? 0);
  }

  /** Where the first line's words end. */
  get lineEndCol(): number {
    const cols = this.cols;
    if (cols < 0) return this.extras?.columns?.[2] ?? 0;
    return (cols & COL_MASK) + ((cols >>> COL_BITS) & COL_MASK) + (cols >>> (2 * COL_BITS));
  }

  /**
   * The route serves as its only element. Rules ask one route for its hops several times in a row, so
   * the last list made is handed out again for the same route; callers may keep any list.
   */
  get nexthops(): readonly NextHop[] {
    const hops = this.extras?.nexthops;
    if (hops !== undefined) return hops;
    if (this.gateway === undefined && this.device === undefined) return NO_HOPS;
    if (lastHops[0] !== this) lastHops = [this];
    return lastHops;
  }

  /** As a next hop: weight 1, or the route would keep an IpNextHop. */
  get weight(): number {
    return 1;
  }

  /** The metric as printed, or the kernel's default for the family when absent. */
  get metric(): number {
    const printed = this.printedMetric;
    if (printed >= 0) return printed;
    return this.store.isWide(this.row) ? 1024 : 0;
  }

  get metricExplicit(): boolean {
    return this.printedMetric >= 0;
  }

  get prefix(): Prefix {
    return this;
  }

  get family(): Family {
    return this.store.isWide(this.row) ? 6 : 4;
  }

  get table(): string {
    return nameOf(this.tableId);
  }

  get tos(): string | undefined {
    return this.extras?.tos;
  }

  get flags(): readonly string[] {
    return this.extras?.flags ?? NO_FLAGS;
  }

  get attributes(): Readonly<Record<string, string>> {
    return this.extras?.attributes ?? NO_ATTRIBUTES;
  }

  get span(): Span {
    const extras = this.extras;
    if (extras?.endLine !== undefined) return { line: this.line, col: this.col, endLine: extras.endLine, endCol: extras.endCol ?? this.lineEndCol };
    return { line: this.line, col: this.col, endLine: this.line, endCol: this.lineEndCol };
  }

  get prefixSpan(): Span {
    return { line: this.line, col: this.col, endLine: this.line, endCol: this.prefixEndCol };
  }
}

// Three columns in one small integer: a field per route is 8 MB on a million routes.
const COL_BITS = 10;
const COL_MASK = (1 << COL_BITS) - 1;
const REST_LIMIT = 1 << (31 - 2 * COL_BITS);

/** The start and end of the destination and the end of the line's words in one number, or -1 when they do not fit. */
export function packColumns(col: number, prefixEndCol: number, lineEndCol: number): number {
  const width = prefixEndCol - col;
  const rest = lineEndCol - prefixEndCol;
  if (col > COL_MASK || width < 0 || width > COL_MASK || rest < 0 || rest >= REST_LIMIT) return -1;
  return col | (width << COL_BITS) | (rest << (2 * COL_BITS));
}

export const NO_FLAGS: readonly string[] = Object.freeze([]);
export const NO_GATEWAY_DEVICE: GatewayDevice = Object.freeze({ gateway: undefined, device: undefined });
const NO_HOPS: readonly NextHop[] = Object.freeze([]);
let lastHops: readonly NextHop[] = NO_HOPS;
export const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

const TABLE_NAMES = new Map<number, string>();

function nameOf(id: number): string {
  let name = TABLE_NAMES.get(id);
  if (name === undefined) {
    name = tableName(id);
    // A dump names a handful of tables; the bound keeps a hostile one from growing the map without end.
    if (TABLE_NAMES.size < 4096) TABLE_NAMES.set(id, name);
  }
  return name;
}

/** The first line's text as messages quote it, at most 160 characters. */
export function clipText(text: string): string {
  return text.length <= 160 ? text : `${text.slice(0, 159)}…`;
}
