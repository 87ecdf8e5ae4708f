import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Analysis, analyze } from '../../../server/src/core/analyze';
import { type NetworkManagerAnalysis, analyzeNetworkManager } from '../../../server/src/core/configs/networkmanager';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const root = repoRoot();
export const fixtureDir = join(root, 'test/fixtures/networkmanager');

export function fixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

export function fixtureNames(): string[] {
  return readdirSync(fixtureDir).filter((n) => n.endsWith('.nmconnection')).sort();
}

export const routesDump = (): Analysis => analyze(fixture('routes.txt'));

/** Analyses inline text written as an unindented template: a leading newline is dropped. */
export function nm(text: string, dump?: Analysis, siblings: string[] = []): NetworkManagerAnalysis {
  return analyzeNetworkManager(text.replace(/^\n/, ''), dump ? { dump, dumpName: 'routes.txt' } : {}, { siblings: siblings.map((name) => ({ name, text: fixture(name) })) });
}

export function codes(analysis: NetworkManagerAnalysis): string[] {
  return analysis.findings.map((f) => `${f.code}@${f.span.line + 1}`);
}

/** Hover where `|` marks the cursor. */
export function hover(marked: string, dump?: Analysis): string | undefined {
  const text = marked.replace(/^\n/, '');
  const offset = text.indexOf('|');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const before = clean.slice(0, offset).split('\n');
  const line = before.length - 1;
  const character = (before[line] ?? '').length;
  return nm(clean, dump).hoverAt(clean.split('\n')[line] ?? '', line, character)?.markdown;
}
