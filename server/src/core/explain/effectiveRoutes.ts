import type { Analysis } from '../analyze';
import type { NextHop, Route } from '../model';
import { compareAddresses, formatAddress } from '../net/address';
import { type Prefix, prefixCovers, prefixSize } from '../net/prefix';
import { type Resolution, usable } from '../resolver';
import type { RouteList } from '../routingTables';
import { describeHops } from '../rules/routeText';
import { type Shadow, shadows } from '../rules/shadowing';
import { code, routeLine } from './markdown';

/** What the lookup does with a route when no policy rule sends it elsewhere. */
export type RouteUse =
  /** It wins for `addresses` addresses: its prefix minus the more specific usable routes inside it. */
  | { readonly kind: 'selected'; readonly addresses: bigint }
  | { readonly kind: 'shadowed'; readonly winners: readonly Route[]; readonly reason: string }
  | { readonly kind: 'unusable'; readonly reason: string }
  /** Its table is reached only through an `ip rule`, and the input has none. */
  | { readonly kind: 'unsearched' };

/** How many next hops of a set are tunnels. */
export type TunnelShare = 'all' | 'some' | 'none';

interface Usage {
  readonly shadows: ReadonlyMap<number, Shadow>;
  readonly uses: Map<number, RouteUse>;
  readonly hasTunnel: boolean;
}

// Lenses, outline and hovers ask about every route; one shadow pass per analysis serves them all.
const USAGE = new WeakMap<Analysis, Usage>();
const MAX_LISTED = 50;

function usage(analysis: Analysis): Usage {
  let found = USAGE.get(analysis);
  if (!found) {
    // The rule's own result is not reused: it is absent when the user turns the rule off.
    const context = { document: analysis.document, tables: analysis.tables, tunnels: analysis.tunnels, memo: new Map<string, unknown>() };
    const hasTunnel = analysis.document.routes.some((r) => r.nexthops.some((h) => analysis.tunnels.isTunnel(h.device)));
    found = { shadows: shadows(context), uses: new Map(), hasTunnel };
    USAGE.set(analysis, found);
  }
  return found;
}

export function routeUse(analysis: Analysis, route: Route): RouteUse {
  const memo = usage(analysis);
  let use = memo.uses.get(route.id);
  if (!use) {
    use = computeUse(analysis, memo, route);
    memo.uses.set(route.id, use);
  }
  return use;
}

function computeUse(analysis: Analysis, memo: Usage, route: Route): RouteUse {
  if (!usable(route)) return { kind: 'unusable', reason: unusableReason(route) };
  const shadow = memo.shadows.get(route.id);
  if (shadow) return { kind: 'shadowed', winners: shadow.winners, reason: shadow.reason };
  const located = analysis.tables.stageOf(route);
  if (!located) return { kind: 'unsearched' };
  const stages = analysis.tables.defaultStages(route.family);
  // Earlier tables catch what they have a route for, except what a `throw` hands on.
  const catches = (list: RouteList): boolean => list.some((r) => usable(r) && r.type !== 'throw');
  const taken = [
    ...located.stage.trie.frontier(route.prefix, (list) => list.some(usable)),
    ...stages.slice(0, located.index).flatMap((stage) => stage.trie.frontier(route.prefix, catches)),
  ].map((entry) => entry.prefix);
  return { kind: 'selected', addresses: prefixSize(route.prefix) - unionSize(taken, located.index > 0) };
}

/** The number of addresses in a set of prefixes; two prefixes either nest or are disjoint. */
function unionSize(prefixes: Prefix[], mayNest: boolean): bigint {
  // One frontier alone never nests, so the sort is needed only when earlier tables add prefixes.
  if (mayNest) prefixes.sort((a, b) => compareAddresses(a, b) || a.len - b.len);
  let total = 0n;
  let outer: Prefix | undefined;
  for (const prefix of prefixes) {
    if (outer && prefixCovers(outer, prefix)) continue;
    outer = prefix;
    total += prefixSize(prefix);
  }
  return total;
}

/** The short form of the resolver's reasons, for lenses and lists. */
function unusableReason(route: Route): string {
  if (route.flags.includes('scoped')) return `scoped to ${routeDevices(route).join(', ') || 'its interface'}: only for sockets bound to it`;
  if (route.tos !== undefined && !['0', '0x00', 'default'].includes(route.tos)) return `only for packets with TOS ${route.tos}`;
  return 'its next hops are dead';
}

/** True when any route of the document goes through a tunnel, so "outside the tunnel" means something. */
export function documentHasTunnel(analysis: Analysis): boolean {
  return usage(analysis).hasTunnel;
}

