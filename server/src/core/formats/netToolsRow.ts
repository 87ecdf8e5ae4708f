/** Turns one row of a net-tools routing table into the parts of a Route. */
import { type Address, type Family, parseAddress, parseIPv4 } from '../net/address';
import { type Prefix, parsePrefix, prefixOf } from '../net/prefix';
import { type Finding, type RouteType, type Span, makeFinding, spanOnLine } from '../model';
import { LOCAL_TABLE, MAIN_TABLE } from '../tables';
import { clip } from './ipRoute';
import { type ColumnRole, IMPLIED_FLAGS, IPV4_FLAGS, IPV6_FLAGS, type Layout, maskLength, readMetric } from './netToolsColumns';
import type { Token } from './tokens';

/** A row read into route parts; `skip` rows are valid but not routes (the kernel's placeholders, cache entries). */
export type RowResult =
  | { readonly kind: 'route'; readonly row: RowRoute }
  | { readonly kind: 'skip'; readonly why: 'null-entry' | 'cache' }
  | { readonly kind: 'error' };

export interface RowRoute {
  readonly family: Family;
  readonly prefix: Prefix;
  readonly type: RouteType;
  readonly tableId: number;
  readonly metric: number | undefined;
  readonly gateway: Address | undefined;
  /** A gateway printed as a name (`route` without `-n`): its address is unknown. */
  readonly gatewayName: Token | undefined;
  readonly device: string | undefined;
  readonly flags: readonly string[];
  readonly letters: string;
  readonly attributes: Record<string, string>;
  readonly prefixToken: Token;
}

/** Names `route` prints without `-n` that stand for a fixed network (Debian's /etc/networks). */
const NETWORK_NAMES: Readonly<Record<string, string>> = { default: '0.0.0.0', 'link-local': '169.254.0.0' };

const NO_GATEWAY = new Set(['0.0.0.0', '*', '-', '::']);
const MULTICAST: Prefix = { family: 6, words: [0xff000000, 0, 0, 0], len: 8 };

/**
 * `guessLocal`: the table comes from a tool that cannot print the n flag (BusyBox, net-tools before 2.0), so an
 * interface-less /128 with metric 0, the shape of the kernel's address routes, is read as a local route.
 */
