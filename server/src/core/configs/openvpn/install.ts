import type { Span } from '../../model';
import { type Address, formatAddress } from '../../net/address';
import { type Prefix, defaultPrefix, hostPrefix, parsePrefix, prefixContains, splitPrefix } from '../../net/prefix';
import type { Redirect, RedirectFlag, Remote, Route6Option, RouteOption } from './model';

/** Where an installed route sends its traffic. */
export type Target = 'tunnel' | 'net_gateway' | 'gateway';

/** A next hop on the machine: the default gateway OpenVPN calls `net_gateway`. */
export interface Hop {
  readonly address?: Address;
  readonly device?: string;
}

/** What is known about the machine before connecting, usually from a route dump. */
export interface HostInfo {
  readonly gateway4?: Hop;
  readonly gateway6?: Hop;
  /** Subnets on the default gateway's interface (the LAN `block-local` routes into the tunnel). */
  readonly lan?: readonly Prefix[];
}

export interface TunnelNetwork {
  readonly prefix: Prefix;
  readonly span: Span;
  readonly why: string;
}

export interface InstallInput {
  readonly redirects: readonly Redirect[];
  readonly routes: readonly RouteOption[];
  readonly routes6: readonly Route6Option[];
  readonly remotes: readonly Remote[];
  readonly device: string;
  /** The far end of the tunnel (`vpn_gateway`), when the config says. */
  readonly vpnGateway?: Address;
  /** Subnets on the tunnel itself (`ifconfig`, `server`): connected routes on the device. */
  readonly tunnelNetworks: readonly TunnelNetwork[];
  readonly host?: HostInfo;
  /** `route-noexec`: OpenVPN leaves routes to a script. */
  readonly noexec?: Span;
}

/** Which option a route comes from. */
export type Origin = 'redirect' | 'route' | 'route-ipv6' | 'tunnel' | 'server-exemption';

export interface InstalledRoute {
  readonly origin: Origin;
  readonly prefix: Prefix;
  readonly target: Target;
  /** The next-hop address when it is known. */
  readonly gateway?: Address;
  /** The next hop as the config names it: `vpn_gateway`, `net_gateway`, an address or a name. */
  readonly via: string;
  readonly device?: string;
  readonly metric?: number;
  /** Which option asks for the route and why, in a few words. */
  readonly why: string;
  readonly span: Span;
  /** Set when the route exists only sometimes: "while connected to 198.51.100.7". */
  readonly condition?: string;
}

export interface RemovedRoute {
  readonly prefix: Prefix;
  readonly why: string;
  readonly span: Span;
}

export interface InstallNote {
  readonly message: string;
  readonly span: Span;
}

export interface InstallPlan {
  readonly routes: readonly InstalledRoute[];
  readonly removed: readonly RemovedRoute[];
  readonly notes: readonly InstallNote[];
}

/** The IPv6 routes `redirect-gateway ipv6` adds in OpenVPN 2.6 (init.c): together they cover the unicast space. */
export const IPV6_REDIRECT = ['::/3', '2000::/4', '3000::/4', 'fc00::/7'] as const;

function prefix(text: string): Prefix {
  const parsed = parsePrefix(text, text.includes(':') ? 6 : 4);
  if (!parsed) throw new Error(`bad built-in prefix ${text}`);
  return parsed.prefix;
}

/** The redirect options merged the way OpenVPN merges them: flags add up, `!ipv4` clears what came before. */
export interface RedirectState {
  readonly enabled: boolean;
  readonly ipv4: boolean;
  readonly ipv6: boolean;
  readonly flags: ReadonlySet<RedirectFlag>;
  readonly span?: Span;
  readonly flagSpans: ReadonlyMap<RedirectFlag, Span>;
}

export function redirectState(redirects: readonly Redirect[]): RedirectState {
  let enabled = false;
  let ipv4 = false;
  let ipv6 = false;
  const flags = new Set<RedirectFlag>();
  const flagSpans = new Map<RedirectFlag, Span>();
  for (const r of redirects) {
    enabled = true;
    if (!r.private) ipv4 = true;
    for (const arg of r.directive.args) {
      const flag = arg.text as RedirectFlag;
      if (!r.flags.has(flag)) continue;
      flags.add(flag);
      flagSpans.set(flag, { line: r.directive.line, col: arg.start, endLine: r.directive.line, endCol: arg.end });
      if (flag === 'ipv6') ipv6 = true;
      if (flag === '!ipv4') {
        ipv4 = false;
        enabled = false;
      }
    }
  }
  // The option that moves IPv4 into the tunnel speaks for the set; `redirect-private` only if it is alone.
  const rerouting = [...redirects].reverse().find((r) => !r.private) ?? redirects[redirects.length - 1];
  const span = rerouting?.directive.span;
  return { enabled, ipv4, ipv6, flags, flagSpans, ...(span ? { span } : {}) };
}

