import { type Finding, makeFinding } from '../../../model';
import { formatPrefix } from '../../../net/prefix';
import type { WgPeer } from '../model';
import { peerRef } from '../model';
import type { WgRule } from './types';

/** Two [Peer] sections with one PublicKey are one peer to wg: the later section replaces the earlier's AllowedIPs. */
export const duplicatePublicKey: WgRule = {
  code: 'duplicate-public-key',
  check(state) {
    const out: Finding[] = [];
    for (const { config } of state.devices) {
      const first = new Map<string, WgPeer>();
      for (const peer of config.peers) {
        if (peer.publicKey === undefined || !peer.publicKeyEntry) continue;
        const earlier = first.get(peer.publicKey);
        if (!earlier) {
          first.set(peer.publicKey, peer);
          continue;
        }
        const dropped = earlier.allowedIps.map((a) => formatPrefix(a.prefix));
        const list = dropped.length === 0 ? '' : ` (${dropped.slice(0, 4).join(', ')}${dropped.length > 4 ? ', …' : ''})`;
        out.push(makeFinding('duplicate-public-key', 'warning',
          `This PublicKey is also used by ${peerRef(earlier)}: wg merges both sections into one peer, and this section's AllowedIPs replace the earlier ones${list}.`,
          peer.publicKeyEntry.valueSpan,
          { related: [{ span: earlier.publicKeyEntry?.valueSpan ?? earlier.section.header, message: 'The first section with this PublicKey.' }] }));
      }
    }
    return out;
  },
};
