import { ROUTE_TYPE_LIST, type RouteType } from '../model';
import type { RouteExtras } from './ipRouteRecord';
import { IpRouteWords } from './ipRouteWords';
import { grown } from '../columns';
import type { Lines } from './textLines';

// A route object the collector copies twice on its way to the old generation costs it by the byte. So an
// `ip route` route is a small handle, and its fields live here in columns of numbers, in typed arrays
// outside the collected heap: shared records by index, and the values few routes have in maps by row.

const TYPE_INDEX = new Map<RouteType, number>(ROUTE_TYPE_LIST.map((t, i) => [t, i]));

/** Flags in `kinds`, above the route type's index: a printed metric, an IPv6 destination. */
const PRINTED = 0x10;
const WIDE = 0x20;
/** Marks a route with an entry in `extras`. */
const RARE = 0x40;
const TYPE_MASK = 0x0f;

/** The columns of the routes one parse made; a route is its row. */
export class IpRouteStore {
  ids: Int32Array;
  /** An IPv4 destination's word; IPv6 words are in `wide`. */
  words: Uint32Array;
  lens: Uint8Array;
  /** The route type's index in ROUTE_TYPE_LIST, plus PRINTED, WIDE and RARE. */
  kinds: Uint8Array;
  tables: Uint32Array;
  metrics: Uint32Array;
  lines: Int32Array;
  cols: Int32Array;
  /** Indexes of shared records in `cache`. */
  traitIds: Int32Array;
  viaIds: Int32Array;
  /** The few values most routes lack, by row. */
  readonly texts = new Map<number, string>();
  readonly extras = new Map<number, RouteExtras>();
  readonly wide = new Map<number, readonly number[]>();
  /** The shared words, addresses and records of the parse that fills the store. */
  readonly cache = new IpRouteWords();
  private size = 0;

  /** `document`: the lines the routes were read from, when they may cut their text from it later. */
  constructor(capacity: number, readonly document?: Lines) {
    const n = Math.max(16, capacity);
    this.ids = new Int32Array(n);
    this.words = new Uint32Array(n);
    this.lens = new Uint8Array(n);
    this.kinds = new Uint8Array(n);
    this.tables = new Uint32Array(n);
    this.metrics = new Uint32Array(n);
    this.lines = new Int32Array(n);
    this.cols = new Int32Array(n);
    this.traitIds = new Int32Array(n);
    this.viaIds = new Int32Array(n);
  }

  /** Stores a route and returns its row: `printedMetric` is -1 when absent, `cols` comes from `packColumns`. */
  add(id: number, words: readonly number[], len: number, type: RouteType, tableId: number, printedMetric: number,
    traitId: number, viaId: number, text: string | undefined, line: number, cols: number, extras: RouteExtras | undefined): number {
    const row = this.size++;
    if (row >= this.ids.length) this.grow();
    this.ids[row] = id;
    const wide = words.length !== 1;
    if (wide) this.wide.set(row, words);
    else this.words[row] = words[0] as number;
    this.lens[row] = len;
    this.kinds[row] = (type === 'unicast' ? 0 : (TYPE_INDEX.get(type) ?? 0)) | (printedMetric >= 0 ? PRINTED : 0) | (wide ? WIDE : 0) | (extras !== undefined ? RARE : 0);
    this.tables[row] = tableId;
    this.metrics[row] = printedMetric >= 0 ? printedMetric : 0;
    this.lines[row] = line;
    this.cols[row] = cols;
    this.traitIds[row] = traitId;
    this.viaIds[row] = viaId;
    if (text !== undefined) this.texts.set(row, text);
    if (extras !== undefined) this.extras.set(row, extras);
    return row;
  }

  extrasOf(row: number): RouteExtras | undefined {
    return ((this.kinds[row] as number) & RARE) !== 0 ? this.extras.get(row) : undefined;
  }

  isWide(row: number): boolean {
    return ((this.kinds[row] as number) & WIDE) !== 0;
  }

  type(row: number): RouteType {
    return ROUTE_TYPE_LIST[(this.kinds[row] as number) & TYPE_MASK] as RouteType;
  }

  /** The metric as printed, or -1 when the line has none. */
  printedMetric(row: number): number {
    return ((this.kinds[row] as number) & PRINTED) !== 0 ? (this.metrics[row] as number) : -1;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    this.ids = grown(this.ids, new Int32Array(n));
    this.words = grown(this.words, new Uint32Array(n));
    this.lens = grown(this.lens, new Uint8Array(n));
    this.kinds = grown(this.kinds, new Uint8Array(n));
    this.tables = grown(this.tables, new Uint32Array(n));
    this.metrics = grown(this.metrics, new Uint32Array(n));
    this.lines = grown(this.lines, new Int32Array(n));
    this.cols = grown(this.cols, new Int32Array(n));
    this.traitIds = grown(this.traitIds, new Int32Array(n));
    this.viaIds = grown(this.viaIds, new Int32Array(n));
  }
}
