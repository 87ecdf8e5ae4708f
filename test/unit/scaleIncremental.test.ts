import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Analysis } from '../../server/src/core/analyze';
import { type StepResult, analysisSteps, drain } from '../../server/src/core/analysisSteps';
import { parseDocument } from '../../server/src/core/formats/parseDocument';
import { incrementalSteps, reanalysis } from '../../server/src/core/incremental';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { randomTable, randomLine, seeded } from './scaleHelpers';

/** Everything an analysis shows, with routes as ids in each trie list, so two analyses compare in full. */
function snapshot(analysis: Analysis): unknown {
  const stages = [4, 6].flatMap((family) => analysis.tables.defaultStages(family as 4 | 6).map((stage) =>
    [...stage.trie.entries()].map((e) => `${formatPrefix(e.prefix)}=${e.value.map((r) => r.id).join(',')}`).sort()));
  return { document: analysis.document, findings: analysis.findings, stages };
}

function full(text: string): StepResult {
  return drain(analysisSteps(text));
}

describe('incremental analysis', () => {
  test('equals a full analysis after random edits, and reuses the previous one for most of them', () => {
    const next = seeded(11);
    let reused = 0;
    let edits = 0;
    for (let doc = 0; doc < 12; doc++) {
      const lines = randomTable(next, 150 + Math.floor(next() * 150));
      const eol = next() < 0.2 ? '\r\n' : '\n';
      let current = full(lines.join(eol));
      for (let step = 0; step < 25; step++) {
        const at = Math.floor(next() * lines.length);
        const count = next() < 0.8 ? 1 : 1 + Math.floor(next() * 3);
        for (let i = at; i < Math.min(lines.length, at + count); i++) lines[i] = randomLine(next);
        const text = lines.join(eol);
        edits++;
        const before = current;
        current = drain(incrementalSteps(current, text));
        // A reused analysis takes over the previous line list.
        if (current.base.lines === before.base.lines) reused++;
        assert.deepEqual(snapshot(current.analysis), snapshot(full(text).analysis), `document ${doc}, edit ${step}`);
      }
    }
    assert.ok(reused > edits / 3, `only ${reused} of ${edits} edits were incremental`);
  });

  test('an analysis is the starting point of one edit only', () => {
    const lines = randomTable(seeded(9), 120);
    const before = full(lines.join('\n'));
    lines[100] = '10.9.9.0/24 via 10.0.0.1 dev eth0 metric 7';
    const text = lines.join('\n');
    assert.ok(reanalysis(before, text));
    assert.equal(reanalysis(before, text), undefined);
    assert.deepEqual(snapshot(drain(incrementalSteps(before, text)).analysis), snapshot(full(text).analysis));
  });

  test('an edit that adds a line is analysed in full, with the same result', () => {
    const lines = randomTable(seeded(3), 80);
    const before = full(lines.join('\n'));
    lines.splice(40, 0, '10.9.9.0/24 via 10.0.0.1 dev eth0');
    const text = lines.join('\n');
    assert.equal(reanalysis(before, text), undefined);
    assert.deepEqual(snapshot(drain(incrementalSteps(before, text)).analysis), snapshot(full(text).analysis));
  });

  test('reading `ip route` output in pieces equals parseDocument', () => {
    const next = seeded(5);
    for (let doc = 0; doc < 5; doc++) {
      const lines = randomTable(next, 40000);
      const text = lines.join('\n');
      assert.deepEqual(full(text).analysis.document, parseDocument(text));
    }
  });
});
