import type { Route } from '../../model';
import { type Address, formatAddress } from '../../net/address';
import { type Resolution, resolve } from '../../resolver';
import { describeHops } from '../../rules/routeText';
import { type PppPrediction, predictAddress } from './install';
import type { Xl2tpdLink, Xl2tpdState } from './xl2tpdState';

/** How the L2TP packets to the LNS leave, before and after pppd is up. */
export interface LnsPath {
  readonly now: Resolution;
  /** With the link's routing options known: the path once connected. */
  readonly after: PppPrediction | undefined;
  /** A route more specific than a default keeps it out of whatever default ppp0 takes. */
  readonly pinned: Route | undefined;
  /** `ip route add LNS via GW dev DEV`, from the path it takes now. */
  readonly command: string;
}

export function lnsPath(state: Xl2tpdState, link: Xl2tpdLink, address: Address): LnsPath | undefined {
  const dump = state.dump;
  if (!dump) return undefined;
  const now = resolve(dump.tables, address);
  const route = now.route;
  const physical = route !== undefined && route.nexthops.length > 0 && route.nexthops.every((h) => !h.device || !dump.tunnels.isTunnel(h.device));
  const pinned = physical && route.prefix.len > 0 && route.table !== 'local' ? route : undefined;
  const after = link.optionsKnown ? predictAddress(link.plan, dump, state.dumpName, address) : undefined;
  const hop = now.nexthops[0];
  const via = hop?.gateway ? ` via ${formatAddress(hop.gateway)}` : ' via <LAN router>';
  const command = `ip route add ${formatAddress(address)}${via} dev ${hop?.device ?? 'eth0'}`;
  return { now, after, pinned, command };
}

/** "through eth0 via 192.168.1.1 (line 1 of routes.txt)". */
export function nowSentence(path: LnsPath, dumpName: string): string {
  const route = path.now.route;
  if (!route) return `nowhere: ${dumpName} has no route for it`;
  return `through ${describeHops(path.now.nexthops)} (line ${route.span.line + 1} of ${dumpName})`;
}
