import { equalMetricDefaults } from './equalMetricDefaults';
import { gatewayNotOnLink } from './gatewayNotOnLink';
import { shadowedRoute } from './shadowedRoute';
import { splitTunnelException } from './splitTunnelException';
import type { Rule } from './types';
import { vpnLanOverlap } from './vpnLanOverlap';

export type { Rule, RuleContext } from './types';

/** Every rule, in the order their findings are computed. */
export const RULES: readonly Rule[] = [shadowedRoute, splitTunnelException, equalMetricDefaults, gatewayNotOnLink, vpnLanOverlap];
