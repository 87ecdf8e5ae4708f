import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DocText, applyEdits, minimalEdit } from '../../../server/src/core/fixes/text';

const piece = fc.constantFrom('a', 'b c', '#x', '', ' ', '\t');
const terminator = fc.constantFrom('\n', '\r\n', '\r');
const textArb = fc.array(fc.tuple(piece, terminator), { maxLength: 12 }).chain((lines) =>
  piece.map((last) => lines.map(([l, t]) => l + t).join('') + last));

test('DocText: lines and their terminators give back the text, whatever the line endings', () => {
  fc.assert(fc.property(textArb, (text) => {
    const doc = new DocText(text);
    let rebuilt = '';
    for (let n = 0; ; n++) {
      rebuilt += doc.line(n) + doc.terminator(n);
      if (doc.terminator(n) === '') break;
    }
    assert.equal(rebuilt, text);
  }));
});

test('deleting and inserting lines keeps every other line and its terminator', () => {
  fc.assert(fc.property(textArb, fc.nat(), (text, pick) => {
    const doc = new DocText(text);
    let count = 1;
    while (doc.terminator(count - 1) !== '') count++;
    const n = pick % count;
    const deleted = applyEdits(text, [doc.deleteLines(n, n)]);
    const inserted = applyEdits(text, [doc.insertLineAfter(n, 'NEW')]);
    const lines = (t: string): string[] => t.split(/\r\n|\r|\n/);
    const expected = lines(text);
    if (count > 1) assert.deepEqual(lines(deleted), [...expected.slice(0, n), ...expected.slice(n + 1)]);
    assert.deepEqual(lines(inserted), [...expected.slice(0, n + 1), 'NEW', ...expected.slice(n + 1)]);
    // The new line ends like the lines around it: a CRLF file stays CRLF.
    if (!/\r(?!\n)|(?<!\r)\n/.test(text) && text.includes('\r\n')) assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(inserted));
  }), { numRuns: 500 });
});

test('minimalEdit touches only what differs', () => {
  assert.deepEqual(minimalEdit(3, 10, 'a, b, c', 'a, x, c'), { span: { line: 3, col: 13, endLine: 3, endCol: 14 }, newText: 'x' });
  assert.equal(minimalEdit(0, 0, 'same', 'same'), undefined);
});
