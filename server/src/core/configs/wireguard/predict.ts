import type { Analysis } from '../../analyze';
import { type Address, type Family, formatAddress } from '../../net/address';
import { formatPrefix } from '../../net/prefix';
import { PrefixTrie } from '../../trie';
import { type Resolution, resolve } from '../../resolver';
import { describeHops } from '../../rules/routeText';
import type { InstallOs, InstallPlan, PlannedRoute } from './install';

/** Where a packet to an address goes once the tunnel is up, predicted from a dump of the machine's table. */
export interface Prediction {
  /** It enters the WireGuard interface. */
  readonly tunnel: boolean;
  /** The route the tunnel's bring-up added that wins, if one does. */
  readonly planned: PlannedRoute | undefined;
  /** The dump's own answer, when a route of the dump wins. */
  readonly resolution: Resolution | undefined;
  /** A clause: "through the tunnel (wg0, route 10.0.0.0/8)" or "outside the tunnel via eth0 via 192.0.2.1 (line 2 of routes.txt)". */
  readonly sentence: string;
}

const INDEXES = new WeakMap<InstallPlan, Map<Family, PrefixTrie<PlannedRoute[]>>>();

/** The longest main-table route of a plan containing `address` that passes `accept`, found through a trie built once per plan. */
export function longestPlanned(plan: InstallPlan, address: Address, accept: (r: PlannedRoute) => boolean = () => true): PlannedRoute | undefined {
  let index = INDEXES.get(plan);
  if (!index) {
    index = new Map();
    for (const r of plan.routes) {
      if (r.table !== 'main') continue;
      let trie = index.get(r.family);
      if (!trie) {
        trie = new PrefixTrie<PlannedRoute[]>(r.family);
        index.set(r.family, trie);
      }
      trie.upsert(r.prefix, () => [r], (list) => list.push(r));
    }
    INDEXES.set(plan, index);
  }
  for (const { value } of index.get(address.family)?.matches(address) ?? []) {
    const hit = value.find(accept);
    if (hit) return hit;
  }
  return undefined;
}

export function osOfDump(dump: Analysis): InstallOs {
  const os = dump.tables.os;
  return os === 'linux' ? 'linux' : os === 'windows' ? 'windows' : 'macos';
}

/**
 * Predicts the path of a packet to `address`. `own` is true for the tunnel's own UDP packets (to an
 * endpoint): on Linux they carry the fwmark and skip the /0's table; on Windows the driver avoids the tunnel.
 */
export function predict(plan: InstallPlan, dump: Analysis, dumpName: string, address: Address, own = false): Prediction {
  const resolution = resolve(dump.tables, address);
  const dumpRoute = resolution.route;
  const dumpLen = dumpRoute ? dumpRoute.prefix.len : -1;
  const fromDump = (): Prediction => ({ tunnel: false, planned: undefined, resolution, sentence: dumpSentence(resolution, dump, dumpName, plan) });
  if (own && plan.os === 'windows') return fromDump();
  const planned = longestPlanned(plan, address);
  // A local or broadcast answer comes from the local table, which the kernel tries before any other.
  const localWins = dumpRoute !== undefined && dumpRoute.table === 'local';
  let winner: PlannedRoute | undefined;
  if (planned && !localWins) {
    if (planned.prefix.len > dumpLen) winner = planned;
    // Same prefix: the new route's metric 0 wins, unless the dump's is 0 too, where `ip route add` fails ("File exists").
    else if (planned.prefix.len === dumpLen && dumpRoute && (dumpRoute.metric > 0 || plan.os !== 'linux')) winner = planned;
  }
  const chosenLen = winner ? winner.prefix.len : dumpLen;
  if (plan.os === 'linux' && !own && !localWins && chosenLen <= 0 && plan.autoDefault.includes(address.family)) {
    // Only a default matched in main: `suppress_prefixlength 0` skips it and `not fwmark` selects the /0's table.
    const policy = plan.routes.find((r) => r.table === String(plan.policyTable) && r.family === address.family);
    if (policy) return { tunnel: true, planned: policy, resolution, sentence: `through the tunnel (${plan.device}, table ${policy.table}: ${formatPrefix(policy.prefix)})` };
  }
  if (!winner) return fromDump();
  if (winner.why === 'endpoint') {
    const via = winner.gateway ? `via ${formatAddress(winner.gateway)}` : 'via the default gateway';
    return { tunnel: false, planned: winner, resolution, sentence: `outside the tunnel, ${via}, by wg-quick's endpoint host route` };
  }
  return { tunnel: true, planned: winner, resolution, sentence: `through the tunnel (${plan.device}, route ${formatPrefix(winner.prefix)})` };
}

/** Where the dump alone sends a packet, as a clause. */
export function dumpSentence(resolution: Resolution, dump: Analysis, dumpName: string, plan: InstallPlan): string {
  const route = resolution.route;
  if (!route) return `nowhere: ${dumpName} has no route for it ("Network is unreachable")`;
  const where = `line ${route.span.line + 1} of ${dumpName}`;
  if (resolution.error) return `nowhere: the \`${route.type}\` route on ${where} rejects it ("${resolution.error}")`;
  if (resolution.outcome === 'local') return `to this machine itself (local route, ${where})`;
  const devices = resolution.nexthops.map((h) => h.device).filter((d): d is string => d !== undefined);
  if (devices.includes(plan.device)) return `through the tunnel (${plan.device}, ${where})`;
  const other = devices.find((d) => dump.tunnels.isTunnel(d));
  if (other) return `outside this tunnel, into another tunnel: ${describeHops(resolution.nexthops)} (${where})`;
  return `outside the tunnel via ${describeHops(resolution.nexthops)} (${where})`;
}
