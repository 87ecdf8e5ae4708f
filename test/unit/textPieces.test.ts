import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { analyzeDocument } from '../../server/src/core/analyzeDocument';
import { detectConfigFamily } from '../../server/src/core/configs/registry';
import { applySuppressions, commentSyntaxFor } from '../../server/src/core/suppressions';
import { PARSERS } from '../../server/src/core/formats/registry';
import { planSections } from '../../server/src/core/formats/sections';
import { TextLines } from '../../server/src/core/formats/textLines';
import { allSeeds } from '../fuzz/repo';
import { documentValues, inPieces, planValues } from './helpers';
import { randomTable, seeded } from './scaleHelpers';

// The CLI reads a file in pieces that end at line feeds and keeps them apart. Whatever reads the
// pieces must see exactly the text they make up: the same plan, routes, findings and suppressions.

function sameAnalysis(text: string, pieces: readonly string[], label: string): void {
  const whole = analyze(text);
  const split = analyze(new TextLines(pieces));
  assert.deepEqual(documentValues(split.document), documentValues(whole.document), label);
  assert.deepEqual(split.findings, whole.findings, label);
}

describe('a text read in pieces', () => {
  test('every fixture and example is analysed as when read whole', () => {
    for (const seed of allSeeds()) {
      for (const every of [1, 3]) {
        const pieces = inPieces(seed.text, every);
        const label = `${seed.name} in pieces of ${every} lines`;
        sameAnalysis(seed.text, pieces, label);
        const lines = new TextLines(pieces);
        assert.equal(detectConfigFamily(lines, seed.path), detectConfigFamily(seed.text, seed.path), label);
        assert.deepEqual(analyzeDocument(lines, { fileName: seed.path }).findings, analyzeDocument(seed.text, { fileName: seed.path }).findings, label);
        assert.deepEqual(planValues(planSections(new TextLines(pieces), PARSERS)), planValues(planSections(new TextLines(seed.text), PARSERS)), label);
      }
    }
  });

  test('a big table with comments, prompts and continuations across pieces', () => {
    const lines = randomTable(seeded(21), 3000);
    // Prompts start new sections, and a prompt character sits in a route's tail near a piece's end.
    lines.splice(1000, 0, '$ ip route show table all');
    lines.splice(2000, 0, '10.9.9.0/24 dev eth0 proto static # $ not a prompt');
    // A prompt that starts with a digit, as a host name may: only its prompt character tells it from a route.
    lines.splice(2500, 0, '9host:~$ ip route show table 100');
    const text = lines.join('\r\n');
    for (const every of [1, 7, 499]) sameAnalysis(text, inPieces(text, every), `pieces of ${every} lines`);
  });

  test('suppression comments in any piece silence as in the whole text', () => {
    const text = [
      '# route-lens-disable multipath-route',
      '10.0.0.0/24 dev eth0',
      '# route-lens-disable-next-line shadowed-route',
      '10.0.0.0/24 dev eth1 metric 10',
      '10.0.0.0/24 dev eth1 metric 20 # route-lens-disable-line shadowed-rout',
      '10.0.0.0/24 dev eth1 metric 30',
    ].join('\n');
    const findings = analyze(text).findings;
    const syntax = commentSyntaxFor('linux-ip-route');
    const expected = applySuppressions(text, findings, syntax);
    assert.notDeepEqual(expected, findings);
    for (const every of [1, 2, 4]) assert.deepEqual(applySuppressions(new TextLines(inPieces(text, every)), findings, syntax), expected);
  });
});
