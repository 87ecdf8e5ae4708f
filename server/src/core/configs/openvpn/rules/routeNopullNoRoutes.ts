import { type Finding, makeFinding } from '../../../model';
import type { RuleContext } from '../context';
import type { OpenVpnRule } from './types';

/** `route-nopull` drops the server's routes; with none of its own, the tunnel only reaches its own subnet. */
export const routeNopullNoRoutes: OpenVpnRule = {
  code: 'route-nopull-no-routes',
  check({ config }: RuleContext): Finding[] {
    const nopull = config.routeNopull;
    if (!nopull) return [];
    const own = config.local;
    if (own.routes.length > 0 || own.routes6.length > 0 || own.redirects.length > 0) return [];
    return [makeFinding('route-nopull-no-routes', 'warning',
      '`route-nopull` ignores the routes, `redirect-gateway` and DNS settings the server pushes, and this config adds no `route` of its own: the tunnel carries nothing but traffic to its own subnet. Add the `route` lines you need, or remove `route-nopull`.',
      nopull.span)];
  },
};
