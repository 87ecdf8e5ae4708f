import { type Address, type Family, compareAddresses, parseIPv4, sameAddress } from '../net/address';
import { type Prefix, lastAddress, parsePrefix, prefixContains, prefixCovers, prefixKey } from '../net/prefix';
import type { NextHop, Route, RouteType, Span } from '../model';
import { MAIN_TABLE } from '../tables';
import type { ParseSink } from './types';

/** Windows keeps routes it re-adds at boot apart; the lookup never searches them. */
export const PERSISTENT_TABLE = 'persistent';
export const PERSISTENT_TABLE_ID = -1;

/** One row of a Windows route listing, before the section is complete enough to classify it. */
export interface WindowsRouteDraft {
  readonly family: Family;
  readonly prefix: Prefix;
  /** Absent for On-link routes. */
  readonly gateway: Address | undefined;
  /** What the row names its interface by (an address, `If 12`, `ifIndex 12`, an alias); groups per-interface routes. */
  readonly ifKey: string | undefined;
  device: string | undefined;
  /** The Interface column of `route print`'s IPv4 table: the address the host sends from. */
  readonly ifAddress: Address | undefined;
  readonly metric: number;
  readonly metricExplicit: boolean;
  readonly persistent: boolean;
  readonly attributes: Record<string, string>;
  readonly span: Span;
  readonly prefixSpan: Span;
  readonly text: string;
}

/** Shared flag lists: most routes have none, and large tables should not allocate one each. */
const NO_FLAGS: readonly string[] = Object.freeze([]);
const PERSISTENT_FLAGS: readonly string[] = Object.freeze(['persistent']);
const SCOPED_FLAGS: readonly string[] = Object.freeze(['scoped', 'interface-copy']);

const MULTICAST4 = fixed('224.0.0.0/4');
const MULTICAST6 = fixed('ff00::/8');
const LOOPBACK4 = fixed('127.0.0.0/8');
const LINK_LOCAL = [fixed('169.254.0.0/16'), fixed('fe80::/10')];

function fixed(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (!parsed) throw new Error(`bad built-in prefix ${text}`);
  return parsed.prefix;
}

interface Kind {
  type: RouteType;
  connected: boolean;
  scoped: boolean;
}

/**
 * Gives each row the type the stack gave it and sends the routes to the sink in order.
 * Windows adds, per interface, a /32 (or /128) for each own address, the subnet broadcast,
 * 224.0.0.0/4, 255.255.255.255 and ff00::/8: those become `local`, `broadcast` and `multicast`,
 * like the kernel-added routes of the other systems. Per-interface copies of the same prefix serve
 * sockets bound to that interface; only the best one serves unbound traffic, so the others are
 * marked `scoped` instead of reported as shadowed.
 */
export function emitWindowsRoutes(drafts: readonly WindowsRouteDraft[], sink: ParseSink): Route[] {
  const kinds = classify(drafts);
  const routes: Route[] = [];
  drafts.forEach((d, i) => {
    const kind = kinds[i] as Kind;
    const flags = d.persistent ? PERSISTENT_FLAGS : kind.scoped ? SCOPED_FLAGS : NO_FLAGS;
    const hop: NextHop = { gateway: d.gateway, device: d.device, weight: 1, flags: NO_FLAGS, span: d.span };
    const route: Route = {
      id: sink.nextRouteId(),
      family: d.family,
      prefix: d.prefix,
      type: kind.type,
      table: d.persistent ? PERSISTENT_TABLE : 'main',
      tableId: d.persistent ? PERSISTENT_TABLE_ID : MAIN_TABLE,
      metric: d.metric,
      metricExplicit: d.metricExplicit,
      proto: kind.connected ? 'kernel' : undefined,
      scope: undefined,
      src: d.ifAddress,
      tos: undefined,
      nexthops: d.gateway || d.device ? [hop] : [],
      flags,
      attributes: d.attributes,
      span: d.span,
      prefixSpan: d.prefixSpan,
      text: d.text,
    };
    sink.route(route);
    routes.push(route);
  });
  return routes;
}

function classify(drafts: readonly WindowsRouteDraft[]): Kind[] {
  // Last addresses of each interface's on-link subnets tell subnet broadcasts from host routes.
  const broadcasts = new Set<string>();
  for (const d of drafts) {
    if (!d.persistent && !d.gateway && d.family === 4 && d.prefix.len > 0 && d.prefix.len <= 30) {
      broadcasts.add(`${d.ifKey}|${lastAddress(d.prefix).words[0]}`);
    }
  }
  const kinds = drafts.map((d): Kind => {
    if (d.persistent) return { type: 'unicast', connected: false, scoped: false };
    const type = baseType(d, broadcasts);
    return { type, connected: !d.gateway && type !== 'unicast', scoped: false };
  });
  // A subnet is connected when one of the interface's own addresses lies in it.
  const locals = new Map<string, Prefix[]>();
  drafts.forEach((d, i) => {
    if (kinds[i]?.type !== 'local') return;
    const key = `${d.family}|${d.ifKey}`;
    const list = locals.get(key);
    if (list) list.push(d.prefix);
    else locals.set(key, [d.prefix]);
  });
  for (const list of locals.values()) list.sort(compareAddresses);
  drafts.forEach((d, i) => {
    const kind = kinds[i] as Kind;
    // A connected subnet is a LAN, not a /1 a VPN spreads over the address space.
    if (d.persistent || d.gateway || kind.type !== 'unicast' || d.prefix.len < (d.family === 4 ? 8 : 32)) return;
    kind.connected = (d.ifAddress !== undefined && prefixContains(d.prefix, d.ifAddress))
      || holdsOneOf(d.prefix, locals.get(`${d.family}|${d.ifKey}`));
  });
  markScopedCopies(drafts, kinds);
  return kinds;
}

