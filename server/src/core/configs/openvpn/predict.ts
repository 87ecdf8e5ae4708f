import type { Analysis } from '../../analyze';
import type { NextHop, Route, Span } from '../../model';
import { type Address, type Family, formatAddress, parseAddress } from '../../net/address';
import { formatPrefixShort, prefixContains, samePrefix } from '../../net/prefix';
import { type Resolution, resolve, usable } from '../../resolver';
import { RoutingTables } from '../../routingTables';
import { MAIN_TABLE } from '../../tables';
import type { Hop, HostInfo, InstallPlan, InstalledRoute } from './install';

/** The machine as a route dump describes it, in the terms OpenVPN uses. */
export interface HostView {
  readonly analysis: Analysis;
  /** How messages name the dump: `routes.txt`. */
  readonly name: string;
  readonly gateway4?: Hop & { readonly route: Route };
  readonly gateway6?: Hop & { readonly route: Route };
  /** Subnets the machine reaches directly (no gateway, not a tunnel): its LANs. */
  readonly connected: readonly Route[];
  /** True when global IPv6 traffic leaves through a physical interface today. */
  readonly hasIpv6: boolean;
}

const PROBE4 = parseAddress('0.0.0.0') as Address;
const PROBE6 = parseAddress('2001:4860:4860::8888') as Address;

/** Reads net_gateway, the LANs and IPv6 reachability from a dump; `towards` is the server, as OpenVPN asks the kernel. */
export function hostView(analysis: Analysis, name: string | undefined, towards?: Address): HostView {
  const physical = (r: Resolution): (Hop & { route: Route }) | undefined => {
    const hop = r.nexthops[0];
    if (r.outcome !== 'forward' || !r.route || !hop || analysis.tunnels.isTunnel(hop.device)) return undefined;
    return { route: r.route, ...(hop.gateway ? { address: hop.gateway } : {}), ...(hop.device ? { device: hop.device } : {}) };
  };
  const gateway4 = physical(resolve(analysis.tables, towards?.family === 4 ? towards : PROBE4));
  const v6 = resolve(analysis.tables, towards?.family === 6 ? towards : PROBE6);
  const gateway6 = physical(v6);
  const connected = analysis.document.routes.filter((r) =>
    r.type === 'unicast' && usable(r) && r.prefix.len > 0 && r.prefix.len < (r.family === 4 ? 32 : 128)
    && r.tableId === MAIN_TABLE && r.nexthops.length > 0
    && r.nexthops.every((h) => !h.gateway && !analysis.tunnels.isTunnel(h.device))
    && !(r.family === 6 && r.prefix.len === 64 && ((r.prefix.words[0] ?? 0) >>> 22) === 0x3fa));
  return {
    analysis, name: name ?? 'the route dump',
    ...(gateway4 ? { gateway4 } : {}), ...(gateway6 ? { gateway6 } : {}),
    connected, hasIpv6: gateway6 !== undefined,
  };
}

/** What `install.ts` needs to know about the machine. */
export function hostInfo(view: HostView): HostInfo {
  const device = view.gateway4?.device;
  const gw = view.gateway4?.address;
  const lan = view.connected
    .filter((r) => r.family === 4 && r.nexthops.some((h) => h.device === device) && (!gw || prefixContains(r.prefix, gw)))
    .map((r) => r.prefix);
  const hop = (h: Hop | undefined): Hop | undefined => h && { ...(h.address ? { address: h.address } : {}), ...(h.device ? { device: h.device } : {}) };
  const gateway4 = hop(view.gateway4);
  const gateway6 = hop(view.gateway6);
  return { ...(gateway4 ? { gateway4 } : {}), ...(gateway6 ? { gateway6 } : {}), lan };
}

/** The dump's table with the VPN's routes added and the replaced default removed. */
export interface Prediction {
  readonly view: HostView;
  readonly tables: RoutingTables;
  /** Installed routes by the id of the model route made from them. */
  readonly vpn: ReadonlyMap<number, InstalledRoute>;
  readonly removed: readonly Route[];
}

export function predict(view: HostView, plan: InstallPlan, device: string): Prediction {
  const base = view.analysis.document.routes;
  const removed = base.filter((r) => plan.removed.some((x) => samePrefix(x.prefix, r.prefix))
    && r.nexthops.some((h) => h.gateway && view.gateway4?.address && formatAddress(h.gateway) === formatAddress(view.gateway4.address)));
  const kept = base.filter((r) => !removed.includes(r));
  const vpn = new Map<number, InstalledRoute>();
  const added: Route[] = [];
  let id = base.length;
  for (const installed of plan.routes) {
    if (installed.condition?.startsWith('unless')) continue;
    const route = toRoute(view, installed, device, id);
    vpn.set(id, installed);
    added.push(route);
    id++;
  }
  return { view, tables: new RoutingTables([...kept, ...added], view.analysis.document.os), vpn, removed };
}

function toRoute(view: HostView, installed: InstalledRoute, device: string, id: number): Route {
  const hop = nextHop(view, installed, device);
  const family: Family = installed.prefix.family;
  return {
    id, family, prefix: installed.prefix, type: 'unicast', table: 'main', tableId: MAIN_TABLE,
    metric: installed.metric ?? 0, metricExplicit: installed.metric !== undefined, proto: 'static', scope: undefined,
    src: undefined, tos: undefined, nexthops: [hop], flags: [], attributes: {}, span: installed.span, prefixSpan: installed.span,
    text: `${formatPrefixShort(installed.prefix)}${hop.gateway ? ` via ${formatAddress(hop.gateway)}` : ''}${hop.device ? ` dev ${hop.device}` : ''}`,
  };
}

function nextHop(view: HostView, installed: InstalledRoute, device: string): NextHop {
  const span: Span = installed.span;
  if (installed.target === 'tunnel') return { device: installed.device ?? device, weight: 1, flags: [], span };
  if (installed.target === 'net_gateway') {
    const gw = installed.prefix.family === 4 ? view.gateway4 : view.gateway6;
    return { ...(gw?.address ? { gateway: gw.address } : {}), ...(gw?.device ? { device: gw.device } : {}), weight: 1, flags: [], span };
  }
  // An explicit gateway leaves through whatever interface the dump reaches it on.
  const via = installed.gateway ? resolve(view.analysis.tables, installed.gateway) : undefined;
  const dev = installed.device ?? via?.nexthops[0]?.device;
  return { ...(installed.gateway ? { gateway: installed.gateway } : {}), ...(dev ? { device: dev } : {}), weight: 1, flags: [], span };
}