/** The routes OpenVPN adds when this side connects, in the order it adds them. */
export function installRoutes(input: InstallInput): InstallPlan {
  const routes: InstalledRoute[] = [];
  const removed: RemovedRoute[] = [];
  const notes: InstallNote[] = [];
  const tunnel = { target: 'tunnel' as const, device: input.device };
  const vpnVia = input.vpnGateway ? formatAddress(input.vpnGateway) : 'vpn_gateway';
  const toTunnel = { ...tunnel, via: vpnVia, ...(input.vpnGateway ? { gateway: input.vpnGateway } : {}) };
  const net = (hop: Hop | undefined): Pick<InstalledRoute, 'target' | 'via' | 'gateway' | 'device'> => ({
    target: 'net_gateway', via: 'net_gateway',
    ...(hop?.address ? { gateway: hop.address } : {}), ...(hop?.device ? { device: hop.device } : {}),
  });
  for (const t of input.tunnelNetworks) routes.push({ origin: 'tunnel', prefix: t.prefix, ...tunnel, via: 'the tunnel', why: t.why, span: t.span });
  if (input.noexec) {
    notes.push({ message: '`route-noexec`: OpenVPN installs no routes itself and hands them to a `--route-up` script.', span: input.noexec });
    return { routes, removed, notes };
  }
  const state = redirectState(input.redirects);
  const span = state.span;
  const literal4 = input.remotes.filter((r) => r.address?.family === 4);
  if (state.enabled && span) {
    if (state.flags.has('local')) {
      notes.push({ message: '`local`: no host route to the server is added; its packets follow the new routes.', span: state.flagSpans.get('local') ?? span });
    } else {
      const several = literal4.length > 1;
      for (const r of literal4) {
        const conditions = [
          ...(several ? [`while connected to ${r.host.text}`] : []),
          ...(state.flags.has('autolocal') ? [`unless ${r.host.text} is on a local subnet (autolocal)`] : []),
        ];
        routes.push({
          origin: 'redirect', prefix: hostPrefix(r.address as Address), ...net(input.host?.gateway4),
          why: `host route to the server (${r.host.text}) so tunnel packets do not loop into the tunnel`, span: r.directive.span,
          ...(conditions.length > 0 ? { condition: conditions.join(', ') } : {}),
        });
      }
      for (const r of input.remotes.filter((x) => !x.address)) {
        notes.push({ message: `\`remote ${r.host.text}\`: a host route to the address it resolves to goes via net_gateway.`, span: r.directive.span });
      }
    }
    if (state.flags.has('block-local')) blockLocal(input, state, routes, notes, toTunnel, net);
    for (const flag of ['bypass-dhcp', 'bypass-dns'] as const) {
      if (!state.flags.has(flag)) continue;
      notes.push({
        message: `\`${flag}\`: on Windows, a host route to the physical adapter's ${flag === 'bypass-dhcp' ? 'DHCP server' : 'DNS servers'} via net_gateway; other systems ignore it.`,
        span: state.flagSpans.get(flag) ?? span,
      });
    }
    if (state.ipv4) {
      if (state.flags.has('def1')) {
        const [low, high] = splitPrefix(defaultPrefix(4));
        routes.push({ origin: 'redirect', prefix: low, ...toTunnel, why: '`redirect-gateway def1`: lower half of IPv4', span });
        routes.push({ origin: 'redirect', prefix: high, ...toTunnel, why: '`redirect-gateway def1`: upper half of IPv4', span });
      } else {
        removed.push({ prefix: defaultPrefix(4), why: '`redirect-gateway` without `def1` deletes the default route via net_gateway', span });
        routes.push({ origin: 'redirect', prefix: defaultPrefix(4), ...toTunnel, why: '`redirect-gateway`: the new default route', span });
      }
    }
  }
  if (state.ipv6 && span) {
    for (const text of IPV6_REDIRECT) {
      routes.push({ origin: 'redirect', prefix: prefix(text), ...tunnel, via: 'the tunnel', why: `\`redirect-gateway ipv6\`: ${text}`, span: state.flagSpans.get('ipv6') ?? span });
    }
  }
  for (const r of input.routes) addRoute(input, r, routes, notes, toTunnel, net);
  for (const r of input.routes6) {
    if (!r.prefix) continue;
    // OpenVPN 2.6 puts every route-ipv6 on the tunnel device; the gateway only matters on tap.
    routes.push({
      origin: 'route-ipv6', prefix: r.prefix, ...tunnel, via: r.gatewayAddress ? formatAddress(r.gatewayAddress) : 'the tunnel',
      ...(r.metric !== undefined ? { metric: r.metric } : {}), why: '`route-ipv6`', span: r.directive.span,
    });
  }
  exemptIpv6Remotes(input, routes, net);
  return { routes, removed, notes };
}

