import type { RouteType } from '../model';
import type { GatewayDevice, RouteExtras, RouteTraits } from './ipRouteRecord';
import { grown } from '../columns';

// A route object the collector copies twice on its way to the old generation costs it by the byte. So an
// `ip route` route is a small handle, and its fields live here in columns: numbers in typed arrays outside
// the collected heap, shared records and strings in one array per column.

export const ROUTE_TYPES_BY_INDEX: readonly RouteType[] = ['unicast', 'local', 'broadcast', 'anycast', 'multicast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'nat'];
const TYPE_INDEX = new Map<RouteType, number>(ROUTE_TYPES_BY_INDEX.map((t, i) => [t, i]));

/** The columns of the routes one parse made; a route is its row. */
export class IpRouteStore {
  ids: Int32Array;
  /** The destination length times 2^16 plus, for IPv4, the high half of the word. */
  lenHigh: Int32Array;
  /** The low half of an IPv4 destination word; -1 for IPv6, whose words are in `wide`. */
  low: Int32Array;
  types: Uint8Array;
  /** Table ids and printed metrics reach 2^32 - 1, past an Int32Array. */
  tables: Float64Array;
  metrics: Float64Array;
  lines: Int32Array;
  cols: Int32Array;
  readonly traits: RouteTraits[] = [];
  readonly via: GatewayDevice[] = [];
  readonly texts: string[] = [];
  readonly extras: (RouteExtras | undefined)[] = [];
  readonly wide: (readonly number[] | undefined)[] = [];
  private size = 0;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.ids = new Int32Array(n);
    this.lenHigh = new Int32Array(n);
    this.low = new Int32Array(n);
    this.types = new Uint8Array(n);
    this.tables = new Float64Array(n);
    this.metrics = new Float64Array(n);
    this.lines = new Int32Array(n);
    this.cols = new Int32Array(n);
  }

  /** Stores a route and returns its row: `printedMetric` is -1 when absent, `cols` comes from `packColumns`. */
  add(id: number, words: readonly number[], len: number, type: RouteType, tableId: number, printedMetric: number,
    traits: RouteTraits, via: GatewayDevice, text: string, line: number, cols: number, extras: RouteExtras | undefined): number {
    const row = this.size++;
    if (row >= this.ids.length) this.grow();
    const v4 = words.length === 1 ? (words[0] as number) : -1;
    this.ids[row] = id;
    this.lenHigh[row] = len * 0x10000 + (v4 >= 0 ? v4 >>> 16 : 0);
    this.low[row] = v4 >= 0 ? v4 & 0xffff : -1;
    this.types[row] = TYPE_INDEX.get(type) ?? 0;
    this.tables[row] = tableId;
    this.metrics[row] = printedMetric;
    this.lines[row] = line;
    this.cols[row] = cols;
    this.traits.push(traits);
    this.via.push(via);
    this.texts.push(text);
    this.extras.push(extras);
    this.wide.push(v4 >= 0 ? undefined : words);
    return row;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    this.ids = grown(this.ids, new Int32Array(n));
    this.lenHigh = grown(this.lenHigh, new Int32Array(n));
    this.low = grown(this.low, new Int32Array(n));
    this.types = grown(this.types, new Uint8Array(n));
    this.tables = grown(this.tables, new Float64Array(n));
    this.metrics = grown(this.metrics, new Float64Array(n));
    this.lines = grown(this.lines, new Int32Array(n));
    this.cols = grown(this.cols, new Int32Array(n));
  }
}
