import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Analysis, analyze } from '../../../server/src/core/analyze';
import { analyzePppOptions, analyzePppSecrets, analyzeXl2tpd } from '../../../server/src/core/configs/l2tp';
import type { ConfigAnalysis, ConfigContext } from '../../../server/src/core/configs/types';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const root = repoRoot();
export const fixtureDir = join(root, 'test/fixtures/l2tp');

export function fixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

/** The route dumps among the fixtures. */
export const DUMPS = ['routes.txt', 'routes-pinned.txt', 'routes-no-default.txt'] as const;

export const isXl2tpd = (name: string): boolean => name.endsWith('.conf');
export const isSecrets = (name: string): boolean => name.endsWith('-secrets');

/** Every config fixture: xl2tpd.conf files, pppd options files and secrets files (not the dumps or the README). */
export function fixtureNames(): string[] {
  return readdirSync(fixtureDir).filter((n) => !n.endsWith('.txt') && !n.endsWith('.md')).sort();
}

export function dump(name: (typeof DUMPS)[number] = 'routes.txt'): Analysis {
  return analyze(fixture(name));
}

export function context(name?: (typeof DUMPS)[number]): ConfigContext {
  return name ? { dump: dump(name), dumpName: name } : {};
}

/** Analyses a fixture by its kind. */
export function analyzeFixture(name: string, ctx: ConfigContext = {}): ConfigAnalysis {
  if (isSecrets(name)) return analyzePppSecrets(fixture(name), ctx);
  return isXl2tpd(name) ? analyzeXl2tpd(fixture(name), ctx) : analyzePppOptions(fixture(name), ctx);
}

/** `code@line` (1-based) for each finding, in order. */
export function codes(analysis: ConfigAnalysis): string[] {
  return analysis.findings.map((f) => `${f.code}@${f.span.line + 1}`);
}

/** Hover where `|` marks the cursor. */
export function hoverIn(analyzeText: (text: string) => ConfigAnalysis, marked: string): string | undefined {
  const text = marked.replace(/^\n/, '');
  const offset = text.indexOf('|');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const before = clean.slice(0, offset).split('\n');
  const line = before.length - 1;
  const character = (before[line] ?? '').length;
  return analyzeText(clean).hoverAt(clean.split('\n')[line] ?? '', line, character)?.markdown;
}
