import type { Finding } from '../../../model';
import { notReplacingFinding } from './defaultrouteNotReplacing';
import type { Xl2tpdRule } from './types';

/** `defaultroute = yes` in a [lac] passes pppd the same `defaultroute`, with the same catch. */
export const lacDefaultroute: Xl2tpdRule = {
  code: 'defaultroute-not-replacing',
  check(state) {
    const out: Finding[] = [];
    for (const link of state.links) {
      if (!link.defaultroute) continue;
      const f = notReplacingFinding({ ...state, plan: link.plan }, link.defaultroute.valueSpan, '`defaultroute = yes` (pppd\'s `defaultroute`)');
      if (f) out.push(f);
    }
    return out;
  },
};
