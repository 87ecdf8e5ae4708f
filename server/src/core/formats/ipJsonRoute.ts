/** One `ip -j route` object as a Route: the same fields as the text format, under iproute2's JSON keys. */
import { type Address, type Family, parseAddress } from '../net/address';
import { type Prefix, defaultPrefix, formatPrefix, parsePrefix } from '../net/prefix';
import { type Finding, type NextHop, REJECT_TYPES, ROUTE_TYPES, type Route, type RouteType, type Span, makeFinding } from '../model';
import { MAIN, tableRef } from './ipArgs';
import { clip } from './ipRoute';
import { type JsonEntry, type JsonPos, type JsonValue, sourceText } from './jsonScan';

type JsonObject = JsonValue & { kind: 'object' };

export interface JsonRouteContext {
  readonly lines: readonly string[];
  readonly family?: Family;
  readonly table?: string;
  readonly nextId: () => number;
  readonly report: (finding: Finding) => void;
}

/** Keys iproute2 prints on routes (ip/iproute.c); anything else is kept with an `unknown-keyword` note. */
const KNOWN_KEYS = new Set([
  'type', 'dst', 'from', 'src', 'nhid', 'to', 'encap', 'tos', 'dsfield', 'gateway', 'via', 'dev', 'table', 'protocol',
  'scope', 'prefsrc', 'metric', 'flags', 'mark', 'flow', 'uid', 'cache', 'expires', 'error', 'users', 'used', 'age',
  'ipid', 'ts', 'tsage', 'metrics', 'iif', 'pref', 'ttl-propogate', 'ttl-propagate', 'nexthops', 'deleted', 'nh_info',
  'newdst', 'family',
]);

const HOP_KEYS = new Set(['gateway', 'via', 'dev', 'weight', 'flags', 'encap', 'ttl', 'flow', 'nhid']);

export function spanOf(value: { start: JsonPos; end: JsonPos }): Span {
  return { line: value.start.line, col: value.start.col, endLine: value.end.line, endCol: value.end.col };
}

/**
 * An object's span for messages and hovers. Pretty output ends a line with `{` (`},{`), so the span then starts at
 * the first key: a route's line is where its fields are, not the previous route's closing brace.
 */
export function objectSpan(obj: JsonValue & { kind: 'object' }, lines: readonly string[]): Span {
  const first = obj.entries[0];
  const text = lines[obj.start.line] ?? '';
  if (first && first.keyStart.line > obj.start.line && text.trimEnd().length === obj.start.col + 1) {
    return { line: first.keyStart.line, col: first.keyStart.col, endLine: obj.end.line, endCol: obj.end.col };
  }
  return spanOf(obj);
}

/** The inside of a string value, without its quotes. */
function innerSpan(value: JsonValue): Span {
  if (value.kind !== 'string' || value.start.line !== value.end.line) return spanOf(value);
  return { line: value.start.line, col: value.start.col + 1, endLine: value.end.line, endCol: value.end.col - 1 };
}

