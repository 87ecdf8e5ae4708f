import { parseAddress } from '../net/address';
import { formatPrefix, parsePrefix } from '../net/prefix';
import type { Span } from '../model';
import { clip } from './ipRoute';
import type { Token } from './tokens';
import type { Problem } from './windowsRoutePrintRows';
import { type WindowsRouteDraft, parseMetric } from './windowsRoutes';

/** One property of a route as printed, by table column or `Key : Value` line. */
export interface Field {
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}

/** A route's properties keyed by lower-case name. */
export type RouteRecord = Map<string, Field>;

/** MSFT_NetRoute's properties: anything else is kept but reported as unknown. */
export const KNOWN_PROPERTIES: ReadonlySet<string> = new Set([
  'destinationprefix', 'nexthop', 'routemetric', 'ifmetric', 'interfacemetric', 'ifindex', 'interfaceindex',
  'interfacealias', 'addressfamily', 'policystore', 'store', 'protocol', 'state', 'publish', 'typeofroute',
  'validlifetime', 'preferredlifetime', 'compartmentid', 'caption', 'description', 'elementname', 'instanceid',
  'admindistance', 'destinationaddress', 'isstatic', 'pscomputername', 'cimclass', 'ciminstanceproperties',
  'cimsystemproperties', 'availablerequestedstates', 'enableddefault', 'enabledstate', 'otherenabledstate',
  'requestedstate', 'timeoflaststatechange', 'transitioningtostate', 'generation', 'systemcreationclassname',
  'systemname', 'creationclassname', 'name', 'status', 'operationalstatus', 'healthstate', 'installdate',
]);

/** Properties read into the route itself or into attributes under one spelling. */
const NORMALIZED: ReadonlySet<string> = new Set([
  'destinationprefix', 'nexthop', 'interfacealias', 'routemetric', 'ifmetric', 'interfacemetric', 'ifindex', 'interfaceindex',
]);

type ColumnType = 'int' | 'optional-int' | 'prefix' | 'address' | 'text' | 'word';

export interface Column {
  readonly key: string;
  readonly type: ColumnType;
}

/** Get-NetRoute's default table view, for rows pasted without their header. */
export const DEFAULT_COLUMNS: readonly Column[] = ['ifIndex', 'DestinationPrefix', 'NextHop', 'RouteMetric', 'ifMetric', 'PolicyStore']
  .map(column);

export function column(key: string): Column {
  const k = key.toLowerCase();
  let type: ColumnType = 'word';
  if (k === 'ifindex' || k === 'interfaceindex' || k === 'routemetric' || k === 'compartmentid') type = 'int';
  else if (k === 'ifmetric' || k === 'interfacemetric') type = 'optional-int';
  else if (k === 'destinationprefix') type = 'prefix';
  else if (k === 'nexthop') type = 'address';
  else if (k === 'interfacealias' || k === 'caption' || k === 'description' || k === 'elementname') type = 'text';
  return { key, type };
}

function fits(type: ColumnType, text: string): boolean {
  switch (type) {
    case 'int':
    case 'optional-int':
      return parseMetric(text) !== undefined;
    case 'prefix':
    case 'address':
      return text.includes('.') || text.includes(':');
    default:
      return true;
  }
}

/**
 * Matches a row's words to the columns by their kind, not their position, so rows whose spaces a forum
 * squeezed still read. An empty interface metric is skipped; one free-text column (InterfaceAlias)
 * takes whatever words the columns on either side leave.
 */
export function assignRow(columns: readonly Column[], tokens: readonly Token[], n: number): RouteRecord | undefined {
  const record: RouteRecord = new Map();
  const put = (col: Column, from: number, to: number): void => {
    const first = tokens[from] as Token;
    const last = tokens[to - 1] as Token;
    const value = tokens.slice(from, to).map((t) => t.text).join(' ');
    record.set(col.key.toLowerCase(), { key: col.key, value, span: { line: n, col: first.start, endLine: n, endCol: last.end } });
  };
  const textAt = columns.findIndex((c) => c.type === 'text');
  const left = textAt < 0 ? columns : columns.slice(0, textAt);
  let i = 0;
  for (const col of left) {
    const tok = tokens[i];
    if (tok && fits(col.type, tok.text)) {
      put(col, i, i + 1);
      i++;
    } else if (col.type !== 'optional-int') {
      return undefined;
    }
  }
  if (textAt < 0) return i === tokens.length ? record : undefined;
  let j = tokens.length;
  for (const col of columns.slice(textAt + 1).reverse()) {
    const tok = tokens[j - 1];
    if (j > i && tok && fits(col.type, tok.text)) {
      put(col, j - 1, j);
      j--;
    } else if (col.type !== 'optional-int') {
      return undefined;
    }
  }
  if (j > i) put(columns[textAt] as Column, i, j);
  return record;
}

