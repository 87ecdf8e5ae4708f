import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applySeverities, isSeverityLevel, reviewFindings } from '../../server/src/core/findingPolicy';
import { type Finding, type Severity, makeFinding, spanOnLine } from '../../server/src/core/model';
import { normalizeSettings } from '../../server/src/settings';
import { INVALID_SUPPRESSION, applySuppressions, closestCode, commentSyntaxFor } from '../../server/src/core/suppressions';

const HASH = commentSyntaxFor('linux-ip-route');

function at(line: number, code: string, severity: Severity = 'warning'): Finding {
  return makeFinding(code, severity, `${code} on line ${line}`, spanOnLine(line, 0, 5));
}

function codesOf(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.span.line}:${f.code}`);
}

describe('applySuppressions', () => {
  const findings = [at(1, 'shadowed-route'), at(1, 'unknown-keyword'), at(3, 'shadowed-route'), at(4, 'parse-error')];

  test('text without a suppression comment returns the same array', () => {
    assert.equal(applySuppressions('default dev eth0\n', findings, HASH), findings);
  });

  test('next-line silences the listed codes on the next line with content, skipping blanks and comments', () => {
    const text = ['# route-lens-disable-next-line shadowed-route, unknown-keyword', 'x', '', 'y', 'z'].join('\n');
    assert.deepEqual(codesOf(applySuppressions(text, findings, HASH)), ['3:shadowed-route', '4:parse-error']);
    const skipping = ['x', '# route-lens-disable-next-line shadowed-route', '', '# a note', 'y'].join('\n');
    assert.deepEqual(codesOf(applySuppressions(skipping, [at(4, 'shadowed-route'), at(0, 'shadowed-route')], HASH)), ['0:shadowed-route']);
  });

  test('codes may be separated by commas or blanks, and text after -- is a reason', () => {
    const text = ['x', 'y', '# route-lens-disable-next-line shadowed-route parse-error -- unknown-keyword is kept', 'z'].join('\n');
    const kept = applySuppressions(text, [at(3, 'shadowed-route'), at(3, 'parse-error'), at(3, 'unknown-keyword')], HASH);
    assert.deepEqual(codesOf(kept), ['3:unknown-keyword']);
  });

  test('disable-line at the end of a line silences that line only', () => {
    const text = ['x', 'default dev eth0 # route-lens-disable-line shadowed-route', 'y', 'z'].join('\n');
    assert.deepEqual(codesOf(applySuppressions(text, findings, HASH)), ['1:unknown-keyword', '3:shadowed-route', '4:parse-error']);
  });

  test('disable among the top comments silences a code in the whole file', () => {
    const text = ['# routes of the gateway', '# route-lens-disable shadowed-route', 'x', 'y'].join('\n');
    assert.deepEqual(codesOf(applySuppressions(text, findings, HASH)), ['1:unknown-keyword', '4:parse-error']);
  });

  test('an unknown code gets a hint at its own range with the nearest code, and silences nothing', () => {
    const text = ['x', '# route-lens-disable-next-line shadowed-rout', 'y', 'z'].join('\n');
    const out = applySuppressions(text, [at(2, 'shadowed-route')], HASH);
    const hint = out.find((f) => f.code === INVALID_SUPPRESSION);
    assert.equal(hint?.severity, 'hint');
    assert.deepEqual(hint?.span, spanOnLine(1, 31, 44));
    assert.match(hint?.message ?? '', /`shadowed-rout` is not a Route Lens code.*Did you mean `shadowed-route`\?/);
    assert.ok(out.some((f) => f.code === 'shadowed-route'), 'the finding stays');
    assert.deepEqual(codesOf(out), ['1:invalid-suppression', '2:shadowed-route'], 'the hint is merged in document order');
  });

  test('far-off codes get no suggestion', () => {
    assert.equal(closestCode('banana'), undefined);
    assert.equal(closestCode('IPV6-LEAK'), 'ipv6-leak');
  });

  test('misplaced comments get a hint and silence nothing', () => {
    const cases: [string, RegExp][] = [
      ['# route-lens-disable-line shadowed-route', /its own line/],
      ['default dev eth0 # route-lens-disable-next-line shadowed-route', /line of its own/],
      ['# route-lens-disable-next-line', /names no code/],
    ];
    for (const [line, message] of cases) {
      const out = applySuppressions(['x', line, 'y'].join('\n'), [at(1, 'shadowed-route'), at(2, 'shadowed-route')], HASH);
      assert.match(out.find((f) => f.code === INVALID_SUPPRESSION)?.message ?? '', message, line);
      assert.equal(out.filter((f) => f.code === 'shadowed-route').length, 2, line);
    }
    const late = applySuppressions(['default dev eth0', '# route-lens-disable shadowed-route'].join('\n'), [at(0, 'shadowed-route')], HASH);
    assert.match(late.find((f) => f.code === INVALID_SUPPRESSION)?.message ?? '', /top of the file/);
  });

  test('a trailing comment in a format without trailing comments gets a hint', () => {
    const text = ['[ipv4]', 'method=auto # route-lens-disable-line dns-leak'].join('\n');
    const out = applySuppressions(text, [at(1, 'dns-leak')], commentSyntaxFor('networkmanager'));
    assert.match(out.find((f) => f.code === INVALID_SUPPRESSION)?.message ?? '', /NetworkManager keyfiles have no comments after other text/);
    assert.ok(out.some((f) => f.code === 'dns-leak'));
  });

  test('the keyword inside other text is no directive', () => {
    const text = ['x', 'default dev route-lens-disable-next-line', 'y'].join('\n');
    assert.equal(applySuppressions(text, findings, HASH), findings);
  });
});

describe('severities', () => {
  const findings = [at(0, 'shadowed-route'), at(1, 'unknown-keyword', 'information'), at(2, 'parse-error', 'error')];

  test('levels are checked', () => {
    for (const level of ['error', 'warning', 'information', 'hint', 'off']) assert.ok(isSeverityLevel(level));
    for (const level of ['info', 'Error', 3, undefined]) assert.ok(!isSeverityLevel(level));
  });

  test('a level replaces a code\'s severity, and off drops it', () => {
    const out = applySeverities(findings, { severity: { 'shadowed-route': 'error', 'unknown-keyword': 'off' } });
    assert.deepEqual(out.map((f) => `${f.code}:${f.severity}`), ['shadowed-route:error', 'parse-error:error']);
  });

  test('disabledRules drop codes, and an explicit severity wins over them', () => {
    const out = applySeverities(findings, { disabled: ['parse-error', 'shadowed-route'], severity: { 'shadowed-route': 'hint' } });
    assert.deepEqual(out.map((f) => `${f.code}:${f.severity}`), ['shadowed-route:hint', 'unknown-keyword:information']);
  });

  test('nothing to change returns the same array', () => {
    assert.equal(applySeverities(findings, {}), findings);
    assert.equal(applySeverities(findings, { severity: { 'shadowed-route': 'warning' } }), findings);
  });

  test('suppressions apply before severities, and hints can be turned off too', () => {
    const text = ['# route-lens-disable-next-line shadowed-route, nonsense', 'x', 'y', 'z'].join('\n');
    const out = reviewFindings(text, 'linux-ip-route', [at(1, 'shadowed-route'), at(2, 'parse-error', 'error')],
      { severity: { 'parse-error': 'warning', 'invalid-suppression': 'off' } });
    assert.deepEqual(out.map((f) => `${f.code}:${f.severity}`), ['parse-error:warning']);
  });
});

describe('routeLens.severity setting', () => {
  test('keeps codes with a known level and drops the rest', () => {
    const settings = normalizeSettings({ severity: { 'shadowed-route': 'error', 'parse-error': 'off', 'unknown-keyword': 'loud', 'x': 3 } });
    assert.deepEqual(settings.severity, { 'shadowed-route': 'error', 'parse-error': 'off' });
    for (const bad of [null, 'error', ['shadowed-route'], 7]) assert.deepEqual(normalizeSettings({ severity: bad }).severity, {});
  });
});