/** Reads a route object; undefined (after a `parse-error`) when it has no usable destination. */
export function routeFromJson(obj: JsonObject, ctx: JsonRouteContext): Route | undefined {
  const error = (message: string, at: JsonValue): undefined => {
    ctx.report(makeFinding('parse-error', 'error', message, innerSpan(at)));
    return undefined;
  };
  const get = new Map<string, JsonEntry>();
  for (const e of obj.entries) if (!get.has(e.key)) get.set(e.key, e);
  const str = (key: string): JsonValue | undefined => get.get(key)?.value;
  const dst = str('dst');
  if (!dst || dst.kind !== 'string') return error('A route object needs a "dst" string.', dst ?? obj);
  let type: RouteType = 'unicast';
  const typeValue = str('type');
  if (typeValue) {
    if (typeValue.kind !== 'string' || !ROUTE_TYPES.has(typeValue.value)) return error('Unknown route "type".', typeValue);
    type = typeValue.value as RouteType;
  }
  const attributes: Record<string, string> = {};
  let family = ctx.family;
  let prefix: Prefix | undefined;
  const dstText = dst.value.trim();
  if (dstText !== 'default') {
    // iproute2 prints `0/8` when the kernel sends a length without an address.
    const zero = /^0\/(\d{1,3})$/.exec(dstText);
    const parsed = zero ? undefined : parsePrefix(dstText);
    if (!zero && !parsed) return error(`'${clip(dstText)}' is not a valid IPv4 or IPv6 destination.`, dst);
    if (parsed) {
      prefix = parsed.prefix;
      family = prefix.family;
      if (parsed.hostBitsSet) {
        ctx.report(makeFinding('invalid-prefix', 'warning',
          `'${clip(dstText)}' has bits set past its prefix length; the kernel rejects it ("Invalid prefix for given prefix length"). Read as ${formatPrefix(parsed.prefix)}.`,
          innerSpan(dst)));
      }
    } else if (zero) {
      attributes.dstlen = zero[1] ?? '';
    }
  }
  const gateway = (value: JsonValue | undefined): { address?: Address; foreign?: Family } => {
    if (!value) return {};
    if (value.kind === 'string') {
      const a = parseAddress(value.value);
      if (!a) error(`'${clip(value.value)}' is not a valid gateway address.`, value);
      return a ? { address: a } : {};
    }
    if (value.kind === 'object') {
      const host = value.entries.find((e) => e.key === 'host')?.value;
      const a = host?.kind === 'string' ? parseAddress(host.value) : undefined;
      if (!a) error('"via" needs a "host" address.', host ?? value);
      return a ? { address: a, foreign: a.family } : {};
    }
    error('A gateway must be a string.', value);
    return {};
  };
  const head = { ...gateway(str('gateway')), ...gateway(str('via')) };
  // `via` names another family than the route's (RFC 5549); a plain gateway has the route's own.
  family ??= head.foreign !== undefined ? (head.foreign === 4 ? 6 : 4) : head.address?.family;
  const prefsrcValue = str('prefsrc');
  let src: Address | undefined;
  if (prefsrcValue) {
    src = prefsrcValue.kind === 'string' ? parseAddress(prefsrcValue.value) : undefined;
    if (!src) error('"prefsrc" is not a valid address.', prefsrcValue);
    family ??= src?.family;
  }
  const hopsValue = str('nexthops');
  const hops: NextHop[] = [];
  if (hopsValue && hopsValue.kind === 'array') {
    for (const item of hopsValue.items) {
      if (item.kind !== 'object') {
        error('A next hop must be an object.', item);
        continue;
      }
      const hop = readHop(item, gateway, error, ctx);
      family ??= hop.gateway?.family;
      hops.push(hop);
    }
  } else if (hopsValue) {
    error('"nexthops" must be an array.', hopsValue);
  }
  if (family === undefined && get.has('pref')) family = 6;
  family ??= 4;
  prefix ??= { ...defaultPrefix(family), len: Number(attributes.dstlen ?? 0) };
  const metricValue = str('metric');
  let metric: number | undefined;
  if (metricValue) {
    if (metricValue.kind === 'number' && Number.isInteger(metricValue.value) && metricValue.value >= 0 && metricValue.value <= 0xffffffff) {
      metric = metricValue.value;
    } else {
      error('"metric" must be a number from 0 to 4294967295.', metricValue);
    }
  }
  const tableValue = str('table');
  const tableText = tableValue?.kind === 'string' ? tableValue.value : tableValue?.kind === 'number' ? tableValue.text : ctx.table;
  const table = tableText !== undefined ? tableRef(tableText) : MAIN;
  const flags = stringList(str('flags'));
  const dev = str('dev');
  const device = dev?.kind === 'string' ? dev.value : undefined;
  const span = objectSpan(obj, ctx.lines);
  let nexthops: NextHop[] = hops;
  if (hops.length === 0 && (head.address || device)) {
    nexthops = [{ gateway: head.address, device, weight: 1, flags: [], span }];
  }
  if (REJECT_TYPES.has(type) || type === 'throw') nexthops = [];
  for (const e of obj.entries) {
    if (HANDLED.has(e.key)) continue;
    attributes[e.key] = scalarText(e.value, ctx.lines);
    if (e.key === 'metrics' && e.value.kind === 'array') {
      delete attributes.metrics;
      for (const m of e.value.items) {
        if (m.kind === 'object') for (const me of m.entries) attributes[me.key] = scalarText(me.value, ctx.lines);
      }
    }
    if (!KNOWN_KEYS.has(e.key)) {
      ctx.report(makeFinding('unknown-keyword', 'information',
        `Unknown key '${clip(e.key)}': kept as an attribute and not used in the analysis.`, spanOf({ start: e.keyStart, end: e.keyEnd })));
    }
  }
  const text = (key: string): string | undefined => {
    const v = str(key);
    return v?.kind === 'string' ? v.value : v?.kind === 'number' ? v.text : undefined;
  };
  return {
    id: ctx.nextId(),
    family,
    prefix,
    type,
    table: table.table,
    tableId: table.tableId,
    metric: metric ?? (family === 6 ? 1024 : 0),
    metricExplicit: metric !== undefined,
    proto: text('protocol'),
    scope: text('scope'),
    src,
    tos: text('tos') ?? text('dsfield'),
    nexthops,
    flags,
    attributes,
    span,
    prefixSpan: innerSpan(dst),
    text: sourceText(ctx.lines, obj),
  };
}