export function tunnelShare(analysis: Analysis, hops: readonly NextHop[]): TunnelShare {
  const tunnelled = hops.filter((h) => analysis.tunnels.isTunnel(h.device)).length;
  if (tunnelled === 0) return 'none';
  return tunnelled === hops.length ? 'all' : 'some';
}

/** The distinct interfaces of a route's next hops, in order. */
export function routeDevices(route: Route): string[] {
  const devices: string[] = [];
  for (const hop of route.nexthops) if (hop.device !== undefined && !devices.includes(hop.device)) devices.push(hop.device);
  return devices;
}

/** `1 address`, `256 addresses`, `2^64 addresses`. */
export function addressCount(n: bigint): string {
  return `${formatAddressCount(n)} address${n === 1n ? '' : 'es'}`;
}

/**
 * Exact digits up to 2^64; beyond that a power of two, a difference of two, or an approximate power,
 * because a 39-digit IPv6 count says nothing at a glance.
 */
export function formatAddressCount(n: bigint): string {
  if (n < 1n << 64n) return n.toLocaleString('en-US');
  const bits = n.toString(2).length;
  if (n === 1n << BigInt(bits - 1)) return `2^${bits - 1}`;
  // Counts here are a prefix minus a few subnets, so `2^128 − 2^64` is the natural reading.
  const gap = (1n << BigInt(bits)) - n;
  const low = (gap & -gap).toString(2).length - 1;
  const multiple = gap >> BigInt(low);
  if (multiple === 1n) return `2^${bits} − 2^${low}`;
  if (multiple < 1000n) return `2^${bits} − ${multiple}×2^${low}`;
  // The top 53 bits give log2 to far more precision than one decimal needs.
  const shift = BigInt(Math.max(0, bits - 53));
  const log2 = Math.log2(Number(n >> shift)) + Number(shift);
  const rounded = log2.toFixed(1);
  return rounded.endsWith('.0') ? `almost 2^${rounded.slice(0, -2)}` : `about 2^${rounded}`;
}

/** One line for notifications: `8.8.8.8 → ppp0 (tunnel), line 1`. */
export function resolutionSummary(analysis: Analysis, resolution: Resolution): string {
  const address = formatAddress(resolution.address);
  const route = resolution.route;
  if (!route && resolution.rule) return `${address} → refused by rule ${resolution.rule.priority}: ${resolution.error ?? ''}`;
  if (!route && resolution.outcome === 'forward') return `${address} → ${describeHops(resolution.nexthops)} (no route: sent on the socket's interface)`;
  if (!route) return `${address} → no route: ${resolution.error ?? 'Network is unreachable'}`;
  const where = `line ${route.span.line + 1}`;
  switch (resolution.outcome) {
    case 'forward': {
      const share = tunnelShare(analysis, resolution.nexthops);
      const note = share === 'all' ? ' (tunnel)' : share === 'some' ? ' (partly through the tunnel)'
        : documentHasTunnel(analysis) ? ' (outside the tunnel)' : '';
      return `${address} → ${describeHops(resolution.nexthops)}${note}, ${where}`;
    }
    case 'local':
      return `${address} → this host (local), ${where}`;
    case 'blackhole':
    case 'unreachable':
    case 'prohibit':
      return `${address} → ${route.type}: ${resolution.error ?? ''}, ${where}`;
    default:
      return `${address} → ${resolution.outcome} on ${describeHops(resolution.nexthops)}, ${where}`;
  }
}

/** Why a route is never selected, in a few words: `shadowed by line 1`. */
export function neverSelectedReason(analysis: Analysis, use: Exclude<RouteUse, { kind: 'selected' }>, route: Route): string {
  switch (use.kind) {
    case 'shadowed':
      return `shadowed by ${lineList(use.winners.map((w) => w.span.line + 1))}`;
    case 'unusable':
      return use.reason;
    case 'unsearched':
      return unsearchedReason(analysis, route);
  }
}

/** Only Linux has tables that an `ip rule` reaches; elsewhere only the active table is searched. */
function unsearchedReason(analysis: Analysis, route: Route): string {
  if (analysis.tables.os === 'linux' && analysis.tables.rules.some((r) => r.family === route.family)) return analysis.tables.unsearchedReason(route);
  if (analysis.tables.os === 'linux') return `not searched without ip rule (table ${route.table})`;
  if (analysis.tables.os === 'windows' && route.table === 'persistent') return 'persistent route: not in the active table';
  return `not in the active routing table (table ${route.table})`;
}