export function readRow(tokens: readonly Token[], layout: Layout, family: Family, n: number, report: (f: Finding) => void, guessLocal = false): RowResult {
  const error = (message: string, span: Span): RowResult => {
    report(makeFinding('parse-error', 'error', message, span));
    return { kind: 'error' };
  };
  const first = tokens[0] as Token;
  const last = tokens[tokens.length - 1] as Token;
  const lineSpan = spanOnLine(n, first.start, last.end);
  // An interface-less IPv6 row prints an empty name, so the last column may be missing; IPv4 prints `*`.
  const missingIface = family === 6 && tokens.length === layout.length - 1 && layout[layout.length - 1] === 'iface';
  if (tokens.length !== layout.length && !missingIface) {
    return error(`Expected ${layout.length} columns, found ${tokens.length}: not a row of this routing table.`, lineSpan);
  }
  const cells = new Map<ColumnRole, Token>();
  layout.forEach((role, i) => {
    const t = tokens[i];
    if (t) cells.set(role, t);
  });
  const dest = cells.get('destination') as Token;
  const flagsTok = cells.get('flags');
  const letters = flagsTok?.text ?? '';
  const names = family === 4 ? IPV4_FLAGS : IPV6_FLAGS;
  const flags: string[] = [];
  const unknownLetters: string[] = [];
  for (const ch of letters) {
    const word = names[ch];
    if (word === undefined) unknownLetters.push(ch);
    else if (!IMPLIED_FLAGS.has(word) && !flags.includes(word)) flags.push(word);
  }
  if (flagsTok && unknownLetters.length > 0) {
    if (letters.length > 12) return error(`'${clip(letters)}' is not a flags column.`, spanOnLine(n, flagsTok.start, flagsTok.end));
    report(makeFinding('unknown-keyword', 'information',
      `Unknown flag${unknownLetters.length > 1 ? 's' : ''} '${unknownLetters.join('')}': kept as an attribute and not used in the analysis.`,
      spanOnLine(n, flagsTok.start, flagsTok.end)));
  }
  let prefix: Prefix;
  if (family === 4) {
    const address = parseIPv4(NETWORK_NAMES[dest.text] ?? dest.text);
    if (!address) return error(badAddress(dest.text, 'destination'), spanOnLine(n, dest.start, dest.end));
    const maskTok = cells.get('genmask');
    const mask = maskTok ? parseIPv4(maskTok.text) : undefined;
    const len = mask ? maskLength(mask.words[0] ?? 0) : undefined;
    if (len === undefined) {
      const at = maskTok ?? dest;
      return error(`'${clip(at.text)}' is not a netmask: a genmask is a dotted quad of leading one bits, such as 255.255.255.0.`,
        spanOnLine(n, at.start, at.end));
    }
    prefix = prefixOf(address, len);
    if (prefix.words[0] !== address.words[0]) hostBits(report, dest, n, `${dest.text} with mask ${maskTok?.text ?? ''}`);
  } else {
    const parsed = dest.text.includes('/') ? parsePrefix(dest.text) : undefined;
    if (!parsed || parsed.prefix.family !== 6) return error(badAddress(dest.text, 'IPv6 destination'), spanOnLine(n, dest.start, dest.end));
    prefix = parsed.prefix;
    if (parsed.hostBitsSet) hostBits(report, dest, n, dest.text);
  }
  const metricTok = cells.get('metric');
  const metric = metricTok && metricTok.text !== '-' ? readMetric(metricTok.text) : undefined;
  if (metricTok && metricTok.text !== '-' && metric === undefined) {
    return error(`Metric '${clip(metricTok.text)}' is not a number.`, spanOnLine(n, metricTok.start, metricTok.end));
  }
  const gwTok = cells.get('gateway');
  let gateway: Address | undefined;
  let gatewayName: Token | undefined;
  if (gwTok && !NO_GATEWAY.has(gwTok.text)) {
    gateway = parseAddress(gwTok.text);
    if (!gateway || gateway.family !== family) {
      if (/^[0-9a-fA-F:.]+$/.test(gwTok.text)) return error(badAddress(gwTok.text, 'gateway'), spanOnLine(n, gwTok.start, gwTok.end));
      gateway = undefined;
      gatewayName = gwTok;
    }
  }
  const ifaceText = cells.get('iface')?.text;
  const device = ifaceText === undefined || ifaceText === '*' || ifaceText === '-' ? undefined : ifaceText;
  const attributes: Record<string, string> = {};
  for (const [role, tok] of cells) {
    if (role === 'destination' || role === 'gateway' || role === 'genmask' || role === 'metric' || role === 'iface') continue;
    attributes[role.startsWith('other:') ? role.slice(6) : role] = tok.text;
  }
  if (gatewayName) attributes.gateway = gatewayName.text;
  if (ifaceText === '*') attributes.iface = '*';
  const reject = letters.includes('!');
  let type: RouteType = 'unicast';
  let tableId = MAIN_TABLE;
  if (reject) {
    // The kernel's placeholder at the root of every IPv6 table: not a route anyone added.
    if (family === 6 && prefix.len === 0 && metric === 0xffffffff && device === 'lo') return { kind: 'skip', why: 'null-entry' };
    type = 'unreachable';
  } else if (family === 6 && letters.includes('C')) {
    return { kind: 'skip', why: 'cache' };
  } else if (family === 4 && device === undefined && !gateway && !gatewayName && !letters.includes('G')) {
    // /proc/net/route prints blackhole (and throw) routes with no interface and no reject flag.
    type = 'blackhole';
  } else if (family === 6 && !gateway && (letters.includes('n') || (guessLocal && prefix.len === 128 && metric === 0))) {
    // Address routes the kernel adds carry RTF_NONEXTHOP; they live in table local.
    type = 'local';
    tableId = LOCAL_TABLE;
  } else if (family === 6 && !gateway && samePrefix6(prefix, MULTICAST)) {
    type = 'multicast';
    tableId = LOCAL_TABLE;
  }
  return {
    kind: 'route',
    row: { family, prefix, type, tableId, metric, gateway, gatewayName, device, flags, letters, attributes, prefixToken: dest },
  };
}

function samePrefix6(a: Prefix, b: Prefix): boolean {
  return a.len === b.len && a.words.every((w, i) => w === b.words[i]);
}

function hostBits(report: (f: Finding) => void, tok: Token, n: number, what: string): void {
  report(makeFinding('invalid-prefix', 'warning',
    `'${clip(what)}' has bits set past its prefix length; the kernel never prints that. Read as the masked network.`,
    spanOnLine(n, tok.start, tok.end)));
}

function badAddress(text: string, what: string): string {
  if (/^[0-9a-fA-F:./]+$/.test(text) && /[.:]/.test(text)) return `'${clip(text)}' is not a valid ${what} address.`;
  return `'${clip(text)}' is a name, not an address: paste the output of \`route -n\` (numeric) so the ${what} can be read.`;
}
