import { type Analysis, analyze } from '../../server/src/core/analyze';
import { parseAddress } from '../../server/src/core/net/address';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { type Resolution, resolve } from '../../server/src/core/resolver';
import type { PlannedSection } from '../../server/src/core/formats/sections';
import type { ParsedDocument, Route } from '../../server/src/core/model';

/** The L2TP robot's table after connecting. */
export const L2TP = [
  'default dev ppp0 proto static scope link metric 50',
  'default via 192.168.101.1 dev eth0 proto dhcp src 192.168.101.23 metric 100',
  '192.168.101.0/24 dev eth0 proto kernel scope link src 192.168.101.23 metric 100',
  '203.0.113.77 via 192.168.101.1 dev eth0 proto static metric 100',
].join('\n');

export function table(...lines: string[]): Analysis {
  return analyze(lines.join('\n'));
}

export function lookup(analysis: Analysis, address: string): Resolution {
  const parsed = parseAddress(address);
  if (!parsed) throw new Error(`bad test address ${address}`);
  return resolve(analysis.tables, parsed);
}

/** `outcome dev line` in one string, so expectations read like `ip route get` answers. */
export function answer(analysis: Analysis, address: string): string {
  const r = lookup(analysis, address);
  if (!r.route) return r.outcome;
  const dev = r.nexthops.map((h) => h.device ?? '-').join(',');
  return `${r.outcome} ${formatPrefix(r.route.prefix)} ${dev} line ${r.route.span.line + 1}`;
}

export function codes(analysis: Analysis): string[] {
  return analysis.findings.map((f) => `${f.code}@${f.span.line + 1}`);
}

/** Every value a route shows through the Route interface, as plain data: routes compare by what they say, not how they are stored. */
export function routeValues(route: Route): unknown {
  return {
    id: route.id, family: route.family, prefix: { family: route.prefix.family, words: route.prefix.words, len: route.prefix.len },
    type: route.type, table: route.table, tableId: route.tableId, metric: route.metric, metricExplicit: route.metricExplicit,
    proto: route.proto, scope: route.scope, src: route.src, tos: route.tos,
    nexthops: route.nexthops.map((h) => ({ gateway: h.gateway, device: h.device, weight: h.weight, flags: h.flags, span: h.span })),
    flags: route.flags, attributes: route.attributes, span: route.span, prefixSpan: route.prefixSpan, text: route.text,
  };
}

/** A parsed document with its routes as `routeValues`. */
export function documentValues(document: ParsedDocument): unknown {
  return { ...document, routes: document.routes.map(routeValues) };
}

/** A section plan as plain data, each parser by its id. */
export function planValues(plan: readonly PlannedSection[]): unknown {
  return plan.map((s) => ({ ...s, parser: s.parser?.id }));
}

/** `text` cut after every `every`-th line feed, as the CLI reads a big file: pieces that end with a line feed. */
export function inPieces(text: string, every: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let feeds = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (++feeds % every !== 0) continue;
    pieces.push(text.slice(start, at + 1));
    start = at + 1;
  }
  if (start < text.length || pieces.length === 0) pieces.push(text.slice(start));
  return pieces;
}