/** The lookup rules the counts assume, for headings. */
function lookupRules(analysis: Analysis): string {
  switch (analysis.tables.os) {
    case 'linux':
      return 'the kernel\'s default rules (the input has no `ip rule`)';
    case 'windows':
      return 'Windows route selection: the longest prefix, then the lowest metric';
    default:
      return `${analysis.tables.os === 'macos' ? 'macOS' : 'BSD'} route selection: the longest prefix`;
  }
}

/** `line 1`, `lines 1 and 5`, `lines 1, 5, 7 and 3 more`. */
export function lineList(lines: readonly number[]): string {
  const unique = [...new Set(lines)];
  if (unique.length === 0) return 'other routes';
  if (unique.length === 1) return `line ${unique[0] ?? ''}`;
  const shown = unique.slice(0, 3);
  const rest = unique.length - shown.length;
  const tail = rest > 0 ? `${shown.join(', ')} and ${rest} more` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
  return `lines ${tail}`;
}

interface InterfaceSummary {
  readonly device: string;
  readonly routes: Route[];
  /** Forwarded addresses per family, IPv4 first. */
  readonly carried: [bigint, bigint];
}

/** Per interface the routes that win somewhere, then the routes that never do. */
export function effectiveRoutesMarkdown(analysis: Analysis): string {
  const interfaces = new Map<string, InterfaceSummary>();
  const deviceless: Route[] = [];
  const never: Route[] = [];
  for (const route of analysis.document.routes) {
    const use = routeUse(analysis, route);
    if (use.kind !== 'selected') {
      never.push(route);
      continue;
    }
    const devices = routeDevices(route);
    if (devices.length === 0) deviceless.push(route);
    for (const device of devices) {
      let summary = interfaces.get(device);
      if (!summary) {
        summary = { device, routes: [], carried: [0n, 0n] };
        interfaces.set(device, summary);
      }
      summary.routes.push(route);
      if (route.type === 'unicast') summary.carried[route.family === 4 ? 0 : 1] += use.addresses;
    }
  }
  const parts = [`**Effective routes**: where addresses go under ${lookupRules(analysis)}.`];
  if (interfaces.size > 0) parts.push(overviewTable(analysis, [...interfaces.values()]));
  for (const summary of interfaces.values()) {
    const tunnel = analysis.tunnels.isTunnel(summary.device) ? ' · tunnel' : '';
    parts.push(`**${code(summary.device)}${tunnel}**\n\n${listed(summary.routes, (r) => selectedLine(analysis, r))}`);
  }
  if (deviceless.length > 0) parts.push(`**Without an interface**\n\n${listed(deviceless, (r) => selectedLine(analysis, r))}`);
  if (never.length > 0) parts.push(`**Never selected**\n\n${listed(never, (r) => neverLine(analysis, r))}`);
  if (analysis.document.routes.length === 0) parts.push('No routes in this document.');
  return parts.join('\n\n');
}

function overviewTable(analysis: Analysis, summaries: readonly InterfaceSummary[]): string {
  const rows = summaries.map((s) => {
    const pattern = analysis.tunnels.matchingPattern(s.device);
    const tunnel = pattern === undefined ? 'no' : `yes (${code(pattern)})`;
    const count = (n: bigint): string => (n === 0n ? '—' : formatAddressCount(n));
    return `| ${code(s.device)} | ${tunnel} | ${s.routes.length} | ${count(s.carried[0])} | ${count(s.carried[1])} |`;
  });
  return ['| Interface | Tunnel | Selected routes | IPv4 addresses | IPv6 addresses |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** `line 3: \`192.168.101.0/24 dev eth0 ...\` → 256 addresses`, with the type when it is not unicast. */
export function selectedLine(analysis: Analysis, route: Route): string {
  const use = routeUse(analysis, route);
  const count = use.kind === 'selected' ? addressCount(use.addresses) : '';
  const type = route.type === 'unicast' ? '' : ` (${route.type})`;
  const shared = route.nexthops.length > 1 ? `, shared by ${route.nexthops.length} next hops` : '';
  return `${routeLine(route)} → ${count}${type}${shared}`;
}

/** `line 2: \`default via ...\`: shadowed by line 1`. */
export function neverLine(analysis: Analysis, route: Route): string {
  const use = routeUse(analysis, route);
  return use.kind === 'selected' ? routeLine(route) : `${routeLine(route)}: ${neverSelectedReason(analysis, use, route)}`;
}

/** A bullet list, cut at a length a hover or preview can still show; only the shown items are formatted. */
export function listed<T>(items: readonly T[], format: (item: T) => string, max = MAX_LISTED): string {
  const shown = items.slice(0, max).map((item) => `- ${format(item)}`);
  if (items.length > max) shown.push(`- …and ${items.length - max} more`);
  return shown.join('\n');
}
