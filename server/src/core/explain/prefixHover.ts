import type { Analysis } from '../analyze';
import type { Route } from '../model';
import { prefixRangeText } from '../net/cidr';
import { type Prefix, formatPrefix, prefixSize } from '../net/prefix';
import { usable } from '../resolver';
import { describeHops, formatCount } from '../rules/routeText';
import { bullets, code, lineLink } from './markdown';

const MAX_PARTS = 12;

function whereTo(analysis: Analysis, route: Route): string {
  if (route.type !== 'unicast') return `\`${route.type}\` (${lineLink(route)})`;
  const tunnel = route.nexthops.length > 0 && route.nexthops.every((h) => analysis.tunnels.isTunnel(h.device));
  return `${code(describeHops(route.nexthops))}${tunnel ? ' · tunnel' : ''} (${lineLink(route)})`;
}

/** How the addresses of a prefix split across the routes of the first table that has any. */
export function prefixSplit(analysis: Analysis, prefix: Prefix): string {
  const size = prefixSize(prefix);
  const header = `**${formatPrefix(prefix)}**: ${formatCount(size)} address${size === 1n ? '' : 'es'} (${prefixRangeText(prefix)})`;
  for (const stage of analysis.tables.defaultStages(prefix.family)) {
    const cover = stage.trie.covering(prefix).find((e) => e.value.some(usable));
    const inside = stage.trie.frontier(prefix, (list) => list.some(usable), MAX_PARTS + 1);
    const coverRoute = cover?.value.find(usable);
    if (!coverRoute && inside.length === 0) continue;
    const lines: string[] = [];
    for (const entry of inside.slice(0, MAX_PARTS)) {
      const route = entry.value.find(usable) as Route;
      lines.push(`${code(formatPrefix(entry.prefix))} → ${whereTo(analysis, route)}`);
    }
    if (inside.length > MAX_PARTS) lines.push('…and more specific routes beyond these');
    if (coverRoute && coverRoute.type !== 'throw') {
      const rest = inside.length > 0 ? 'everything else' : 'all of it';
      lines.push(`${rest} → ${whereTo(analysis, coverRoute)} by ${code(formatPrefix(coverRoute.prefix))}`);
    } else if (inside.length > 0) {
      lines.push(`everything else → no route in ${stage.name}`);
    }
    return `${header}\n\nWhere its addresses go (${stage.name}):\n\n${bullets(lines)}`;
  }
  return `${header}\n\nNo route in the searched tables covers it: "Network is unreachable".`;
}
