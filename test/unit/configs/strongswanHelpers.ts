import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Analysis, analyze } from '../../../server/src/core/analyze';
import { type StrongSwanAnalysis, analyzeStrongSwan } from '../../../server/src/core/configs/strongswan';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const root = repoRoot();
export const fixtureDir = join(root, 'test/fixtures/strongswan');

export function fixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

/** Every strongSwan fixture, not the route dump or the README. */
export function fixtureNames(): string[] {
  return readdirSync(fixtureDir).filter((n) => n !== 'routes.txt' && n !== 'README.md').sort();
}

export const routesDump = (): Analysis => analyze(fixture('routes.txt'));

export function swan(text: string, dump?: Analysis, fileName?: string): StrongSwanAnalysis {
  return analyzeStrongSwan(text.replace(/^\n/, ''), dump ? { dump, dumpName: 'routes.txt' } : {}, fileName !== undefined ? { fileName } : {});
}

/** `code@line` (1-based) for each finding, in order. */
export function codes(analysis: StrongSwanAnalysis): string[] {
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
  const analysis = analyzeStrongSwan(clean, dump ? { dump, dumpName: 'routes.txt' } : {});
  return analysis.hoverAt(clean.split('\n')[line] ?? '', line, character)?.markdown;
}
