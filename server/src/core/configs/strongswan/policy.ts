import { type Address, bitLength, sameAddress, parseAddress } from '../../net/address';
import { prefixContains } from '../../net/prefix';
import type { Selector, Tunnel } from './model';
import { isActive } from './model';

/** charon's PRIO_BASE: room for the prefix lengths of both selectors. */
const PRIO_BASE = 384;

/**
 * The xfrm priority charon (kernel-netlink) gives a policy: pass policies get the highest class, then the
 * more specific selectors (longer prefixes, then a port, then a protocol) win; lower numbers win.
 */
export function policyPriority(tunnel: Tunnel, local: Selector, remote: Selector): number {
  let priority = PRIO_BASE;
  if (tunnel.mode !== 'pass') priority += PRIO_BASE;
  priority -= selectorLength(local, remote);
  priority -= selectorLength(remote, local);
  priority *= 4;
  const port = local.protoPort?.includes('/') === true || remote.protoPort?.includes('/') === true;
  const proto = local.protoPort !== undefined || remote.protoPort !== undefined;
  return priority + (port ? 0 : 2) + (proto ? 0 : 1);
}

function selectorLength(s: Selector, other: Selector): number {
  if (s.prefix) return s.prefix.len;
  // A dynamic selector is one address of the family its peer selector uses.
  return bitLength(other.prefix?.family ?? 4);
}

/** The policy that takes `address` as a destination, and the ones that lost to it. */
export interface Protection {
  readonly tunnel: Tunnel;
  readonly selector: Selector;
  readonly priority: number;
  readonly losers: readonly { tunnel: Tunnel; selector: Selector; priority: number }[];
}

/** Whether a remote selector contains `address`; a dynamic one is the peer's literal address. */
export function selectorContains(tunnel: Tunnel, selector: Selector, address: Address): boolean {
  if (selector.prefix) return prefixContains(selector.prefix, address);
  if (!selector.dynamic || !tunnel.peer) return false;
  const peer = parseAddress(tunnel.peer.text);
  return peer !== undefined && sameAddress(peer, address);
}

/** The outbound policy the kernel picks for traffic to `address`, sources assumed to match. */
export function protectionFor(tunnels: readonly Tunnel[], address: Address): Protection | undefined {
  const hits: { tunnel: Tunnel; selector: Selector; priority: number }[] = [];
  for (const tunnel of tunnels) {
    if (!isActive(tunnel)) continue;
    for (const selector of tunnel.remote) {
      if (!selectorContains(tunnel, selector, address)) continue;
      const local = tunnel.local[0];
      if (local) hits.push({ tunnel, selector, priority: policyPriority(tunnel, local, selector) });
    }
  }
  // Stable sort: with equal priorities the policy installed first (earlier in the file) stays.
  hits.sort((a, b) => a.priority - b.priority);
  const [winner, ...losers] = hits;
  return winner ? { ...winner, losers } : undefined;
}
