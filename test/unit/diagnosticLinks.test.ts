import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { makeFinding, spanOnLine } from '../../server/src/core/model';
import { type DiagnosticSupport, TOO_MANY_FINDINGS, cappedDiagnostics, toDiagnostic } from '../../server/src/features/diagnostics';

const SUPPORT: DiagnosticSupport = { mode: 'pull', refresh: true, relatedInformation: true, unnecessaryTag: true };
const PAGES = 'https://github.com/route-lens/route-lens/blob/main/docs/rules/';

describe('diagnostics link to rule pages', () => {
  test('a known code links to its page; a code without one has no link', () => {
    const known = toDiagnostic(makeFinding('shadowed-route', 'warning', 'm', spanOnLine(0, 0, 1)), 'file:///a', SUPPORT);
    assert.deepEqual(known.codeDescription, { href: `${PAGES}shadowed-route.md` });
    const unknown = toDiagnostic(makeFinding('not-a-code', 'warning', 'm', spanOnLine(0, 0, 1)), 'file:///a', SUPPORT);
    assert.equal(unknown.codeDescription, undefined);
  });

  test('the summary past maxDiagnostics links to its page and takes the severity set for it', () => {
    const findings = [0, 1, 2].map((n) => makeFinding('shadowed-route', 'warning', 'm', spanOnLine(n, 0, 1)));
    const summary = cappedDiagnostics(findings, 'file:///a', SUPPORT, 1).find((d) => d.code === TOO_MANY_FINDINGS);
    assert.equal(summary?.severity, DiagnosticSeverity.Information);
    assert.deepEqual(summary?.codeDescription, { href: `${PAGES}too-many-findings.md` });
    const warned = cappedDiagnostics(findings, 'file:///a', SUPPORT, 1, 'warning');
    assert.equal(warned.find((d) => d.code === TOO_MANY_FINDINGS)?.severity, DiagnosticSeverity.Warning);
    const off = cappedDiagnostics(findings, 'file:///a', SUPPORT, 1, 'off');
    assert.deepEqual(off.map((d) => d.code), ['shadowed-route']);
  });
});
