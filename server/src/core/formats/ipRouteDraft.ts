import type { Address, Family } from '../net/address';
import { defaultPrefix } from '../net/prefix';
import type { NextHop, RouteType } from '../model';
import { IpNextHop, IpRoute, NO_FLAGS, type RouteExtras, packColumns } from './ipRouteRecord';
import type { IpRouteStore } from './ipRouteStore';
import { NO_VIA } from './ipRouteWords';

/** What a keyword can set on a next hop: the route's own first hop (the draft) or a `nexthop` one. */
export interface HopTarget {
  gateway: Address | undefined;
  device: string | undefined;
  weight: number;
  flags: readonly string[];
}

/**
 * A route under construction, frozen into an IpRoute when its last line has been read. One draft serves
 * a whole parse; it is its own first next hop, whose flags are the route's.
 */
export class Draft implements HopTarget {
  type: RouteType = 'unicast';
  family: Family = 4;
  familyKnown = false;
  /** The destination's words and length; undefined words for `default`. */
  words: readonly number[] | undefined = undefined;
  len = 0;
  line = 0;
  prefixStart = 0;
  prefixEnd = 0;
  /** Where the first line's words end. */
  headEndCol = 0;
  table: string | undefined = undefined;
  metric: number | undefined = undefined;
  proto: string | undefined = undefined;
  scope: string | undefined = undefined;
  src: Address | undefined = undefined;
  tos: string | undefined = undefined;
  gateway: Address | undefined = undefined;
  device: string | undefined = undefined;
  weight = 1;
  flags: readonly string[] = NO_FLAGS;
  /** `nexthop` hops; undefined until the first. */
  hops: IpNextHop[] | undefined = undefined;
  attributes: Record<string, string> | undefined = undefined;
  endLine = 0;
  endCol = 0;
  /** The first line's text; undefined when the route cuts it from the document when asked. */
  text: string | undefined = undefined;

  begin(type: RouteType, family: Family, familyKnown: boolean, words: readonly number[] | undefined, len: number, line: number, prefixStart: number, prefixEnd: number): void {
    this.type = type;
    this.family = family;
    this.familyKnown = familyKnown;
    this.words = words;
    this.len = len;
    this.line = line;
    this.prefixStart = prefixStart;
    this.prefixEnd = prefixEnd;
    this.table = undefined;
    this.metric = undefined;
    this.proto = undefined;
    this.scope = undefined;
    this.src = undefined;
    this.tos = undefined;
    this.gateway = undefined;
    this.device = undefined;
    this.weight = 1;
    this.flags = NO_FLAGS;
    this.hops = undefined;
    this.attributes = undefined;
  }

  /** Ends the first line: its words end at `endCol`. */
  endFirstLine(endCol: number, text: string | undefined): void {
    this.headEndCol = endCol;
    this.endLine = this.line;
    this.endCol = endCol;
    this.text = text;
  }

  /** The family a `via` gateway tells, when nothing before told it. */
  learnFamilyFromGateway(gateway: Address, explicit: Family | undefined): void {
    // iproute2 writes `via inet6` only when the gateway's family differs from the route's (RFC 5549).
    this.learnFamily(explicit !== undefined ? (explicit === 4 ? 6 : 4) : gateway.family);
  }

  /** Takes `family` when nothing before told the route's family. */
  learnFamily(family: Family): void {
    if (this.familyKnown) return;
    this.family = family;
    this.familyKnown = true;
  }

  attr(): Record<string, string> {
    this.attributes ??= {};
    return this.attributes;
  }

  /**
   * The route. A plain route (one hop from its own line, no flags, weight 1) is its own next hop; the
   * others keep IpNextHop objects as `ip route` printed them.
   */
  build(id: number, tableId: number, store: IpRouteStore): IpRoute {
    const cache = store.cache;
    if (!this.familyKnown && (this.attributes?.pref !== undefined || this.attributes?.error !== undefined)) this.family = 6;
    const words = this.words ?? defaultPrefix(this.family).words;
    const multiline = this.endLine !== this.line;
    const hasHead = this.gateway !== undefined || this.device !== undefined;
    const merged = this.hops === undefined && !multiline && this.flags === NO_FLAGS && this.weight === 1;
    let nexthops: readonly NextHop[] | undefined = this.hops;
    if (nexthops === undefined && !merged && hasHead) {
      const head = new IpNextHop(this.line, this.prefixStart, this.headEndCol);
      head.gateway = this.gateway;
      head.device = this.device;
      head.weight = this.weight;
      nexthops = [head];
    }
    const cols = packColumns(this.prefixStart, this.prefixEnd, this.headEndCol);
    const rare = this.tos !== undefined || this.flags !== NO_FLAGS || multiline || nexthops !== undefined || cols < 0;
    const pref = rare || this.attributes === undefined ? undefined : onlyPref(this.attributes);
    let extras: RouteExtras | undefined;
    // `pref medium` ends nearly every IPv6 line: routes with nothing else rare share one record per value.
    if (pref !== undefined) {
      extras = cache.prefExtras(pref);
    } else if (rare || this.attributes !== undefined) {
      extras = {
        tos: this.tos, flags: this.flags, attributes: this.attributes,
        endLine: multiline ? this.endLine : undefined, endCol: multiline ? this.endCol : undefined, nexthops,
        columns: cols < 0 ? [this.prefixStart, this.prefixEnd, this.headEndCol] : undefined,
      };
    }
    const row = store.add(id, words, this.words ? this.len : 0, this.type, tableId, this.metric ?? -1,
      cache.routeTraits(this.proto, this.scope, this.src), merged ? cache.gatewayDevice(this.gateway, this.device) : NO_VIA,
      this.text, this.line, cols, extras);
    return new IpRoute(store, row);
  }
}

/** The value of `pref` when it is the only attribute. */
function onlyPref(attributes: Readonly<Record<string, string>>): string | undefined {
  let count = 0;
  for (const key in attributes) {
    if (key !== 'pref' || ++count > 1) return undefined;
  }
  return attributes.pref;
}
