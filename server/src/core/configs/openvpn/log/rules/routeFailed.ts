import { type Finding, makeFinding } from '../../../../model';
import { formatPrefix } from '../../../../net/prefix';
import type { LogConnection } from '../connection';
import type { LogRule } from './types';

/** A route OpenVPN tried to add and the system refused: the tunnel came up without it. */
export const logRouteFailed: LogRule = {
  code: 'route-add-failed',
  check({ parsed }: LogConnection): Finding[] {
    return parsed.routes.filter((r) => r.action === 'add' && r.failed !== undefined).map((r) => {
      const hint = r.failed === 'File exists'
        ? ' A route for the same prefix already existed, often the LAN\'s own route or one left by an earlier connection.'
        : r.failed === 'Network is unreachable' ? ' The gateway was not reachable when the route was added.' : '';
      return makeFinding('route-add-failed', 'warning',
        `OpenVPN could not add ${formatPrefix(r.prefix)} (${r.failed ?? 'failed'}): the tunnel came up without this route.${hint}`, r.span);
    });
  },
};
