import type { NextHop, Route } from '../model';
import { formatAddress } from '../net/address';
import { formatPrefixShort } from '../net/prefix';

/** Metrics and options `ip route add` takes back as printed; `expires`, `used`, `error`... are state, not settings. */
const SETTABLE = [
  'mtu', 'advmss', 'hoplimit', 'window', 'rtt', 'rttvar', 'reordering', 'cwnd', 'initcwnd', 'initrwnd', 'ssthresh', 'rto_min',
  'quickack', 'congctl', 'features', 'fastopen_no_cookie', 'realms', 'pref',
] as const;

export interface RouteSpecOptions {
  /** `del` names only what selects the route; `add` and `replace` repeat every setting. */
  readonly verb: 'add' | 'del' | 'replace';
  readonly metric?: number;
  readonly onlink?: boolean;
}

/** Shell words that need no quoting: names as iproute2 prints them never do, but dumps are user text. */
function word(text: string): string {
  return /^[A-Za-z0-9_.:/@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function hopWords(hop: NextHop, onlink: boolean): string[] {
  const out: string[] = [];
  if (hop.gateway) out.push('via', formatAddress(hop.gateway));
  if (hop.device) out.push('dev', word(hop.device));
  if (onlink || hop.flags.includes('onlink')) out.push('onlink');
  return out;
}

/**
 * One `ip route` command for a route of a Linux dump, in the order `ip route show` prints it: `ip -6` for IPv6
 * (so `default` means ::/0), the table unless main, the metric as the kernel keys routes by it, each next hop.
 */
export function ipRouteCommand(route: Route, options: RouteSpecOptions): string {
  const words: string[] = ['ip'];
  if (route.family === 6) words.push('-6');
  words.push('route', options.verb);
  if (route.type !== 'unicast') words.push(route.type);
  words.push(formatPrefixShort(route.prefix));
  if (route.tos !== undefined) words.push('tos', word(route.tos));
  const onlink = options.onlink === true || route.flags.includes('onlink');
  const nhid = route.attributes.nhid;
  const [single] = route.nexthops;
  if (nhid !== undefined) words.push('nhid', word(nhid));
  else if (single && route.nexthops.length === 1) words.push(...hopWords(single, false));
  if (route.table !== 'main') words.push('table', word(route.table));
  if (route.proto !== undefined) words.push('proto', word(route.proto));
  const full = options.verb !== 'del';
  if (full && route.scope !== undefined) words.push('scope', word(route.scope));
  if (full && route.src) words.push('src', formatAddress(route.src));
  const metric = options.metric ?? (route.metricExplicit ? route.metric : undefined);
  if (metric !== undefined) words.push('metric', String(metric));
  if (full) {
    for (const key of SETTABLE) {
      const value = route.attributes[key];
      if (value !== undefined) words.push(key, ...value.split(/\s+/).map(word));
    }
  }
  if (nhid === undefined && route.nexthops.length === 1 && (onlink || single?.flags.includes('onlink'))) words.push('onlink');
  if (nhid === undefined && route.nexthops.length > 1) {
    for (const hop of route.nexthops) {
      words.push('nexthop', ...hopWords(hop, onlink));
      if (hop.weight !== 1) words.push('weight', String(hop.weight));
    }
  }
  return words.join(' ');
}
