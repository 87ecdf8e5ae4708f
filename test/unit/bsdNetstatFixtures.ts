import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Analysis, analyze } from '../../server/src/core/analyze';
import { formatAddress } from '../../server/src/core/net/address';
import { formatPrefix } from '../../server/src/core/net/prefix';
import type { Route } from '../../server/src/core/model';
import { lookup } from './helpers';

/** The repository root; bundled tests run from out/test/unit, sources from test/unit. */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'test', 'fixtures', 'macos'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('test/fixtures not found');
    dir = up;
  }
  return dir;
}

const root = findRoot(__dirname);

export function fixture(path: string): Analysis {
  return analyze(readFileSync(join(root, 'test', 'fixtures', path), 'utf8'));
}

/** `outcome prefix dev via gateway line N`, like `route get` answers. */
export function route(analysis: Analysis, address: string): string {
  const r = lookup(analysis, address);
  if (!r.route) return r.outcome;
  const hops = r.nexthops.map((h) => `${h.device ?? '-'}${h.gateway ? ` via ${formatAddress(h.gateway)}` : ''}`).join(', ');
  return `${r.outcome} ${formatPrefix(r.route.prefix)} ${hops || '-'} line ${r.route.span.line + 1}`.trimEnd();
}

/** The route read from a 1-based line. */
export function onLine(analysis: Analysis, line: number): Route {
  const found = analysis.document.routes.find((r) => r.span.line === line - 1);
  if (!found) throw new Error(`no route on line ${line}`);
  return found;
}

/** Findings as `code@line severity`, in document order. */
export function findings(analysis: Analysis): string[] {
  return analysis.findings.map((f) => `${f.code}@${f.span.line + 1} ${f.severity}`);
}
