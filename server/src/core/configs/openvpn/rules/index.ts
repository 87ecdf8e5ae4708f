import { bypassWindowsOnly } from './bypassWindowsOnly';
import { dnsOutsideTunnel } from './dnsOutsideTunnel';
import { invalidAddress } from './invalidAddress';
import { invalidRoute } from './invalidRoute';
import { ipv6Leak } from './ipv6Leak';
import { parameters } from './parameters';
import { pullFilterSplit } from './pullFilterSplit';
import { pushedRouteLanConflict } from './pushedRouteLanConflict';
import { redirectGatewayLocal } from './redirectGatewayLocal';
import { remoteInTunnel } from './remoteInTunnel';
import { routeNopullNoRoutes } from './routeNopullNoRoutes';
import type { OpenVpnRule } from './types';
import { unknownDirective } from './unknownDirective';
import { windowsOnlyDirective } from './windowsOnlyDirective';

export type { OpenVpnRule } from './types';

/** Every config rule, in the order their findings are most useful. */
export const CONFIG_RULES: readonly OpenVpnRule[] = [
  parameters, unknownDirective, windowsOnlyDirective, invalidAddress, invalidRoute,
  ipv6Leak, dnsOutsideTunnel, pushedRouteLanConflict, pullFilterSplit, redirectGatewayLocal, bypassWindowsOnly,
  routeNopullNoRoutes, remoteInTunnel,
];
