import type { Analysis } from '../analyze';
import { ROUTE_TYPES, type Route, type Span } from '../model';
import { formatAddress } from '../net/address';
import { formatPrefixShort } from '../net/prefix';
import { routeDevices, routeUse } from './effectiveRoutes';

/** Outlines past this many routes cost more than anyone reads. */
export const MAX_OUTLINE_ROUTES = 5000;

/** `route` forwards through an interface; `special-route` is every other type (local, blackhole, throw...). */
export type OutlineKind = 'table' | 'interface' | 'route' | 'special-route';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: OutlineKind;
  readonly span: Span;
  /** The part to reveal and highlight: a route's destination, or a group's first destination. */
  readonly selectionSpan: Span;
  /** No lookup ever selects the route (editors may strike it through). */
  readonly neverSelected: boolean;
  readonly children: readonly OutlineSymbol[];
}

/** A group being filled: its routes in document order, and the symbols for them. */
interface Group {
  readonly name: string;
  readonly routes: Route[];
  readonly children: (OutlineSymbol | Group)[];
  readonly devices?: readonly string[];
}

/**
 * Tables, then the interfaces each table's routes use, then the routes. Routes without an
 * interface (blackhole, throw...) sit directly under their table.
 */
export function buildOutline(analysis: Analysis, limit = MAX_OUTLINE_ROUTES): OutlineSymbol[] {
  const routes = analysis.document.routes.slice(0, limit);
  const bothFamilies = routes.some((r) => r.family === 4) && routes.some((r) => r.family === 6);
  const tables = new Map<string, Group>();
  const interfaces = new Map<string, Group>();
  for (const route of routes) {
    const tableKey = `${route.family}:${route.tableId}`;
    let table = tables.get(tableKey);
    if (!table) {
      table = { name: `table ${route.table}${bothFamilies ? ` · IPv${route.family}` : ''}`, routes: [], children: [] };
      tables.set(tableKey, table);
    }
    table.routes.push(route);
    const devices = routeDevices(route);
    const leaf = routeSymbol(analysis, route);
    if (devices.length === 0) {
      table.children.push(leaf);
      continue;
    }
    const name = devices.join(' + ');
    let group = interfaces.get(`${tableKey}/${name}`);
    if (!group) {
      group = { name, routes: [], children: [], devices };
      interfaces.set(`${tableKey}/${name}`, group);
      table.children.push(group);
    }
    group.routes.push(route);
    group.children.push(leaf);
  }
  return [...tables.values()].map((table) => {
    const searched = analysis.tables.stageOf(table.routes[0] as Route) !== undefined;
    const unsearched = analysis.tables.os === 'linux' ? ' · needs an ip rule' : ' · not active';
    return groupSymbol(analysis, table, 'table', `${count(table.routes.length)}${searched ? '' : unsearched}`);
  });
}

function groupSymbol(analysis: Analysis, group: Group, kind: OutlineKind, detail: string): OutlineSymbol {
  const first = group.routes[0] as Route;
  const children = group.children.map((child) => ('kind' in child ? child : interfaceSymbol(analysis, child)));
  return {
    name: group.name,
    detail,
    kind,
    span: enclosing(group.routes),
    selectionSpan: first.prefixSpan,
    neverSelected: false,
    children,
  };
}

function interfaceSymbol(analysis: Analysis, group: Group): OutlineSymbol {
  const tunnel = (group.devices ?? []).some((d) => analysis.tunnels.isTunnel(d));
  return groupSymbol(analysis, group, 'interface', `${tunnel ? 'tunnel · ' : ''}${count(group.routes.length)}`);
}

function routeSymbol(analysis: Analysis, route: Route): OutlineSymbol {
  return {
    name: printedDestination(route),
    detail: routeDetail(route),
    kind: route.type === 'unicast' ? 'route' : 'special-route',
    span: route.span,
    selectionSpan: route.prefixSpan,
    neverSelected: routeUse(analysis, route).kind !== 'selected',
    children: [],
  };
}

/** The destination as the dump wrote it (`default`, `203.0.113.77`). */
export function printedDestination(route: Route): string {
  const words = route.text.split(/\s+/);
  const typed = ROUTE_TYPES.has(words[0] ?? '') && words[0] === route.type;
  return (typed ? words[1] : words[0]) ?? formatPrefixShort(route.prefix);
}

/** `via 192.168.101.1 dev eth0 metric 100`, or `blackhole`: how the route forwards, without its destination. */
export function routeDetail(route: Route): string {
  const hops = route.nexthops.map((hop) => {
    const parts: string[] = [];
    if (hop.gateway) parts.push(`via ${formatAddress(hop.gateway)}`);
    if (hop.device !== undefined) parts.push(`dev ${hop.device}`);
    if (route.nexthops.length > 1 && hop.weight !== 1) parts.push(`weight ${hop.weight}`);
    return parts.join(' ');
  });
  const parts: string[] = route.type === 'unicast' ? [] : [route.type];
  const forwarding = hops.filter((h) => h !== '').join(', ');
  if (forwarding) parts.push(forwarding);
  if (route.metricExplicit) parts.push(`metric ${route.metric}`);
  return parts.join(' ');
}

function count(n: number): string {
  return `${n} route${n === 1 ? '' : 's'}`;
}

/** From the first route's start to the furthest end; groups may interleave, so this can span others' lines. */
function enclosing(routes: readonly Route[]): Span {
  const first = (routes[0] as Route).span;
  let last = first;
  for (const route of routes) {
    const s = route.span;
    if (s.endLine > last.endLine || (s.endLine === last.endLine && s.endCol > last.endCol)) last = s;
  }
  return { line: first.line, col: first.col, endLine: last.endLine, endCol: last.endCol };
}
