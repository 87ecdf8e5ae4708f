/** Column layouts of net-tools' `route` and `netstat -r` tables, and the small readers their cells need. */
import type { Token } from './tokens';

/** What a column holds; unknown headings keep their own name and land in the route's attributes. */
export type ColumnRole =
  | 'destination' | 'gateway' | 'genmask' | 'flags' | 'metric' | 'ref' | 'use' | 'iface' | 'mss' | 'window' | 'irtt'
  | 'source' | `other:${string}`;

export type Layout = readonly ColumnRole[];

const HEADINGS: Readonly<Record<string, ColumnRole>> = {
  Destination: 'destination', Gateway: 'gateway', Genmask: 'genmask', Flags: 'flags', Flag: 'flags',
  Metric: 'metric', Met: 'metric', Ref: 'ref', Use: 'use', Iface: 'iface', If: 'iface', MSS: 'mss',
  Window: 'window', irtt: 'irtt', Source: 'source',
};

/** `route -n`, `netstat -rne`. */
export const ROUTE_LAYOUT: Layout = ['destination', 'gateway', 'genmask', 'flags', 'metric', 'ref', 'use', 'iface'];
/** `netstat -rn`, `route -ne`: MSS, window and irtt instead of the metric. */
export const NETSTAT_LAYOUT: Layout = ['destination', 'gateway', 'genmask', 'flags', 'mss', 'window', 'irtt', 'iface'];
/** `route -nee`, `netstat -rnee`. */
export const EXTENDED_LAYOUT: Layout = [...ROUTE_LAYOUT, 'mss', 'window', 'irtt'];
/** `route -6 -n`, `netstat -rn6`: the prefix carries its length, so there is no mask column. */
export const IPV6_LAYOUT: Layout = ['destination', 'gateway', 'flags', 'metric', 'ref', 'use', 'iface'];

export interface HeaderRead {
  readonly layout: Layout;
  /** Headings no role matched, for an `unknown-keyword` note. */
  readonly unknown: readonly Token[];
}

/** Reads a column heading line (`Destination Gateway Genmask Flags ...`); `Next Hop` is one heading. */
export function readHeader(tokens: readonly Token[]): HeaderRead {
  const layout: ColumnRole[] = [];
  const unknown: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === 'Next' && tokens[i + 1]?.text === 'Hop') {
      layout.push('gateway');
      i++;
      continue;
    }
    const role = HEADINGS[t.text];
    if (role) {
      layout.push(role);
    } else {
      layout.push(`other:${t.text}`);
      unknown.push(t);
    }
  }
  return { layout, unknown };
}

export function isColumnHeader(tokens: readonly Token[]): boolean {
  const first = tokens[0]?.text;
  return (first === 'Destination' || first === 'Source') && tokens.some((t) => t.text === 'Flags' || t.text === 'Flag');
}

/** A contiguous dotted-quad mask as a prefix length; undefined for anything else (`255.0.255.0`). */
export function maskLength(word: number): number | undefined {
  const inverted = ~word >>> 0;
  // A contiguous mask is ones then zeros, so its complement plus one is a power of two (or zero overflowing).
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  let len = 0;
  for (let w = word >>> 0; w & 0x80000000; w = (w << 1) >>> 0) len++;
  return len;
}

/** net-tools prints metrics with `%d`, so 4294967295 shows as -1. */
export function readMetric(text: string): number | undefined {
  if (!/^-?\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  if (n < 0) return n >= -0x80000000 ? n + 0x100000000 : undefined;
  return n <= 0xffffffff ? n : undefined;
}

/** Flag letters of the IPv4 table (lib/inet_gr.c), as the words routes carry. */
export const IPV4_FLAGS: Readonly<Record<string, string>> = {
  U: 'up', G: 'gateway', H: 'host', '!': 'reject', R: 'reinstate', D: 'dynamic', M: 'modified', d: 'default-router',
  a: 'allonlink', c: 'addrconf', o: 'nonexthop', e: 'expires', f: 'flow', p: 'policy', l: 'local', u: 'mtu',
  w: 'window', i: 'irtt', n: 'notcached', C: 'cache', A: 'addrconf',
};

/** Flag letters of the IPv6 table (lib/inet6_gr.c). */
export const IPV6_FLAGS: Readonly<Record<string, string>> = {
  U: 'up', '!': 'reject', G: 'gateway', H: 'host', D: 'default-router', A: 'addrconf', C: 'cache', a: 'allonlink',
  e: 'expires', m: 'modified', n: 'nonexthop', f: 'flow',
};

/** Flags that only restate the columns; the others are kept on the route. */
export const IMPLIED_FLAGS: ReadonlySet<string> = new Set(['up', 'gateway']);
