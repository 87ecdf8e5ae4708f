// What pppd 2.4.9 on Linux does to the routing table when the link comes up: pure, from options and a dump.
import type { Analysis } from '../../analyze';
import type { Route, Span } from '../../model';
import { type Address, formatAddress } from '../../net/address';
import { defaultPrefix, hostPrefix } from '../../net/prefix';
import { type Resolution, resolve } from '../../resolver';
import type { RoutingTables } from '../../routingTables';
import { describeHops } from '../../rules/routeText';
import { MAIN_TABLE } from '../../tables';

/** The routing options of one pppd configuration, after pppd's "last one wins" reading. */
export interface PppRouteSettings {
  readonly defaultroute: boolean;
  readonly replace: boolean;
  /** `defaultroute-metric`; undefined is pppd's -1. */
  readonly metric: number | undefined;
  readonly defaultroute6: boolean;
  readonly remote: Address | undefined;
  readonly device: string;
}

export type DefaultOutcome = 'added' | 'replaces' | 'blocked' | 'off' | 'unknown';

/** The table change pppd makes, and why. */
export interface PppPlan {
  readonly settings: PppRouteSettings;
  /** `unknown` without a dump (it depends on whether the machine has a default route). */
  readonly outcome: DefaultOutcome;
  /** The metric `ip route` shows for pppd's default: the configured one, or 0. */
  readonly metric: number;
  /** IPv4 main-table defaults in the dump: the ones pppd finds in /proc/net/route. */
  readonly existing: readonly Route[];
  /** The default pppd deletes (replacedefaultroute replaces the first one it reads). */
  readonly replaced: Route | undefined;
  /** The routes after connecting, when a Linux dump is known. */
  readonly tables: RoutingTables | undefined;
  /** The routes pppd and the kernel add, as `ip route` would print them. */
  readonly added: readonly string[];
}

/** Synthetic routes get ids past any dump's and a span of line -1, so no message can cite them as dump lines. */
const NO_LINE: Span = { line: -1, col: 0, endLine: -1, endCol: 0 };

function pppRoute(id: number, address: Address | undefined, device: string, metric: number, text: string): Route {
  const prefix = address ? hostPrefix(address) : defaultPrefix(4);
  return {
    id, family: 4, prefix, type: 'unicast', table: 'main', tableId: MAIN_TABLE, metric, metricExplicit: true,
    proto: address ? 'kernel' : undefined, scope: 'link', src: undefined, tos: undefined,
    nexthops: [{ device, weight: 1, flags: [], span: NO_LINE }], flags: [], attributes: {}, span: NO_LINE, prefixSpan: NO_LINE, text,
  };
}

/** Whether a route is one pppd added (it has no line in the dump). */
export function isPlanned(route: Route | undefined): boolean {
  return route !== undefined && route.span.line < 0;
}

export function planPpp(settings: PppRouteSettings, dump: Analysis | undefined): PppPlan {
  const metric = settings.metric !== undefined && settings.metric >= 0 ? settings.metric : 0;
  const defaultText = `default dev ${settings.device} scope link${metric ? ` metric ${metric}` : ''}`;
  const peerText = settings.remote ? `${formatAddress(settings.remote)} dev ${settings.device} proto kernel scope link` : undefined;
  const linux = dump !== undefined && dump.tables.os === 'linux';
  const existing = linux ? dump.document.routes.filter((r) => r.family === 4 && r.prefix.len === 0 && r.tableId === MAIN_TABLE) : [];
  let outcome: DefaultOutcome;
  if (!settings.defaultroute) outcome = 'off';
  else if (!linux) outcome = 'unknown';
  // pppd 2.4.9 reads /proc/net/route for any default (it passes -1, not the metric: ppp-project/ppp#357).
  else if (existing.length === 0) outcome = 'added';
  else outcome = settings.replace ? 'replaces' : 'blocked';
  const replaced = outcome === 'replaces' ? existing.find((r) => r.nexthops.every((h) => h.device !== settings.device)) : undefined;
  const added: string[] = [];
  if (peerText) added.push(peerText);
  if (outcome === 'added' || outcome === 'replaces' || outcome === 'unknown') added.push(defaultText);
  let tables: RoutingTables | undefined;
  if (linux) {
    const base = dump.document.routes.length + 1000;
    const routes: Route[] = [];
    if (settings.remote) routes.push(pppRoute(base, settings.remote, settings.device, 0, peerText ?? ''));
    if (outcome === 'added' || outcome === 'replaces') routes.push(pppRoute(base + 1, undefined, settings.device, metric, defaultText));
    const kept = dump.document.routes.filter((r) => r !== replaced);
    tables = dump.tables.withChanges([...kept, ...routes], replaced ? [replaced] : [], routes);
  }
  return { settings, outcome, metric, existing, replaced, tables, added };
}

/** Where a packet to an address goes once pppd is up, as a clause, and whether it enters ppp0. */
export interface PppPrediction {
  readonly tunnel: boolean;
  readonly resolution: Resolution;
  readonly sentence: string;
}

export function predictAddress(plan: PppPlan, dump: Analysis, dumpName: string, address: Address): PppPrediction | undefined {
  if (!plan.tables) return undefined;
  const resolution = resolve(plan.tables, address);
  const route = resolution.route;
  const device = plan.settings.device;
  if (!route) return { tunnel: false, resolution, sentence: 'nowhere: no route matches it ("Network is unreachable")' };
  if (isPlanned(route)) {
    const why = route.prefix.len === 0 ? 'the default route pppd adds' : 'the peer route the kernel adds';
    return { tunnel: true, resolution, sentence: `into the tunnel (${device}, by ${why})` };
  }
  const where = `line ${route.span.line + 1} of ${dumpName}`;
  if (resolution.error) return { tunnel: false, resolution, sentence: `nowhere: the \`${route.type}\` route on ${where} rejects it ("${resolution.error}")` };
  if (resolution.outcome === 'local') return { tunnel: false, resolution, sentence: `to this machine itself (local route, ${where})` };
  const devices = resolution.nexthops.map((h) => h.device);
  if (devices.includes(device)) return { tunnel: true, resolution, sentence: `into the tunnel (${device}, ${where})` };
  const other = devices.find((d) => d !== undefined && dump.tunnels.isTunnel(d));
  if (other) return { tunnel: false, resolution, sentence: `into another tunnel, ${describeHops(resolution.nexthops)} (${where})` };
  return { tunnel: false, resolution, sentence: `outside the tunnel, through ${describeHops(resolution.nexthops)} (${where})` };
}

/** The default route lines of the table after connecting, for hovers: `+` added, `-` removed, ` ` kept. */
export function defaultRouteDiff(plan: PppPlan, dumpName: string): string[] {
  const out: string[] = [];
  const cite = (r: Route): string => `${r.text}   (line ${r.span.line + 1} of ${dumpName})`;
  for (const line of plan.added) {
    if (plan.outcome === 'added' || plan.outcome === 'replaces' || !line.startsWith('default')) out.push(`+ ${line}`);
  }
  for (const r of plan.existing) out.push(r === plan.replaced ? `- ${cite(r)}` : `  ${cite(r)}`);
  return out;
}