/** Keys that become Route fields rather than attributes. */
const HANDLED = new Set(['type', 'dst', 'gateway', 'via', 'dev', 'table', 'protocol', 'scope', 'prefsrc', 'metric', 'flags', 'nexthops', 'tos', 'dsfield']);

function readHop(
  item: JsonObject,
  gateway: (v: JsonValue | undefined) => { address?: Address },
  error: (message: string, at: JsonValue) => undefined,
  ctx: JsonRouteContext,
): NextHop {
  let address: Address | undefined;
  let device: string | undefined;
  let weight = 1;
  let flags: readonly string[] = [];
  for (const e of item.entries) {
    const v = e.value;
    if (e.key === 'gateway' || e.key === 'via') {
      address = gateway(v).address;
    } else if (e.key === 'dev' && v.kind === 'string') {
      device = v.value;
    } else if (e.key === 'weight') {
      if (v.kind === 'number' && Number.isInteger(v.value) && v.value >= 1 && v.value <= 256) weight = v.value;
      else error('"weight" must be a number from 1 to 256.', v);
    } else if (e.key === 'flags') {
      flags = stringList(v);
    } else if (!HOP_KEYS.has(e.key)) {
      ctx.report(makeFinding('unknown-keyword', 'information',
        `Unknown next-hop key '${clip(e.key)}': not used in the analysis.`, spanOf({ start: e.keyStart, end: e.keyEnd })));
    }
  }
  return { gateway: address, device, weight, flags, span: objectSpan(item, ctx.lines) };
}

function stringList(value: JsonValue | undefined): string[] {
  if (!value || value.kind !== 'array') return [];
  const out: string[] = [];
  for (const item of value.items) if (item.kind === 'string') out.push(item.value);
  return out;
}

/** An attribute's text: strings and numbers as printed, anything else as its JSON source. */
function scalarText(value: JsonValue, lines: readonly string[]): string {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return value.text;
  if (value.kind === 'literal') return String(value.value);
  if (value.kind === 'array' && value.items.every((i) => i.kind === 'string')) {
    return value.items.map((i) => (i.kind === 'string' ? i.value : '')).join(',');
  }
  return sourceText(lines, value);
}
