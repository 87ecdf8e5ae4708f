import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Analysis, analyze } from '../../server/src/core/analyze';
import { joinWindowsInterfaces } from '../../server/src/core/formats/windowsJoin';
import type { ParsedDocument, Route } from '../../server/src/core/model';
import { formatAddress } from '../../server/src/core/net/address';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { lookup } from './helpers';

/** The repository root; bundled tests run from out/test/unit, sources from test/unit. */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'test', 'fixtures', 'windows'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('test/fixtures/windows not found');
    dir = up;
  }
  return dir;
}

const root = findRoot(__dirname);

/** The text of one or more fixtures, pasted one after the other. */
export function windowsText(...names: string[]): string {
  return names.map((name) => readFileSync(join(root, 'test', 'fixtures', 'windows', name), 'utf8')).join('\n');
}

export function windowsFixture(...names: string[]): Analysis {
  return analyze(windowsText(...names));
}

/** The analysed document with adapter names joined in (a no-op once parseDocument does it). */
export function joined(analysis: Analysis): ParsedDocument {
  return joinWindowsInterfaces(analysis.document);
}

/** `code@line` of every finding, 1-based. */
export function findingCodes(analysis: Analysis, ...only: string[]): string[] {
  return analysis.findings.filter((f) => only.length === 0 || only.includes(f.code)).map((f) => `${f.code}@${f.span.line + 1}`);
}

/** `outcome prefix dev via gateway line N`, like `route get` answers. */
export function winRoute(analysis: Analysis, address: string): string {
  const r = lookup(analysis, address);
  if (!r.route) return r.outcome;
  const hops = r.nexthops.map((h) => `${h.device ?? '-'}${h.gateway ? ` via ${formatAddress(h.gateway)}` : ''}`).join(', ');
  return `${r.outcome} ${formatPrefix(r.route.prefix)} ${hops || '-'} line ${r.route.span.line + 1}`;
}

/** The route read from a 1-based line. */
export function routeOnLine(doc: ParsedDocument, line: number): Route {
  const found = doc.routes.find((r) => r.span.line === line - 1);
  if (!found) throw new Error(`no route on line ${line}`);
  return found;
}

/** `type prefix table metric dev` of a route, for compact expectations. */
export function describe1(route: Route): string {
  const hop = route.nexthops[0];
  const via = hop?.gateway ? ` via ${formatAddress(hop.gateway)}` : '';
  return `${route.type} ${formatPrefix(route.prefix)} ${route.table} ${route.metric} ${hop?.device ?? '-'}${via}`;
}
