import { type Finding, makeFinding } from '../../../model';
import { describeHops } from '../../../rules/routeText';
import { isActive, tunnelRef } from '../model';
import type { SwanRule } from './types';

/** What a passthrough conn or pass child lets escape IPsec, and where it goes. */
export const passthroughException: SwanRule = {
  code: 'passthrough-exception',
  check(state) {
    const out: Finding[] = [];
    for (const tunnel of state.doc.tunnels) {
      if (tunnel.mode !== 'pass' || !isActive(tunnel)) continue;
      const local = tunnel.local.map((s) => s.dynamic ? 'this host' : s.text).join(', ');
      for (const selector of tunnel.remote) {
        let where = '';
        if (selector.prefix && state.dump) {
          const now = state.pathNow(selector.prefix);
          if (now) where = `; it leaves via ${describeHops(now.route.nexthops)} (line ${now.route.span.line + 1} of ${state.dumpName})`;
        }
        const what = selector.dynamic ? 'the peer itself' : selector.text;
        out.push(makeFinding('passthrough-exception', 'information',
          `${tunnelRef(tunnel)} is a passthrough: traffic from ${local} to ${what} bypasses IPsec (a pass policy outranks every IPsec policy)${where}.`,
          selector.span));
      }
    }
    return out;
  },
};
