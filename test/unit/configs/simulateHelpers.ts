import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Analysis, analyze } from '../../../server/src/core/analyze';
import { type DocumentAnalysis, analyzeDocument } from '../../../server/src/core/analyzeDocument';
import type { SimulatedTable } from '../../../server/src/core/configs/types';
import { parseAddress } from '../../../server/src/core/net/address';
import { resolve } from '../../../server/src/core/resolver';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const fixtures = join(repoRoot(), 'test/fixtures');

export function read(path: string): string {
  return readFileSync(join(fixtures, path), 'utf8');
}

export function dumpOf(path: string): Analysis {
  return analyze(read(path));
}

/** Simulates a config file of the fixtures, with the dump at `dumpPath` when given. */
export function simulateFixture(path: string, dumpPath?: string, text?: string): SimulatedTable | undefined {
  const fileName = path.replace(/^.*\//, '');
  const doc = analyzeDocument(text ?? read(path), { fileName, ...(dumpPath ? { dump: dumpOf(dumpPath), dumpName: dumpPath.replace(/^.*\//, '') } : {}) });
  if (doc.kind !== 'config') throw new Error(`${path} is not a config`);
  return doc.config.simulate();
}

/** Reads the simulated text back as a route table, as the editor does with the `route-table` language. */
export function reread(table: SimulatedTable): DocumentAnalysis & { kind: 'routes' } {
  const doc = analyzeDocument(table.text, { languageId: 'route-table' });
  if (doc.kind !== 'routes') throw new Error('not read as routes');
  return doc;
}

/** The interfaces a lookup of `address` leaves through in the re-read table, or the kernel's error. */
export function via(table: SimulatedTable, address: string): string {
  const doc = reread(table);
  const r = resolve(doc.analysis.tables, parseAddress(address) ?? (() => { throw new Error(address); })());
  if (r.error) return r.error;
  return r.nexthops.map((h) => h.device ?? h.gateway ?? '?').join(',') || r.outcome;
}

/** Route lines of the text added by connecting, without their comments. */
export function addedLines(table: SimulatedTable): string[] {
  return table.lines.filter((l) => l.origin === 'vpn' && !/^\d+:/.test(l.text)).map((l) => l.text.replace(/\s+#.*$/, ''));
}

/** Rule lines of the text added by connecting. */
export function addedRules(table: SimulatedTable): string[] {
  return table.lines.filter((l) => l.origin === 'vpn' && /^\d+:/.test(l.text)).map((l) => l.text);
}
