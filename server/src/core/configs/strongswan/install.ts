import { parseAddress } from '../../net/address';
import { formatPrefix } from '../../net/prefix';
import type { Selector, Tunnel } from './model';
import { policyPriority } from './policy';

/** Where the peer is reached today, from a route dump. */
export interface PeerPath {
  readonly dev: string | undefined;
  readonly via: string | undefined;
}

export interface PlannedPolicy {
  readonly dir: 'out' | 'in' | 'fwd';
  readonly src: string;
  readonly dst: string;
  readonly action: 'ipsec' | 'pass' | 'drop';
  readonly priority: number;
}

export interface PlannedRoute {
  readonly prefix: string;
  readonly dev: string;
  readonly via: string | undefined;
  readonly src: string;
}

export interface InstallPlan {
  readonly policies: readonly PlannedPolicy[];
  /** Routes charon adds to table 220 (reached by `ip rule` 220: from all lookup 220, before main). */
  readonly routes: readonly PlannedRoute[];
  readonly notes: readonly string[];
}

/** What the host knows when planning: the path to the peer, a path per passthrough subnet, its own addresses. */
export interface PlanEnv {
  readonly peerPath?: PeerPath | undefined;
  readonly pathTo?: ((prefix: string) => PeerPath | undefined) | undefined;
  /** An address of this host inside a selector, when a dump lists one. */
  readonly hostAddressIn?: ((selector: Selector) => string | undefined) | undefined;
}

function show(selector: Selector, fallback: string): string {
  return selector.dynamic ? fallback : selector.text;
}

/** The xfrm policies and table-220 routes charon installs for one conn or child (Linux, install_routes on). */
export function installPlan(tunnel: Tunnel, env: PlanEnv = {}): InstallPlan {
  const notes: string[] = [];
  const policies: PlannedPolicy[] = [];
  const routes: PlannedRoute[] = [];
  const action = tunnel.mode === 'pass' ? 'pass' : tunnel.mode === 'drop' ? 'drop' : 'ipsec';
  const localName = tunnel.vips.length > 0 ? 'the virtual IP' : 'this host';
  const remoteName = tunnel.peer?.text ?? 'the peer';
  if (!tunnel.installPolicy) notes.push('Policies are not installed (`installpolicy=no` / `policies = no`): something else must add them.');
  if (tunnel.start === 'ignore') notes.push('`auto=ignore`: the conn is not loaded, so nothing is installed.');
  for (const local of tunnel.local) {
    for (const remote of tunnel.remote) {
      const src = show(local, localName);
      const dst = show(remote, remoteName);
      const priority = policyPriority(tunnel, local, remote);
      policies.push({ dir: 'out', src, dst, action, priority });
      if (action !== 'drop' || tunnel.kind === 'conn') {
        policies.push({ dir: 'in', src: dst, dst: src, action, priority });
        if (action !== 'pass' || tunnel.kind === 'conn') policies.push({ dir: 'fwd', src: dst, dst: src, action, priority });
      }
    }
  }
  if (tunnel.mode === 'transport' || tunnel.mode === 'transport_proxy') notes.push('Transport mode: no routes, only policies.');
  if (tunnel.mode === 'drop') notes.push('Drop policies install no routes: matching traffic is discarded.');
  if (tunnel.mode === 'transport' || tunnel.mode === 'transport_proxy' || tunnel.mode === 'drop') return { policies, routes, notes };
  const local = tunnel.local[0];
  for (const remote of tunnel.remote) {
    if (!remote.prefix) {
      if (remote.dynamic) notes.push(`No route for the dynamic remote selector: it is ${remoteName}'s own address.`);
      continue;
    }
    const prefix = formatPrefix(remote.prefix);
    const path = tunnel.mode === 'pass' ? env.pathTo?.(prefix) : env.peerPath;
    const dev = path?.dev ?? (tunnel.mode === 'pass' ? 'the interface that reaches it now' : `the interface facing ${remoteName}`);
    const vip = tunnel.vips.find((v) => parseAddress(v)?.family === remote.prefix?.family && !/^(?:0\.0\.0\.0|::)$/.test(v));
    let src: string;
    if (tunnel.vips.length > 0) src = vip ?? 'the virtual IP the peer assigns';
    else src = (local && env.hostAddressIn?.(local)) ?? `an address of this host inside ${local ? show(local, 'the local selector') : 'the local selector'} (without one, charon installs no route)`;
    routes.push({ prefix, dev, via: path?.via, src });
  }
  return { policies, routes, notes };
}

/** `ip route` style lines for the plan, for hovers. */
export function routeLines(plan: InstallPlan): string[] {
  return plan.routes.map((r) => `${r.prefix}${r.via ? ` via ${r.via}` : ''} dev ${r.dev} src ${r.src} table 220`);
}

/** `ip xfrm policy` style lines for the plan. */
export function policyLines(plan: InstallPlan): string[] {
  return plan.policies.map((p) => `src ${p.src} dst ${p.dst} dir ${p.dir} priority ${p.priority} action ${p.action === 'drop' ? 'block' : p.action === 'pass' ? 'allow (no IPsec)' : 'IPsec'}`);
}

