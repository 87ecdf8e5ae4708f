/** Keywords of `ip route` output that take one value. */
export const VALUE_KEYWORDS: ReadonlySet<string> = new Set([
  'tos', 'dsfield', 'table', 'nhid', 'dev', 'oif', 'iif', 'proto', 'protocol', 'scope', 'src', 'metric',
  'preference', 'priority', 'from', 'expires', 'mtu', 'advmss', 'rtt', 'rttvar', 'reordering', 'window', 'cwnd',
  'initcwnd', 'initrwnd', 'ssthresh', 'realms', 'realm', 'rto_min', 'hoplimit', 'features', 'quickack', 'congctl',
  'fastopen_no_cookie', 'pref', 'weight', 'uid', 'mark', 'error', 'as', 'used', 'age', 'users', 'ipid', 'ttl-propagate',
  'ipproto', 'sport', 'dport', 'vrf', 'nexthop-group', 'hwaddr',
]);

/** Metrics that iproute2 may print as `KEY lock VALUE`. */
export const LOCKABLE: ReadonlySet<string> = new Set([
  'mtu', 'advmss', 'rtt', 'rttvar', 'reordering', 'window', 'cwnd', 'initcwnd', 'initrwnd', 'ssthresh', 'rto_min',
  'hoplimit', 'congctl',
]);

/** Flags iproute2 prints on a route or a next hop. */
export const FLAG_WORDS: ReadonlySet<string> = new Set([
  'onlink', 'linkdown', 'dead', 'pervasive', 'offload', 'trap', 'notify', 'unresolved', 'rt_offload', 'rt_trap',
  'rt_offload_failed', 'cache', 'cloned', 'redirected', 'notcached',
]);

/** Encapsulation attributes run to the next known keyword. */
export const ENCAP_KEYWORD = 'encap';
