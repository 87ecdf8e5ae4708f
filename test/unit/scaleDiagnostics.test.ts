import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Finding, type Severity, makeFinding, spanOnLine } from '../../server/src/core/model';
import { type DiagnosticSupport, TOO_MANY_FINDINGS, cappedDiagnostics } from '../../server/src/features/diagnostics';

const SUPPORT: DiagnosticSupport = { mode: 'pull', refresh: true, relatedInformation: true, unnecessaryTag: true };

function findings(...severities: Severity[]): Finding[] {
  return severities.map((severity, line) => makeFinding(`code-${line}`, severity, `finding ${line}`, spanOnLine(line, 0, 1)));
}

describe('routeLens.maxDiagnostics', () => {
  test('under the cap every finding is listed and nothing is added', () => {
    const listed = cappedDiagnostics(findings('warning', 'error'), 'file:///a', SUPPORT, 2);
    assert.deepEqual(listed.map((d) => d.code), ['code-0', 'code-1']);
  });

  test('over the cap: the most severe first, in document order, then one summary at line 0', () => {
    const all = findings('information', 'warning', 'error', 'warning', 'hint', 'error', 'warning');
    const listed = cappedDiagnostics(all, 'file:///a', SUPPORT, 3);
    assert.deepEqual(listed.map((d) => d.code), ['code-1', 'code-2', 'code-5', TOO_MANY_FINDINGS]);
    const summary = listed.at(-1);
    assert.equal(summary?.severity, 3);
    assert.deepEqual(summary?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const message = typeof summary?.message === 'string' ? summary.message : '';
    assert.match(message, /^4 more findings are not listed \(2 warnings, 1 information, 1 hint\)/);
    assert.match(message, /shows 3 of 7/);
  });
});