type NetHop = (hop: Hop | undefined) => Pick<InstalledRoute, 'target' | 'via' | 'gateway' | 'device'>;
type TunnelHop = Pick<InstalledRoute, 'target' | 'via' | 'gateway' | 'device'>;

/** `block-local` routes each half of the LAN into the tunnel and keeps only the LAN gateway outside. */
function blockLocal(input: InstallInput, state: RedirectState, routes: InstalledRoute[], notes: InstallNote[], toTunnel: TunnelHop, net: NetHop): void {
  const span = state.flagSpans.get('block-local') ?? state.span;
  if (!span) return;
  const lan = input.host?.lan ?? [];
  if (lan.length === 0) {
    notes.push({ message: '`block-local`: your LAN subnet, split in two halves, goes into the tunnel; only the LAN gateway stays reachable.', span });
    return;
  }
  const gateway = input.host?.gateway4?.address;
  if (gateway) routes.push({ origin: 'redirect', prefix: hostPrefix(gateway), ...net(input.host?.gateway4), why: '`block-local`: the LAN gateway stays reachable', span });
  for (const subnet of lan) {
    if (subnet.len >= 32) continue;
    for (const half of splitPrefix(subnet)) routes.push({ origin: 'redirect', prefix: half, ...toTunnel, why: '`block-local`: half of the local LAN', span });
  }
}

function addRoute(input: InstallInput, r: RouteOption, routes: InstalledRoute[], notes: InstallNote[], toTunnel: TunnelHop, net: NetHop): void {
  const span = r.directive.span;
  const metric = r.metric !== undefined ? { metric: r.metric } : {};
  const prefixes: { prefix: Prefix; condition?: string }[] = [];
  if (r.networkIsRemote) {
    for (const remote of input.remotes) {
      if (remote.address?.family === 4) prefixes.push({ prefix: hostPrefix(remote.address), ...(input.remotes.length > 1 ? { condition: `while connected to ${remote.host.text}` } : {}) });
    }
  } else if (r.prefix) {
    prefixes.push({ prefix: r.prefix });
  } else if (r.network.text !== 'vpn_gateway' && r.network.text !== 'net_gateway' && !/^[0-9.]+$/.test(r.network.text)) {
    notes.push({ message: `\`route ${r.network.text}\`: a name, resolved when the tunnel comes up.`, span });
  }
  for (const { prefix: p, condition } of prefixes) {
    const extra = { ...metric, ...(condition ? { condition } : {}), span };
    if (r.gateway === 'net_gateway') {
      routes.push({ origin: 'route', prefix: p, ...net(input.host?.gateway4), why: '`route … net_gateway`: outside the tunnel', ...extra });
    } else if (r.gateway === 'default' || r.gateway === 'vpn_gateway') {
      routes.push({ origin: 'route', prefix: p, ...toTunnel, why: '`route`', ...extra });
    } else if (r.gateway === 'address' && r.gatewayAddress) {
      const inTunnel = input.tunnelNetworks.some((t) => prefixContains(t.prefix, r.gatewayAddress as Address));
      routes.push({
        origin: 'route', prefix: p, target: inTunnel ? 'tunnel' : 'gateway', via: formatAddress(r.gatewayAddress), gateway: r.gatewayAddress,
        ...(inTunnel ? { device: input.device } : {}), why: '`route` via an explicit gateway', ...extra,
      });
    } else {
      routes.push({ origin: 'route', prefix: p, target: 'gateway', via: r.gatewayParam?.text ?? 'its gateway', why: '`route` via a named gateway', ...extra });
    }
  }
}

/** OpenVPN adds a /128 to an IPv6 server that an IPv6 route would pull into the tunnel (route.c, metric 1). */
function exemptIpv6Remotes(input: InstallInput, routes: InstalledRoute[], net: NetHop): void {
  for (const remote of input.remotes) {
    const address = remote.address;
    if (address?.family !== 6) continue;
    const covered = routes.some((r) => r.target === 'tunnel' && prefixContains(r.prefix, address));
    if (!covered) continue;
    routes.push({
      origin: 'server-exemption', prefix: hostPrefix(address), ...net(input.host?.gateway6), metric: 1,
      why: `host route to the IPv6 server (${remote.host.text}), which an IPv6 tunnel route covers`, span: remote.directive.span,
      ...(input.remotes.length > 1 ? { condition: `while connected to ${remote.host.text}` } : {}),
    });
  }
}

/** The most specific installed route containing `address`; ties go to the lower metric, then the first added. */
export function matchInstalled(routes: readonly InstalledRoute[], address: Address): InstalledRoute | undefined {
  let best: InstalledRoute | undefined;
  for (const r of routes) {
    if (!prefixContains(r.prefix, address)) continue;
    if (!best || r.prefix.len > best.prefix.len || (r.prefix.len === best.prefix.len && (r.metric ?? 0) < (best.metric ?? 0))) best = r;
  }
  return best;
}
