import { type Family, bitLength } from '../net/address';
import { type Prefix, formatPrefix } from '../net/prefix';
import { type Finding, type NextHop, type RouteType, type Span, makeFinding, spanOnLine } from '../model';
import { type Row, attributeKey } from './bsdColumns';
import { type Gateway, clip, parseDestination, parseGateway } from './bsdDestination';
import { type BsdVariant, readFlags } from './bsdFlags';
import type { Token } from './tokens';

/** A route read from one line, before it gets an id; OpenBSD multipath lines merge into one. */
export interface RouteDraft {
  readonly family: Family;
  readonly prefix: Prefix;
  readonly type: RouteType;
  readonly metric: number;
  readonly metricExplicit: boolean;
  readonly proto: string | undefined;
  readonly hops: NextHop[];
  readonly flags: readonly string[];
  readonly attributes: Record<string, string>;
  readonly line: number;
  readonly dest: Token;
  endLine: number;
  endCol: number;
  readonly text: string;
  /** OpenBSD flag P: equal routes share the traffic instead of one shadowing the other. */
  readonly multipath: boolean;
}

export interface RowContext {
  /** From `Internet:` / `Internet6:` or the command's `-f`; undefined when the paste has neither. */
  readonly family: Family | undefined;
  readonly variant: BsdVariant;
}

const LOOPBACK_INTERFACE = /^lo\d*$/;

/** Turns a row into a route draft; unreadable cells become findings and the row is dropped. */
export function readRow(
  row: Row, n: number, text: string, lastEnd: number, context: RowContext, report: (f: Finding) => void,
): RouteDraft | undefined {
  const error = (message: string, token: Token): undefined => {
    report(makeFinding('parse-error', 'error', message, spanOnLine(n, token.start, token.end)));
    return undefined;
  };
  const flags = readFlags(row.flags.text, context.variant);
  const family = context.family ?? guessFamily(row);
  const dest = parseDestination(row.dest.text, family, flags.has('H'));
  if (typeof dest === 'string') return error(dest, row.dest);
  if (dest.hostBitsSet) {
    report(makeFinding('invalid-prefix', 'warning',
      `'${clip(row.dest.text)}' has bits set past its prefix length; the kernel stores the masked prefix. Read as ${formatPrefix(dest.prefix)}.`,
      spanOnLine(n, row.dest.start, row.dest.end)));
  }
  const gateway = parseGateway(row.gateway.text, dest.prefix.family);
  if (!gateway) return error(`'${clip(row.gateway.text)}' is not a gateway: expected an address, link#N, a link-layer address or an interface.`, row.gateway);
  const viaGateway = flags.has('G') && gateway.kind === 'address';
  if (flags.has('G') && gateway.kind === 'word') {
    return error(`'${clip(row.gateway.text)}' is a host name, not a gateway address: paste numeric output (\`netstat -rn\`).`, row.gateway);
  }
  for (const letter of flags.unknown) {
    report(makeFinding('unknown-keyword', 'information',
      `Unknown flag '${letter}': kept in the route's flags attribute and not used in the analysis.`,
      spanOnLine(n, row.flags.start, row.flags.end)));
  }
  const device = row.iface && row.iface.text !== '---' ? row.iface.text : (dest.zone ?? zoneOf(gateway) ?? wordGateway(gateway, row));
  const type = routeType(flags.has, dest.prefix, device);
  const attributes = rowAttributes(row, viaGateway, dest.zone);
  for (const token of row.extra) {
    report(makeFinding('unknown-keyword', 'information',
      `Unexpected value '${clip(token.text)}' past the known columns: kept as an attribute and not used in the analysis.`,
      spanOnLine(n, token.start, token.end)));
  }
  const hopSpan: Span = spanOnLine(n, row.gateway.start, lastEnd);
  const rejected = type === 'blackhole' || type === 'unreachable';
  const hops: NextHop[] = rejected || (!viaGateway && device === undefined) ? [] : [{
    gateway: viaGateway && gateway.kind === 'address' ? gateway.address : undefined,
    device,
    weight: 1,
    flags: [],
    span: hopSpan,
  }];
  const prio = row.middle.find((c) => c.name === 'Prio');
  const metric = prio && /^\d{1,10}$/.test(prio.token.text) ? Number(prio.token.text) : undefined;
  return {
    family: dest.prefix.family,
    prefix: dest.prefix,
    type,
    metric: metric ?? 0,
    metricExplicit: metric !== undefined,
    // Without G the gateway is the interface itself (link#N, its address or a neighbour's lladdr): routes the
    // kernel installs for an address or clones from one. `-interface` routes print the interface's name instead.
    proto: !flags.has('G') && !rejected && gateway.kind !== 'word' ? 'kernel' : undefined,
    hops,
    flags: flags.words,
    attributes,
    line: n,
    dest: row.dest,
    endLine: n,
    endCol: lastEnd,
    text: clip(text, 160),
    multipath: flags.has('P'),
  };
}

/**
 * BSD route types live in the flags: B blackhole, R reject, OpenBSD l local and b broadcast, m multicast.
 * A host route on a loopback interface without a gateway is one of the host's own addresses.
 */
function routeType(has: (letter: string) => boolean, prefix: Prefix, device: string | undefined): RouteType {
  if (has('B')) return 'blackhole';
  if (has('R')) return 'unreachable';
  if (has('l')) return 'local';
  if (has('b')) return 'broadcast';
  if (has('m')) return 'multicast';
  if (!has('G') && prefix.len === bitLength(prefix.family) && device !== undefined && LOOPBACK_INTERFACE.test(device)) return 'local';
  return 'unicast';
}

function rowAttributes(row: Row, viaGateway: boolean, zone: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = { flags: row.flags.text };
  if (!viaGateway) attributes.gateway = row.gateway.text;
  if (zone !== undefined) attributes.zone = zone;
  for (const cell of [...row.lead, ...row.middle, ...row.tail]) {
    if (cell.token.text !== '-') attributes[attributeKey(cell.name)] = cell.token.text;
  }
  if (row.mtuLocked) attributes.mtuLocked = 'yes';
  if (row.duplicateKey) attributes.duplicateKey = 'yes';
  row.extra.forEach((token, k) => {
    attributes[`extra${k + 1}`] = token.text;
  });
  return attributes;
}

/** Without a section header, an IPv6 destination or gateway says the family; `default` alone is IPv4. */
function guessFamily(row: Row): Family {
  if (row.dest.text.includes(':')) return 6;
  const gateway = parseGateway(row.gateway.text, 4);
  return gateway?.kind === 'address' ? gateway.address.family : 4;
}

function zoneOf(gateway: Gateway): string | undefined {
  return gateway.kind === 'address' ? gateway.zone : undefined;
}

/** `0/1 utun0 UScg` (wg-quick's `-interface` routes) names the interface in the Gateway column. */
function wordGateway(gateway: Gateway, row: Row): string | undefined {
  return gateway.kind === 'word' ? row.gateway.text : undefined;
}
