import { type Finding, makeFinding, spanOnLine } from '../../../model';
import type { RuleContext } from '../context';
import { redirectState } from '../install';
import type { PullFilter } from '../model';
import type { OpenVpnRule } from './types';

/** True when a filter with this pattern catches pushed lines that start with `option`. */
export function catches(pattern: string, option: string): boolean {
  return pattern !== '' && (option.startsWith(pattern) || pattern.startsWith(`${option} `) || pattern === option);
}

/**
 * `pull-filter ignore "redirect-gateway"` drops the server's full-tunnel setting: traffic the server
 * meant to carry leaves outside the tunnel. Filters apply in order and the first match wins.
 */
export const pullFilterSplit: OpenVpnRule = {
  code: 'pull-filter-split',
  check({ config, side }: RuleContext): Finding[] {
    if (config.role !== 'client' || config.routeNopull) return [];
    const findings: Finding[] = [];
    const ownRedirect = redirectState(side.options.redirects).ipv4;
    const gateway = side.prediction?.view.gateway4;
    const leaves = gateway?.device ? `through ${gateway.device} (line ${gateway.route.span.line + 1} of ${side.prediction?.view.name ?? 'the dump'})` : 'through the local network';
    for (const [index, f] of config.pullFilters.entries()) {
      if (f.action !== 'ignore') continue;
      const earlier = config.pullFilters.slice(0, index);
      const span = spanOnLine(f.directive.line, f.pattern.start, f.pattern.end);
      if (catches(f.pattern.text, 'redirect-gateway') && !acceptedBefore(earlier, 'redirect-gateway') && !ownRedirect) {
        const partial = f.pattern.text.startsWith('redirect-gateway ');
        findings.push(makeFinding('pull-filter-split', 'warning',
          `${partial ? `Drops a pushed \`${f.pattern.text}\`` : 'Drops any `redirect-gateway` the server pushes'}: a server that sends all traffic through the tunnel becomes a split tunnel here. Only the pushed routes use the tunnel; everything else, the internet included, leaves ${leaves}.`,
          span));
      } else if (catches(f.pattern.text, 'route') && !acceptedBefore(earlier, 'route')) {
        const what = f.pattern.text.startsWith('route ')
          ? `the pushed \`${f.pattern.text}\``
          : `every pushed \`route\`${'route-ipv6'.startsWith(f.pattern.text) ? ', `route-ipv6` and `route-gateway`' : ''}`;
        findings.push(makeFinding('pull-filter-split', 'warning',
          `Drops ${what}: networks the server means to reach through the tunnel stay outside it, unless this config routes them itself.`,
          span));
      }
    }
    return findings;
  },
};

function acceptedBefore(filters: readonly PullFilter[], option: string): boolean {
  return filters.some((f) => f.action === 'accept' && (catches(f.pattern.text, option) || f.pattern.text.startsWith(option)));
}
