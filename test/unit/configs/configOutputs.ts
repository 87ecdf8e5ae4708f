// Every string a config analysis can hand to an editor or a terminal, for the secret scans of every family.
import assert from 'node:assert/strict';
import type { ConfigAnalysis, ConfigSymbol } from '../../../server/src/core/configs/types';

function symbolStrings(symbols: readonly ConfigSymbol[]): string[] {
  return symbols.flatMap((s) => [s.name, s.detail ?? '', ...symbolStrings(s.children)]);
}

/** Findings, related messages, outline names and details, and the hover at every position of every line. */
export function everyOutput(analysis: ConfigAnalysis, text: string): string[] {
  const out: string[] = [];
  for (const f of analysis.findings) out.push(f.message, ...f.related.map((r) => r.message));
  out.push(...symbolStrings(analysis.symbols));
  // Lines as the editor counts them, so a lone CR starts a line as it does for the hover's callers.
  text.split(/\r\n|\r|\n/).forEach((line, n) => {
    for (let c = 0; c <= line.length; c++) {
      const h = analysis.hoverAt(line, n, c);
      if (h) out.push(h.markdown);
    }
  });
  return out;
}

/** No output holds a secret, nor, with `partLength`, the first that many characters of one. */
export function assertNoSecretInOutputs(name: string, analysis: ConfigAnalysis, text: string, secrets: readonly string[], partLength?: number): void {
  for (const output of everyOutput(analysis, text)) {
    for (const secret of secrets) {
      assert.ok(!output.includes(secret), `${name}: a secret appears in an output`);
      if (partLength !== undefined) assert.ok(!output.includes(secret.slice(0, partLength)), `${name}: part of a secret appears in an output`);
    }
  }
}
