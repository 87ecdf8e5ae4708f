import { type Finding, makeFinding } from '../../../model';
import type { WgRule } from './types';

/** A [Peer] without PublicKey makes `wg` refuse the whole config. */
export const missingPublicKey: WgRule = {
  code: 'missing-public-key',
  check(state) {
    const out: Finding[] = [];
    for (const section of state.doc.sections) {
      if (section.kind !== 'peer' || section.entries.some((e) => e.name === 'PublicKey')) continue;
      out.push(makeFinding('missing-public-key', 'error', 'This [Peer] has no PublicKey: wg refuses the whole config ("A peer is missing a public key").', section.header));
    }
    return out;
  },
};
