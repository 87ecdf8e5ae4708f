import { endpointLoop } from './endpointLoop';
import { equalMetricDefaults } from './equalMetricDefaults';
import { gatewayNotOnLink } from './gatewayNotOnLink';
import { multipathRoute } from './multipathRoute';
import { shadowedPolicyRule } from './shadowedPolicyRule';
import { shadowedRoute } from './shadowedRoute';
import { splitTunnelException } from './splitTunnelException';
import { tunnelvisionLeak } from './tunnelvisionLeak';
import type { Rule } from './types';
import { unreachableTable } from './unreachableTable';
import { vpnLanOverlap } from './vpnLanOverlap';

export type { Rule, RuleContext } from './types';

/** Every rule, in the order their findings are computed. */
export const RULES: readonly Rule[] = [
  shadowedRoute, splitTunnelException, equalMetricDefaults, gatewayNotOnLink, vpnLanOverlap, multipathRoute,
  tunnelvisionLeak, endpointLoop, shadowedPolicyRule, unreachableTable,
];