/** True when a prefix of the sorted list lies inside `prefix`: a binary search for its first address. */
function holdsOneOf(prefix: Prefix, sorted: readonly Prefix[] | undefined): boolean {
  if (!sorted) return false;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAddresses(sorted[mid] as Prefix, prefix) < 0) lo = mid + 1;
    else hi = mid;
  }
  const found = sorted[lo];
  return found !== undefined && prefixCovers(prefix, found);
}

function baseType(d: WindowsRouteDraft, broadcasts: ReadonlySet<string>): RouteType {
  const p = d.prefix;
  if (d.family === 4) {
    if (p.len === 32 && p.words[0] === 0xffffffff) return 'broadcast';
    if (prefixCovers(MULTICAST4, p)) return 'multicast';
    if (d.gateway) return 'unicast';
    if (prefixCovers(LOOPBACK4, p) && !(p.len === 32 && p.words[0] === 0x7fffffff)) return 'local';
    if (p.len === 32) {
      if (d.ifAddress && sameAddress(d.ifAddress, p)) return 'local';
      if (broadcasts.has(`${d.ifKey}|${p.words[0]}`)) return 'broadcast';
      // Without an Interface column (Get-NetRoute) an on-link host route is one of the interface's addresses.
      if (!d.ifAddress) return 'local';
    }
    return d.ifAddress && prefixContains(LOOPBACK4, d.ifAddress) ? 'local' : 'unicast';
  }
  if (prefixCovers(MULTICAST6, p)) return 'multicast';
  // Windows lists each address of an interface as an on-link /128.
  return !d.gateway && p.len === 128 ? 'local' : 'unicast';
}

/** Among per-interface copies of one multicast, broadcast or link-local prefix, all but the best are scoped. */
function markScopedCopies(drafts: readonly WindowsRouteDraft[], kinds: Kind[]): void {
  const best = new Map<string, number>();
  drafts.forEach((d, i) => {
    const kind = kinds[i] as Kind;
    if (d.persistent || !perInterface(d, kind)) return;
    const key = prefixKey(d.prefix);
    const current = best.get(key);
    if (current === undefined) {
      best.set(key, i);
      return;
    }
    const other = drafts[current] as WindowsRouteDraft;
    if (d.metric < other.metric) {
      (kinds[current] as Kind).scoped = true;
      best.set(key, i);
    } else {
      kind.scoped = true;
    }
  });
}

function perInterface(d: WindowsRouteDraft, kind: Kind): boolean {
  if (kind.type === 'multicast' || kind.type === 'broadcast') return true;
  return !d.gateway && LINK_LOCAL.some((l) => prefixCovers(l, d.prefix));
}

/** Parses a dotted netmask into a prefix length; undefined unless its ones are contiguous. */
export function maskLength(mask: Address): number | undefined {
  const w = mask.words[0] ?? 0;
  const inverted = ~w >>> 0;
  // Contiguous ones leave a run of zeros whose inversion is 2^k - 1.
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  let len = 0;
  for (let bit = 31; bit >= 0 && ((w >>> bit) & 1) === 1; bit--) len++;
  return len;
}

/** A decimal metric from 0 to 4294967295, else undefined. */
export function parseMetric(text: string): number | undefined {
  if (text.length === 0 || text.length > 10) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const n = Number(text);
  return n <= 0xffffffff ? n : undefined;
}

export const UNKNOWN_ADAPTER = 'unknown-adapter';

/** The text of the finding that lists interfaces known only by their address or index. */
export function unknownAdapterMessage(devices: readonly string[]): string {
  const byIndex = devices.some(isIndexName);
  const byAddress = devices.some((d) => !isIndexName(d));
  const how = byIndex && byAddress ? 'address or index' : byIndex ? 'index' : 'address';
  const shown = devices.slice(0, 8).join(', ');
  const more = devices.length > 8 ? ` and ${devices.length - 8} more` : '';
  return `Interfaces named by ${how}: the adapter is unknown; paste \`ipconfig /all\` to name them (${shown}${more}). Until then a VPN adapter among them is not recognised as a tunnel.`;
}

/** Routes whose device is an interface address or a bare `ifIndex N`, one per device, loopback left out. */
export function routesWithUnknownAdapter(routes: readonly Route[]): Route[] {
  const loopback = new Set<string>();
  for (const route of routes) {
    const device = route.nexthops[0]?.device;
    if (device !== undefined && route.type === 'local' && (prefixCovers(LOOPBACK4, route.prefix) || isLoopback6(route.prefix))) loopback.add(device);
  }
  const seen = new Set<string>();
  const out: Route[] = [];
  for (const route of routes) {
    const device = route.nexthops[0]?.device;
    if (device === undefined || seen.has(device) || loopback.has(device)) continue;
    const address = parseIPv4(device);
    if (address ? prefixContains(LOOPBACK4, address) : !isIndexName(device)) continue;
    seen.add(device);
    out.push(route);
  }
  return out;
}

function isIndexName(device: string): boolean {
  return device.startsWith('ifIndex ');
}

function isLoopback6(prefix: Prefix): boolean {
  return prefix.family === 6 && prefix.len === 128 && prefix.words[0] === 0 && prefix.words[1] === 0 && prefix.words[2] === 0 && prefix.words[3] === 1;
}
