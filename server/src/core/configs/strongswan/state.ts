import type { Analysis } from '../../analyze';
import type { Route } from '../../model';
import { type Address, type Family, formatAddress, parseAddress } from '../../net/address';
import { type Prefix, formatPrefix, parsePrefix, prefixContains, prefixCovers } from '../../net/prefix';
import { resolve } from '../../resolver';
import type { ConfigContext } from '../types';
import { type InstallPlan, type PeerPath, installPlan } from './install';
import type { Selector, SwanDocument, Tunnel } from './model';

/** Everything rules, hover and symbols share for one analysis. */
export interface SwanState {
  readonly doc: SwanDocument;
  readonly dump: Analysis | undefined;
  readonly dumpName: string;
  plan(tunnel: Tunnel): InstallPlan;
  /** Directly connected, non-tunnel subnets of the dump's main table: the local LAN. */
  lanRoutes(family: Family): readonly Route[];
  /** Where `address` goes today per the dump (main table rules). */
  pathNow(address: Address): { route: Route; path: PeerPath } | undefined;
}

export function createState(doc: SwanDocument, context: ConfigContext): SwanState {
  const dump = context.dump;
  const dumpName = context.dumpName ?? 'the route dump';
  const hostAddresses: Address[] = [];
  for (const route of dump?.document.routes ?? []) {
    if (route.src) hostAddresses.push(route.src);
    if (route.type === 'local' && route.prefix.len === (route.family === 4 ? 32 : 128)) hostAddresses.push(route.prefix as Address);
  }
  const pathNow = (address: Address): { route: Route; path: PeerPath } | undefined => {
    if (!dump) return undefined;
    const r = resolve(dump.tables, address);
    if (!r.route || r.error) return undefined;
    const hop = r.nexthops[0];
    return { route: r.route, path: { dev: hop?.device, via: hop?.gateway ? formatAddress(hop.gateway) : undefined } };
  };
  const plans = new Map<Tunnel, InstallPlan>();
  return {
    doc,
    dump,
    dumpName,
    pathNow,
    plan(tunnel) {
      let plan = plans.get(tunnel);
      if (!plan) {
        const peer = tunnel.peer ? parseAddress(tunnel.peer.text) : undefined;
        plan = installPlan(tunnel, dump ? {
          peerPath: peer ? pathNow(peer)?.path : undefined,
          pathTo: (text) => {
            const prefix = parsePrefix(text)?.prefix;
            return prefix ? pathNow(prefix as Address)?.path : undefined;
          },
          hostAddressIn: (selector: Selector) => {
            const vip = hostAddresses.find((a) => selector.prefix && prefixContains(selector.prefix, a));
            return vip ? formatAddress(vip) : undefined;
          },
        } : {});
        plans.set(tunnel, plan);
      }
      return plan;
    },
    lanRoutes(family) {
      if (!dump) return [];
      return dump.document.routes.filter((r) => r.family === family && r.table === 'main' && r.type === 'unicast'
        && r.prefix.len > 0 && r.nexthops.length === 1 && r.nexthops[0]?.gateway === undefined
        && !dump.tunnels.isTunnel(r.nexthops[0]?.device) && !r.flags.includes('linkdown') && (r.scope === 'link' || r.proto === 'kernel' || r.proto === 'ra')
        && !(family === 6 && formatPrefix(r.prefix).startsWith('fe80:')));
    },
  };
}

/** Whether some active passthrough selector covers `prefix`. */
export function passCovers(tunnels: readonly Tunnel[], prefix: Prefix): Tunnel | undefined {
  return tunnels.find((t) => t.mode === 'pass' && t.start !== 'ignore' && t.remote.some((s) => s.prefix && prefixCovers(s.prefix, prefix)));
}
