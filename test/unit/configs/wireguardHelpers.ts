import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Analysis, analyze } from '../../../server/src/core/analyze';
import { type WireGuardAnalysis, analyzeWireGuard } from '../../../server/src/core/configs/wireguard';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const root = repoRoot();
export const fixtureDir = join(root, 'test/fixtures/wireguard');

export function fixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

/** Every WireGuard fixture (configs and `wg show` output), not the route dump. */
export function fixtureNames(): string[] {
  return readdirSync(fixtureDir).filter((n) => (n.endsWith('.conf') || n.endsWith('.txt')) && n !== 'routes.txt').sort();
}

export const routesDump = (): Analysis => analyze(fixture('routes.txt'));

/** Analyses inline text written as an unindented template: a leading newline is dropped. */
export function wg(text: string, dump?: Analysis): WireGuardAnalysis {
  return analyzeWireGuard(text.replace(/^\n/, ''), dump ? { dump, dumpName: 'routes.txt' } : {});
}

/** `code@line` (1-based) for each finding, in order. */
export function codes(analysis: WireGuardAnalysis): string[] {
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
  const analysis = analyzeWireGuard(clean, dump ? { dump, dumpName: 'routes.txt' } : {});
  return analysis.hoverAt(clean.split('\n')[line] ?? '', line, character)?.markdown;
}

/** Real-looking keys (from `wg genkey`/`wg pubkey`) for inline configs; none is used anywhere real. */
export const KEY = {
  a: 'Zt+wTYy07MZ3O7+U3pzt/XkWgIklOvoNBw+GJC2rLAk=',
  b: 'XPfnDTIP1Q9MdidKa6G30isHLOpaaONl4ZCDlR08Oks=',
  c: 'JAJvviNq8bLSRDRW1pm0e7TUx4lzNUhXJTPvaOWt124=',
  d: 'Zj5tqMtBtFK4+Clxg8a49i6jeV/zpsUjfCg/9OC2jgg=',
  e: 'eKEpAi4DzFUsetPCfoXAI3BhaYtfv3FZ+JYtSceRwE0=',
  f: 'KkRg1xmHYgWO0EPWxEGMDK4JIdP8+gvJowYExRFnSjk=',
};
