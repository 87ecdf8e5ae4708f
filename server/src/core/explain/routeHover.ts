import type { Analysis } from '../analyze';
import type { Finding, Route } from '../model';
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
  for (const f of findingsAbout(analysis, route)) {
    if (f.code === 'split-tunnel-exception') parts.push(`↗ ${f.message}`);
  }
  parts.push(prefixSplit(analysis, route.prefix));
  return parts.join('\n\n');
}

const NO_FINDINGS: readonly Finding[] = [];

// A hover comes on every mouse move, and a large table has thousands of findings: they are indexed once per analysis.
const BY_ROUTE = new WeakMap<Analysis, Map<number, Finding[]>>();

/** The findings whose first route is `route`, in the analysis's order. */
function findingsAbout(analysis: Analysis, route: Route): readonly Finding[] {
  let index = BY_ROUTE.get(analysis);
  if (!index) {
    index = new Map();
    for (const f of analysis.findings) {
      const id = f.routeIds?.[0];
      if (id === undefined) continue;
      const list = index.get(id);
      if (list) list.push(f);
      else index.set(id, [f]);
    }
    BY_ROUTE.set(analysis, index);
  }
  return index.get(route.id) ?? NO_FINDINGS;
}

function status(analysis: Analysis, route: Route): string {
  if (!usable(route)) return `**Never selected**: ${unusableReason(route)}.`;
  const shadow = findingsAbout(analysis, route).find((f) => f.code === 'shadowed-route');
  if (shadow) return `**Never selected.** ${shadow.message.replace(/^Shadowed route, never selected: /, '')}`;
  if (!analysis.tables.stageOf(route)) {
    return `**Not searched by the default rules**: table ${code(route.table)} is used only when an \`ip rule\` points to it, and the input has no rules.`;
  }
  return 'Selected for the addresses of its prefix that no more specific route takes.';
}
