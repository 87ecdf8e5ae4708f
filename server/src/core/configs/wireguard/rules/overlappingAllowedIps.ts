import { type Finding, makeFinding } from '../../../model';
import { formatPrefix } from '../../../net/prefix';
import { peerRef } from '../model';
import { type Claim, type CryptokeyRouting, identity } from '../routing';
import type { WgRule } from './types';

const LISTED = 4;

/**
 * AllowedIPs that overlap across peers. Cryptokey routing is longest-prefix over all peers, and an identical
 * prefix belongs to the last peer that lists it (wg and wireguard-go move it on insert): the earlier peer
 * gets none of it. A shorter prefix around other peers' longer ones keeps only what they leave.
 */
export const overlappingAllowedIps: WgRule = {
  code: 'overlapping-allowed-ips',
  check(state) {
    const out: Finding[] = [];
    for (const { routing } of state.devices) {
      for (const lost of routing.lost) {
        if (lost.reason !== 'identical' || !lost.winner) continue;
        const { claim, winner } = lost;
        const text = formatPrefix(claim.allowed.prefix);
        out.push(makeFinding('overlapping-allowed-ips', 'warning',
          `${text} is also in the AllowedIPs of ${peerRef(winner.peer)}, which comes later: wg gives a prefix to the last peer that lists it, so ${peerRef(claim.peer)} gets none of ${text}.`,
          claim.allowed.span,
          { related: [{ span: winner.allowed.span, message: `${peerRef(winner.peer)} receives ${text}.` }] }));
      }
      for (const claim of routing.claims) {
        const finding = covering(routing, claim);
        if (finding) out.push(finding);
      }
    }
    return out;
  },
};

/** A claim with other peers' longer prefixes inside it: say which addresses go where. */
function covering(routing: CryptokeyRouting, claim: Claim): Finding | undefined {
  const mine = identity(claim.peer);
  const other = (c: Claim): boolean => identity(c.peer) !== mine;
  const prefix = claim.allowed.prefix;
  const inside = routing.frontier(prefix, other);
  if (inside.length === 0) return undefined;
  const text = formatPrefix(prefix);
  const listed = inside.slice(0, LISTED).map((c) => `${formatPrefix(c.allowed.prefix)} goes to ${peerRef(c.peer)}`);
  const more = inside.length > LISTED ? ` and ${inside.length - LISTED} more prefixes go to other peers` : '';
  const related = inside.slice(0, 8).map((c) => ({ span: c.allowed.span, message: `${peerRef(c.peer)} receives ${formatPrefix(c.allowed.prefix)}.` }));
  if (routing.coveredInside(prefix, other)) {
    return makeFinding('overlapping-allowed-ips', 'warning',
      `Other peers' longer prefixes cover all of ${text}: ${listed.join('; ')}${more}. By longest prefix, ${peerRef(claim.peer)} receives none of it.`,
      claim.allowed.span, { related });
  }
  return makeFinding('overlapping-allowed-ips', 'information',
    `${text} overlaps other peers' AllowedIPs. Cryptokey routing takes the longest prefix over all peers: ${listed.join('; ')}${more}; ${peerRef(claim.peer)} receives the rest of ${text}.`,
    claim.allowed.span, { related });
}
