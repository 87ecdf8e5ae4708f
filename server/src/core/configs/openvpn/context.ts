import { spanOnLine } from '../../model';
import type { ConfigContext } from '../types';
import { type InstallPlan, type TunnelNetwork, installRoutes } from './install';
import type { OpenVpnConfig, OptionSet } from './model';
import { type HostView, type Prediction, hostInfo, hostView, predict } from './predict';
import { ipv4Network, ipv6Network } from './values';

/** One side whose routing the rules judge: this client, or the clients a server pushes options to. */
export interface Side {
  /** `clients` when the options are pushed by this server. */
  readonly who: 'this machine' | 'clients';
  readonly options: OptionSet;
  readonly plan: InstallPlan;
  /** Subnets on the tunnel itself (`ifconfig`, `server`). */
  readonly networks: readonly TunnelNetwork[];
  readonly prediction?: Prediction;
}

export interface RuleContext {
  readonly config: OpenVpnConfig;
  readonly host?: HostView;
  /** The side that receives the VPN's routes: this machine for clients and peers, the clients for servers. */
  readonly side: Side;
  /** A server's own routes; the same as `side` for clients and peers. */
  readonly own: Side;
}

export function buildContext(config: OpenVpnConfig, context: ConfigContext): RuleContext {
  const remote = config.remotes.find((r) => r.address)?.address;
  const host = context.dump ? hostView(context.dump, context.dumpName, remote) : undefined;
  const own = makeSide(config, config.local, 'this machine', host);
  if (config.role !== 'server') return { config, ...(host ? { host } : {}), side: own, own };
  const side = makeSide(config, config.pushed, 'clients', host);
  return { config, ...(host ? { host } : {}), side, own };
}

function makeSide(config: OpenVpnConfig, options: OptionSet, who: Side['who'], host: HostView | undefined): Side {
  const pushedToClients = who === 'clients';
  const networks = tunnelNetworks(config, options, pushedToClients);
  const plan = installRoutes({
    redirects: options.redirects,
    routes: options.routes,
    routes6: options.routes6,
    // Clients of a server connect to it, but its address is not in its own config.
    remotes: pushedToClients ? [] : config.remotes,
    device: config.device,
    ...(pushedToClients ? {} : config.vpnGateway ? { vpnGateway: config.vpnGateway } : {}),
    tunnelNetworks: networks,
    ...(host ? { host: hostInfo(host) } : {}),
    ...(config.routeNoexec && !pushedToClients ? { noexec: config.routeNoexec.span } : {}),
  });
  // Only a client (or peer) config describes the machine whose dump is open; a server's pushes reach other hosts.
  const prediction = host && !pushedToClients ? predict(host, plan, config.device) : undefined;
  return { who, options, plan, networks, ...(prediction ? { prediction } : {}) };
}

/** The subnet on the tunnel itself: `ifconfig`, `ifconfig-ipv6`, or the pool of `server`. */
function tunnelNetworks(config: OpenVpnConfig, options: OptionSet, pushed: boolean): TunnelNetwork[] {
  const out: TunnelNetwork[] = [];
  const serverDirective = config.parsed.directives.find((d) => d.name === 'server' && !d.push);
  if (config.serverNetwork && serverDirective) {
    out.push({ prefix: config.serverNetwork, span: serverDirective.span, why: pushed ? 'the VPN subnet of `server`' : '`server`: the VPN subnet' });
  }
  const server6 = config.parsed.directives.find((d) => d.name === 'server-ipv6' && !d.push);
  if (config.serverNetwork6 && server6) out.push({ prefix: config.serverNetwork6, span: server6.span, why: '`server-ipv6`: the VPN subnet' });
  const ifconfig = options.ifconfig;
  const [local, second] = ifconfig?.args ?? [];
  if (ifconfig && local && second) {
    // `ifconfig LOCAL MASK` (subnet, tap) puts a subnet on the device; `ifconfig LOCAL PEER` (net30, p2p) a host route.
    const isMask = second.text.startsWith('255.');
    const prefix = ipv4Network(isMask ? local.text : second.text, isMask ? second.text : undefined).prefix;
    if (prefix) {
      out.push({ prefix, span: spanOnLine(ifconfig.line, isMask ? local.start : second.start, second.end), why: isMask ? '`ifconfig`: the tunnel subnet' : '`ifconfig`: the tunnel peer' });
    }
  }
  const v6 = options.ifconfigIpv6?.args[0];
  const prefix6 = v6 ? ipv6Network(v6.text).prefix : undefined;
  if (options.ifconfigIpv6 && v6 && prefix6) {
    out.push({ prefix: prefix6, span: spanOnLine(options.ifconfigIpv6.line, v6.start, v6.end), why: '`ifconfig-ipv6`: the tunnel subnet' });
  }
  return out;
}
