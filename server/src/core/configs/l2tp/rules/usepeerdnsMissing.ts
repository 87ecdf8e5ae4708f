import { makeFinding } from '../../../model';
import type { PppRule } from './types';

/** Without usepeerdns the VPN's DNS servers are never used: names are looked up by the usual resolvers. */
export const usepeerdnsMissing: PppRule = {
  code: 'usepeerdns-missing',
  check(state) {
    if (state.spans.usepeerdns) return [];
    return [makeFinding('usepeerdns-missing', 'information',
      `No \`usepeerdns\`: pppd does not ask the peer for DNS servers, so names keep being looked up by this machine's resolvers (/etc/resolv.conf), outside the tunnel unless their addresses are routed into ${state.settings.device}. Internal names may not resolve.`,
      state.anchor)];
  },
};
