import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Analysis, analyze } from '../../../server/src/core/analyze';
import { openvpnFamily } from '../../../server/src/core/configs/openvpn';
import type { ConfigAnalysis } from '../../../server/src/core/configs/types';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const ROOT = repoRoot();
export const FIXTURES = join(ROOT, 'test/fixtures/openvpn');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Config and log fixtures (the route dump is context, not a fixture of this family). */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES).filter((n) => /\.(ovpn|conf|log)$/.test(n)).sort();
}

export const HOME_DUMP = 'home-laptop.routes';

export function homeDump(): Analysis {
  return analyze(fixture(HOME_DUMP));
}

export function analyzeText(text: string, dump?: Analysis): ConfigAnalysis {
  return openvpnFamily.analyze(text, dump ? { dump, dumpName: 'routes.txt' } : {});
}

/** `code@line` (1-based), in document order: the shape expectations are written in. */
export function codes(result: ConfigAnalysis): string[] {
  return result.findings.map((f) => `${f.code}@${f.span.line + 1}`);
}

/** A config from lines, so tests read like the file. */
export function config(...lines: string[]): ConfigAnalysis {
  return analyzeText(lines.join('\n'));
}

/** The hover at the first occurrence of `needle` on 1-based `line`, `offset` characters into it. */
export function hover(result: ConfigAnalysis, text: string, line: number, needle: string, offset = 0): string | undefined {
  const lineText = text.split(/\r\n|\r|\n/)[line - 1] ?? '';
  const at = lineText.indexOf(needle);
  if (at < 0) throw new Error(`${needle} is not on line ${line}: ${lineText}`);
  return result.hoverAt(lineText, line - 1, at + offset)?.markdown;
}