/** The row's route, or why it cannot be read. */
export function recordToDraft(record: RouteRecord, span: Span, text: string): { draft: WindowsRouteDraft } | { problem: Problem } {
  const dest = record.get('destinationprefix');
  if (!dest || dest.value === '') return problem('A route needs a DestinationPrefix.', span);
  if (truncated(dest.value)) return problem(`'${clip(dest.value)}' was cut short by PowerShell's column width; paste \`Get-NetRoute | Format-Table -AutoSize\` or \`| Format-List\` instead.`, dest.span);
  const parsed = dest.value.includes('/') ? parsePrefix(dest.value) : undefined;
  if (!parsed) return problem(`'${clip(dest.value)}' is not a destination prefix (such as 10.0.0.0/8).`, dest.span);
  if (parsed.hostBitsSet) return problem(`'${clip(dest.value)}' has bits set past its prefix length (${formatPrefix(parsed.prefix)} would be valid); Windows never prints such a prefix.`, dest.span);
  const hop = record.get('nexthop');
  const gateway = hop && hop.value !== '' ? parseAddress(hop.value) : undefined;
  if (hop && hop.value !== '' && !gateway) return problem(`'${clip(hop.value)}' is not a next-hop address.`, hop.span);
  const routeMetric = numberField(record.get('routemetric'));
  const ifMetric = numberField(record.get('ifmetric') ?? record.get('interfacemetric'));
  const index = numberField(record.get('ifindex') ?? record.get('interfaceindex'));
  for (const bad of [routeMetric, ifMetric, index]) if (bad && 'problem' in bad) return bad;
  const store = record.get('policystore') ?? record.get('store');
  const alias = record.get('interfacealias')?.value;
  const attributes: Record<string, string> = {};
  for (const [key, field] of record) {
    if (!NORMALIZED.has(key) && field.value !== '') attributes[field.key] = field.value;
  }
  const rm = routeMetric && 'value' in routeMetric ? routeMetric.value : undefined;
  const im = ifMetric && 'value' in ifMetric ? ifMetric.value : undefined;
  if (rm !== undefined) attributes.routeMetric = String(rm);
  if (im !== undefined) attributes.interfaceMetric = String(im);
  const idx = index && 'value' in index ? index.value : undefined;
  if (idx !== undefined) attributes.ifIndex = String(idx);
  const ifKey = alias || (idx !== undefined ? `ifIndex ${idx}` : undefined);
  return {
    draft: {
      family: parsed.prefix.family,
      prefix: parsed.prefix,
      // 0.0.0.0 and :: mean on-link.
      gateway: gateway && gateway.words.some((w) => w !== 0) ? gateway : undefined,
      ifKey,
      device: ifKey,
      ifAddress: undefined,
      metric: Math.min(0xffffffff, (rm ?? 0) + (im ?? 0)),
      metricExplicit: rm !== undefined,
      persistent: store !== undefined && store.value.toLowerCase().startsWith('persist'),
      attributes,
      span,
      prefixSpan: dest.span,
      text: clip(text, 160),
    },
  };
}

function numberField(field: Field | undefined): { value: number } | { problem: Problem } | undefined {
  if (!field || field.value === '') return undefined;
  const value = parseMetric(field.value);
  return value === undefined ? problem(`${field.key} '${clip(field.value)}' is not a number.`, field.span) : { value };
}

/** PowerShell ends a value too wide for its column with `...` or `…`. */
export function truncated(value: string): boolean {
  return value.endsWith('...') || value.endsWith('\u2026');
}

function problem(message: string, span: Span): { problem: Problem } {
  return { problem: { code: 'parse-error', message, span } };
}
