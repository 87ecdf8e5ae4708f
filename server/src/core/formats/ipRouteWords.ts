import { type Address, parseAddress } from '../net/address';
import { MAIN_TABLE, tableId } from '../tables';
import { type GatewayDevice, NO_FLAGS, NO_GATEWAY_DEVICE, type RouteExtras, type RouteTraits } from './ipRouteRecord';

// A dump repeats a few gateways, devices and protocols a million times: one copy of each saves memory,
// and reading a repeated word from its line without slicing it saves a string per word.

/** Slots of the recent-word cache; a power of two. */
const SLOTS = 256;

/** The index of NO_GATEWAY_DEVICE: routes with hops of their own, or with neither a gateway nor a device. */
export const NO_VIA = 0;

/** The shared copies of one parse's words, addresses, table ids and records. */
export class IpRouteWords {
  private readonly words = new Map<string, string>();
  private readonly recent: string[] = new Array<string>(SLOTS).fill('');
  private readonly addresses = new Map<string, Address | undefined>();
  private readonly ipv4s = new Map<number, Address>();
  private readonly recentIpv4 = new Array<Address | undefined>(SLOTS).fill(undefined);
  private readonly tables = new Map<string, number | undefined>();
  private readonly prefs = new Map<string, RouteExtras>();
  private readonly traits = new Shared<RouteTraits>();
  private readonly targets = new Shared<GatewayDevice>();
  /** The last table name asked for and its id: a dump names one table line after line. */
  private lastTable: string | undefined = undefined;
  private lastTableId = MAIN_TABLE;

  constructor() {
    this.targets.add(undefined, undefined, undefined, NO_GATEWAY_DEVICE);
  }

  intern(word: string): string {
    const known = this.words.get(word);
    if (known !== undefined) return known;
    this.words.set(word, word);
    return word;
  }

  /** line[from, to), a non-empty word, as its shared copy; a recently read word is confirmed in place. */
  internAt(line: string, from: number, to: number): string {
    let hash = to - from;
    for (let i = from; i < to; i++) hash = (hash * 31 + line.charCodeAt(i)) | 0;
    const slot = (hash ^ (hash >>> 8)) & (SLOTS - 1);
    const seen = this.recent[slot] as string;
    if (seen.length === to - from && line.startsWith(seen, from)) return seen;
    const word = this.intern(line.slice(from, to));
    this.recent[slot] = word;
    return word;
  }

  address(text: string): Address | undefined {
    return remembered(this.addresses, text, parseAddress);
  }

  /** The IPv4 address of a 32-bit word, shared; a recently read one is found in a small table first. */
  ipv4(word: number): Address {
    const slot = (word ^ (word >>> 11) ^ (word >>> 22)) & (SLOTS - 1);
    const recent = this.recentIpv4[slot];
    if (recent !== undefined && recent.words[0] === word) return recent;
    let address = this.ipv4s.get(word);
    if (address === undefined) {
      address = { family: 4, words: [word] };
      this.ipv4s.set(word, address);
    }
    this.recentIpv4[slot] = address;
    return address;
  }

  /** The id of a table name or number, or undefined when it is neither; looking names up is slow next to a line. */
  tableId(table: string): number | undefined {
    return remembered(this.tables, table, tableId);
  }

  /** The shared, frozen rare parts of a route whose only one is `pref VALUE`. */
  prefExtras(pref: string): RouteExtras {
    let extras = this.prefs.get(pref);
    if (extras === undefined) {
      extras = Object.freeze({
        tos: undefined, flags: NO_FLAGS, attributes: Object.freeze({ pref }), endLine: undefined, endCol: undefined, nexthops: undefined,
      });
      // iproute2 prints three values; the bound keeps a hostile dump from growing the map without end.
      if (this.prefs.size < 64) this.prefs.set(pref, extras);
    }
    return extras;
  }

  /** The index of the shared `proto`, `scope` and `src` of a route: a dump has a handful. */
  routeTraits(proto: string | undefined, scope: string | undefined, src: Address | undefined): number {
    const index = this.traits.find(proto, scope, src);
    return index >= 0 ? index : this.traits.add(proto, scope, src, Object.freeze({ proto, scope, src }));
  }

  traitsAt(index: number): RouteTraits {
    return this.traits.list[index] as RouteTraits;
  }

  /** The index of the shared gateway and device of a route that is its own next hop; NO_VIA for neither. */
  gatewayDevice(gateway: Address | undefined, device: string | undefined): number {
    const index = this.targets.find(gateway, device, undefined);
    return index >= 0 ? index : this.targets.add(gateway, device, undefined, Object.freeze({ gateway, device }));
  }

  viaAt(index: number): GatewayDevice {
    return this.targets.list[index] as GatewayDevice;
  }

  tableIdOr(table: string): number {
    if (table === this.lastTable) return this.lastTableId;
    const id = this.tableId(table) ?? MAIN_TABLE;
    this.lastTable = table;
    this.lastTableId = id;
    return id;
  }
}

/** The value `compute` gave for `key` the first time, undefined included. */
function remembered<V>(map: Map<string, V>, key: string, compute: (key: string) => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = compute(key);
  map.set(key, value);
  return value;
}

/**
 * Frozen records shared by the up to three values (strings or shared addresses) they hold, each known by
 * its index in `list`: a route keeps the index in a typed column instead of a pointer the collector follows.
 */
class Shared<T> {
  /** Every record made, by index. */
  readonly list: T[] = [];
  private readonly byKeys = new Map<unknown, Map<unknown, Map<unknown, number>>>();
  private size = 0;
  // Neighbouring routes mostly share their values: the last answer is checked before the maps.
  private lastA: unknown = undefined;
  private lastB: unknown = undefined;
  private lastC: unknown = undefined;
  private last = -1;

  /** The index of the record for `a`, `b` and `c`, or -1 when there is none yet. */
  find(a: unknown, b: unknown, c: unknown): number {
    if (this.last >= 0 && a === this.lastA && b === this.lastB && c === this.lastC) return this.last;
    const index = this.byKeys.get(a)?.get(b)?.get(c);
    if (index === undefined) return -1;
    this.remember(a, b, c, index);
    return index;
  }

  /** Adds the record for `a`, `b` and `c` that `find` did not have, and returns its index. */
  add(a: unknown, b: unknown, c: unknown, record: T): number {
    const index = this.list.push(record) - 1;
    // A hostile dump may have a million distinct ones: past the bound, records are made per route.
    if (this.size < 65_536) {
      let byB = this.byKeys.get(a);
      if (byB === undefined) {
        byB = new Map();
        this.byKeys.set(a, byB);
      }
      let byC = byB.get(b);
      if (byC === undefined) {
        byC = new Map();
        byB.set(b, byC);
      }
      byC.set(c, index);
      this.size++;
    }
    this.remember(a, b, c, index);
    return index;
  }

  private remember(a: unknown, b: unknown, c: unknown, index: number): void {
    this.lastA = a;
    this.lastB = b;
    this.lastC = c;
    this.last = index;
  }
}
