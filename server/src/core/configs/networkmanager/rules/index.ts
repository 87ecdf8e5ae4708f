import { dnsLeak } from './dnsLeak';
import { fullTunnelIpv6Leak } from './fullTunnelIpv6Leak';
import { ignoreAutoRoutesOffOnVpnHost } from './ignoreAutoRoutes';
import { invalidAddress, invalidRoute } from './invalidValues';
import { parseError } from './parseError';
import { routeTableWithoutRule } from './routeTableWithoutRule';
import type { NmRule } from './types';
import { unknownKey } from './unknownKey';
import { vpnNotDefault } from './vpnNotDefault';
import { wireguardAllowedIpsWithoutPeerRoutes } from './wireguardPeerRoutes';

export type { NmRule } from './types';

/** Every NetworkManager rule; the codes are stable. */
export const NM_RULES: readonly NmRule[] = [
  parseError,
  unknownKey,
  invalidAddress,
  invalidRoute,
  vpnNotDefault,
  fullTunnelIpv6Leak,
  dnsLeak,
  routeTableWithoutRule,
  ignoreAutoRoutesOffOnVpnHost,
  wireguardAllowedIpsWithoutPeerRoutes,
];
