import assert from 'node:assert/strict';
import { type DocumentAnalysis, type DocumentOptions, analyzeDocument } from '../../../server/src/core/analyzeDocument';
import { fixesFor } from '../../../server/src/core/fixes';
import { applyEdits } from '../../../server/src/core/fixes/text';
import type { Fix } from '../../../server/src/core/fixes/types';
import type { Finding } from '../../../server/src/core/model';

/** Drops the leading newline of an unindented template. */
export function text(template: string): string {
  return template.replace(/^\n/, '');
}

export function analyse(source: string, options: DocumentOptions): DocumentAnalysis {
  return analyzeDocument(source, options);
}

/** `code@line` (1-based) for every finding. */
export function codes(analysis: DocumentAnalysis): string[] {
  return analysis.findings.map((f) => `${f.code}@${f.span.line + 1}`);
}

export function findingOf(analysis: DocumentAnalysis, code: string): Finding {
  const finding = analysis.findings.find((f) => f.code === code);
  assert.ok(finding, `no ${code} finding in ${codes(analysis).join(', ')}`);
  return finding;
}

/** The fix of `finding` whose title starts with `title`. */
export function fixOf(analysis: DocumentAnalysis, source: string, finding: Finding, title: string): Fix {
  const fixes = fixesFor(analysis, source, finding);
  const fix = fixes.find((f) => f.title.startsWith(title));
  assert.ok(fix, `no fix "${title}" among: ${fixes.map((f) => f.title).join(' | ')}`);
  return fix;
}

/**
 * Applies a fix and analyses the result again: the finding it answers is gone (none of its code starts where it
 * did), and no code has more findings than before.
 */
export function applyAndRecheck(source: string, options: DocumentOptions, fix: Fix, gone: string): { after: string; analysis: DocumentAnalysis } {
  const before = analyse(source, options);
  const after = applyEdits(source, fix.edits);
  const analysis = analyse(after, options);
  assert.ok(!analysis.findings.some((f) => f.code === gone && fix.finding && f.span.line === fix.finding.span.line && f.span.col === fix.finding.span.col),
    `${gone} still there after "${fix.title}":\n${after}\n${codes(analysis).join(', ')}`);
  const count = (a: DocumentAnalysis, code: string): number => a.findings.filter((f) => f.code === code).length;
  for (const code of new Set(analysis.findings.map((f) => f.code))) {
    assert.ok(count(analysis, code) <= count(before, code), `"${fix.title}" added a ${code} finding:\n${after}\n${codes(analysis).join(', ')}`);
  }
  return { after, analysis };
}
