import { type Finding, makeFinding } from '../../../../model';
import type { LogConnection } from '../connection';
import type { LogRule } from './types';

/** The log records each pushed option a pull filter removed; removing `redirect-gateway` splits the tunnel. */
export const logPullFilterSplit: LogRule = {
  code: 'pull-filter-split',
  check({ parsed, side }: LogConnection): Finding[] {
    const outside = side.prediction?.view.gateway4?.device ?? parsed.gateway4?.device;
    return parsed.filters.flatMap((f) => {
      if (f.action !== 'removed') return [];
      if (f.option.startsWith('redirect-gateway')) {
        return [makeFinding('pull-filter-split', 'warning',
          `A pull filter removed the server's \`${f.option}\`: the server meant all traffic to use the tunnel, but only the pushed routes did; everything else left ${outside ? `through ${outside}` : 'outside the tunnel'}.`,
          f.span)];
      }
      if (/^route(-ipv6)? /.test(f.option)) {
        return [makeFinding('pull-filter-split', 'warning',
          `A pull filter removed the pushed \`${f.option}\`: that network stayed outside the tunnel.`, f.span)];
      }
      return [];
    });
  },
};
