import type { Analysis } from '../analyze';
import type { Route } from '../model';
import { formatAddress } from '../net/address';
import { usable, unusableReason } from '../resolver';
import { describeHops } from '../rules/routeText';
import { code, lineLink } from './markdown';
import { prefixSplit } from './prefixHover';

const TYPE_MEANING: Readonly<Record<string, string>> = {
  unicast: 'forwards to its next hop',
  local: 'delivers to this host (one of its own addresses)',
  broadcast: 'sends as link broadcast',
  multicast: 'multicast routing entry',
  anycast: 'anycast address of this host',
  blackhole: 'drops silently ("Invalid argument" to local senders)',
  unreachable: 'refuses with ICMP host unreachable ("No route to host")',
  prohibit: 'refuses with ICMP administratively prohibited ("Permission denied")',
  throw: 'ends the search of this table; the lookup continues with the next rule',
  nat: 'stateless NAT (removed from modern kernels)',
};

/** The hover on a route's destination: what the route is, whether it is ever used, and where its range goes. */
export function routeHover(analysis: Analysis, route: Route): string {
  const facts = [`type ${code(route.type)}: ${TYPE_MEANING[route.type] ?? route.type}`, `table ${code(route.table)}`,
    `metric ${route.metric}${route.metricExplicit ? '' : ' (not printed: the default)'}`];
  if (route.nexthops.length > 0) facts.push(`next hop${route.nexthops.length > 1 ? 's' : ''} ${code(describeHops(route.nexthops))}`);
  if (route.proto) facts.push(`proto ${code(route.proto)}`);
  if (route.src) facts.push(`preferred source ${code(formatAddress(route.src))}`);
  const parts = [`**Route, ${lineLink(route)}**: ${facts.join(' · ')}`];
  parts.push(status(analysis, route));
  for (const f of analysis.findings) {
    if (f.code === 'split-tunnel-exception' && f.routeIds?.[0] === route.id) parts.push(`↗ ${f.message}`);
  }
  parts.push(prefixSplit(analysis, route.prefix));
  return parts.join('\n\n');
}

function status(analysis: Analysis, route: Route): string {
  if (!usable(route)) return `**Never selected**: ${unusableReason(route)}.`;
  const shadow = analysis.findings.find((f) => f.code === 'shadowed-route' && f.routeIds?.[0] === route.id);
  if (shadow) return `**Never selected.** ${shadow.message.replace(/^Shadowed route, never selected: /, '')}`;
  if (!analysis.tables.stageOf(route)) {
    return `**Not searched by the default rules**: table ${code(route.table)} is used only when an \`ip rule\` points to it, and the input has no rules.`;
  }
  return 'Selected for the addresses of its prefix that no more specific route takes.';
}
