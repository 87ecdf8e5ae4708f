import { shadowedRoute } from './shadowedRoute';
import { splitTunnelException } from './splitTunnelException';
import type { Rule } from './types';

export type { Rule, RuleContext } from './types';

/** Every rule, in the order their findings are computed. */
export const RULES: readonly Rule[] = [shadowedRoute, splitTunnelException];
