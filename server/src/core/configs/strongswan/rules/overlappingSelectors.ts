import { type Finding, makeFinding } from '../../../model';
import { type Prefix, prefixCovers, prefixesOverlap, samePrefix } from '../../../net/prefix';
import { type Selector, type Tunnel, isActive, tunnelRef } from '../model';
import { policyPriority } from '../policy';
import type { SwanRule } from './types';

function overlap(a: Selector, b: Selector): boolean {
  if (a.dynamic && b.dynamic) return true;
  return a.prefix !== undefined && b.prefix !== undefined && prefixesOverlap(a.prefix, b.prefix) && (a.protoPort === undefined || b.protoPort === undefined || a.protoPort === b.protoPort);
}

/**
 * Two policies of different conns or children whose selectors overlap. The kernel picks the policy with the
 * best priority; charon gives more specific selectors better priorities, and identical ones share one policy.
 */
export const overlappingSelectors: SwanRule = {
  code: 'overlapping-selectors',
  check(state) {
    const out: Finding[] = [];
    const tunnels = state.doc.tunnels.filter((t) => isActive(t) && t.mode !== 'pass');
    for (let i = 0; i < tunnels.length; i++) {
      for (let j = i + 1; j < tunnels.length; j++) {
        const first = tunnels[i];
        const later = tunnels[j];
        if (!first || !later) continue;
        const found = firstOverlap(first, later);
        if (found) out.push(finding(first, later, found.a, found.b, found.la, found.lb));
      }
    }
    return out;
  },
};

function firstOverlap(a: Tunnel, b: Tunnel): { a: Selector; b: Selector; la: Selector; lb: Selector } | undefined {
  for (const la of a.local) {
    for (const lb of b.local) {
      if (!overlap(la, lb)) continue;
      for (const ra of a.remote) for (const rb of b.remote) if (ra.prefix && rb.prefix && overlap(ra, rb)) return { a: ra, b: rb, la, lb };
    }
  }
  return undefined;
}

function finding(first: Tunnel, later: Tunnel, a: Selector, b: Selector, la: Selector, lb: Selector): Finding {
  const pa = policyPriority(first, la, a);
  const pb = policyPriority(later, lb, b);
  const related = [{ span: a.span, message: `${a.text}: ${tunnelRef(first)}, priority ${pa}` }];
  const same = samePrefix(a.prefix as Prefix, b.prefix as Prefix) && pa === pb;
  if (same) {
    return makeFinding('overlapping-selectors', 'warning',
      `${b.text} repeats ${a.text} of ${tunnelRef(first)} with the same priority: the kernel holds one policy per selector, and charon keeps the one installed first (usually ${first.name}); traffic goes into that SA while both are up, and ${later.name}'s only takes over when the other goes down.`,
      b.span, { related });
  }
  const winner = pa <= pb ? { t: first, s: a, p: pa } : { t: later, s: b, p: pb };
  const loser = pa <= pb ? { t: later, s: b, p: pb } : { t: first, s: a, p: pa };
  const nested = prefixCovers(loser.s.prefix as Prefix, winner.s.prefix as Prefix);
  return makeFinding('overlapping-selectors', 'information',
    `${b.text} overlaps ${a.text} of ${tunnelRef(first)}. The more specific policy wins (charon priority ${winner.p} beats ${loser.p}): ${winner.s.text} goes to ${winner.t.name}${nested ? `, and the rest of ${loser.s.text} to ${loser.t.name}` : `; where they overlap, ${loser.t.name} gets nothing`}.`,
    b.span, { related });
}
