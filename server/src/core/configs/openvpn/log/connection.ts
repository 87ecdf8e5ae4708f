import { type Address, formatAddress, parseIPv4, sameAddress } from '../../../net/address';
import { type Prefix, formatPrefix, prefixContains } from '../../../net/prefix';
import type { ConfigContext } from '../../types';
import type { Side } from '../context';
import type { InstallPlan, InstalledRoute, RemovedRoute } from '../install';
import { optionSet } from '../interpret';
import type { Directive } from '../model';
import { type HostView, hostView, predict } from '../predict';
import type { LogRoute, ParsedLog } from './model';

/** A log read as one connection: the routes in effect, the options that applied, and the machine around it. */
export interface LogConnection {
  readonly parsed: ParsedLog;
  readonly device: string;
  /** Every logged route with what it meant, for hovers on any line. */
  readonly meaning: ReadonlyMap<LogRoute, InstalledRoute>;
  /** The pushed options that applied: the last reply minus what filters removed. */
  readonly pushed: readonly Directive[];
  readonly side: Side;
  readonly host?: HostView;
}

export function readConnection(parsed: ParsedLog, context: ConfigContext): LogConnection {
  const device = parsed.device?.name ?? 'tun0';
  const lastReply = parsed.pushes[parsed.pushes.length - 1];
  const removed = new Set(parsed.filters.filter((f) => f.action !== 'accepted').map((f) => f.option.trim()));
  const pushed = (lastReply?.options ?? []).filter((d) => !removed.has(optionText(d)));
  const options = optionSet(pushed);
  const gatewayPeer = options.routeGateway ?? peerOf(options.ifconfig);
  const meaning = new Map<LogRoute, InstalledRoute>();
  // Addresses of each connection attempt, so classifying stays linear in long logs with many restarts.
  const networks = new Map<number, Prefix[]>();
  for (const t of parsed.tunnelNetworks) networks.set(t.session, [...(networks.get(t.session) ?? []).slice(-8), t.prefix]);
  for (const r of parsed.routes) meaning.set(r, classify(parsed, r, device, gatewayPeer, networks.get(r.session) ?? []));
  const session = lastSessionWithRoutes(parsed.routes);
  const current = parsed.routes.filter((r) => r.session === session);
  const removedRoutes: RemovedRoute[] = [];
  const routes: InstalledRoute[] = [];
  for (const r of current) {
    const m = meaning.get(r) as InstalledRoute;
    if (r.action === 'add') {
      if (r.failed === undefined) routes.push(m);
    } else if (!r.afterInit) {
      // A deletion while connecting is part of the setup: `redirect-gateway` without def1 removes the default route.
      const i = routes.findIndex((x) => x.prefix.len === r.prefix.len && formatPrefix(x.prefix) === formatPrefix(r.prefix));
      if (i >= 0) routes.splice(i, 1);
      else removedRoutes.push({ prefix: r.prefix, why: `deleted by OpenVPN: ${r.text}`, span: r.span });
    }
  }
  const plan: InstallPlan = { routes, removed: removedRoutes, notes: [] };
  const server = parsed.servers[parsed.servers.length - 1]?.address;
  const host = context.dump ? hostView(context.dump, context.dumpName, server) : undefined;
  const prediction = host ? predict(host, plan, device) : undefined;
  const side: Side = { who: 'this machine', options, plan, networks: [], ...(prediction ? { prediction } : {}) };
  return { parsed, device, meaning, pushed, side, ...(host ? { host } : {}) };
}

/** The text a pull filter compares: the option as the server wrote it. */
export function optionText(d: Directive): string {
  return [d.nameParam.text, ...d.args.map((a) => a.text)].join(' ');
}

function peerOf(ifconfig: Directive | undefined): Address | undefined {
  const second = ifconfig?.args[1]?.text ?? '';
  return second.startsWith('255.') ? undefined : parseIPv4(second);
}

function lastSessionWithRoutes(routes: readonly LogRoute[]): number {
  for (let i = routes.length - 1; i >= 0; i--) if (routes[i]?.action === 'add') return routes[i]?.session ?? 0;
  return 0;
}

/** Tunnel or outside: by device, by gateway (the machine's gateway or the tunnel's peer), or unknown. */
function classify(parsed: ParsedLog, r: LogRoute, device: string, peer: Address | undefined, networks: readonly Prefix[]): InstalledRoute {
  const gw4 = parsed.gateway4;
  const gw6 = parsed.gateway6;
  const gwHere = r.prefix.family === 4 ? gw4 : gw6;
  const gateway = r.gateway;
  const onTunnelNet = gateway !== undefined && networks.some((p) => prefixContains(p, gateway));
  const outside = (gateway !== undefined && gwHere?.address !== undefined && sameAddress(gateway, gwHere.address))
    || (r.device !== undefined && r.device === gwHere?.device);
  const tunnel = !outside && (r.device === device || onTunnelNet || (gateway !== undefined && peer !== undefined && sameAddress(gateway, peer))
    || (r.device === undefined && gateway === undefined));
  const via = gateway ? formatAddress(gateway) : tunnel ? 'the tunnel' : r.device ?? 'its gateway';
  const dev = r.device ?? (tunnel ? device : outside ? gwHere?.device : undefined);
  return {
    origin: 'route', prefix: r.prefix, target: tunnel ? 'tunnel' : outside ? 'net_gateway' : 'gateway', via,
    ...(gateway ? { gateway } : {}), ...(dev ? { device: dev } : {}), ...(r.metric !== undefined ? { metric: r.metric } : {}),
    why: `logged: ${clip(r.text)}`, span: r.span,
  };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
