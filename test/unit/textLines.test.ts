import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextLines } from '../../server/src/core/formats/textLines';
import { splitLines } from '../../server/src/core/formats/tokens';
import { inPieces } from './helpers';
import { seeded } from './scaleHelpers';

/** Every line of `lines` read by `at`, as an array. */
function read(lines: TextLines): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) out.push(lines.at(i) as string);
  return out;
}

/** Up to `most` words, blanks and line ends of every kind, at random. */
function randomText(next: () => number, most: number): string {
  const parts = ['a', 'bc', ' ', '10.0.0.0/8 dev eth0', '\n', '\r\n', '\r', '\r\r\n', '\n\r', '', '#$'];
  let text = '';
  const count = Math.floor(next() * most);
  for (let i = 0; i < count; i++) text += parts[Math.floor(next() * parts.length)];
  return text;
}

describe('TextLines', () => {
  test('cuts the lines splitLines cuts, for every mix of LF, CRLF and CR', () => {
    const next = seeded(11);
    for (let round = 0; round < 2000; round++) {
      const text = randomText(next, 12);
      const lines = new TextLines(text);
      const expected = splitLines(text);
      assert.deepEqual(read(lines), expected, JSON.stringify(text));
      assert.equal(lines.length, expected.length);
      for (let i = 0; i < expected.length; i++) assert.equal(lines.lengthOf(i), (expected[i] as string).length);
    }
  });

  test('nothing past either end', () => {
    const lines = new TextLines('one\ntwo');
    assert.equal(lines.at(-1), undefined);
    assert.equal(lines.at(2), undefined);
    assert.deepEqual(read(new TextLines('')), ['']);
  });

  test('a replaced line reads as its replacement and the others as before', () => {
    const lines = new TextLines('a\r\nb\r\nc');
    lines.set(1, 'bee');
    assert.deepEqual(read(lines), ['a', 'bee', 'c']);
    assert.equal(lines.lengthOf(1), 3);
    assert.equal(lines.length, 3);
  });

  test('a text in pieces reads as the same text whole, line by line and in place', () => {
    const next = seeded(12);
    for (let round = 0; round < 1000; round++) {
      const text = randomText(next, 30);
      const whole = new TextLines(text);
      const pieces = inPieces(text, 1 + Math.floor(next() * 3));
      const split = new TextLines(pieces);
      const label = JSON.stringify(pieces);
      assert.equal(pieces.join(''), text);
      assert.deepEqual(read(split), read(whole), label);
      assert.equal(split.text, text);
      for (let i = 0; i < whole.length; i++) {
        assert.equal(split.lengthOf(i), whole.lengthOf(i), label);
        assert.equal(split.textOf(i).slice(split.startOf(i), split.endOf(i)), whole.at(i), label);
        assert.equal(pieces[split.pieceOf(i)], split.textOf(i), label);
      }
      const feeds = Math.floor(next() * 5);
      const head = split.head(feeds);
      assert.ok(text.startsWith(head), label);
      assert.ok(head === text || head.split('\n').length > feeds, `${label}: ${feeds} feeds`);
      assert.equal(split.sample(7), text.slice(0, 7));
      assert.equal(split.includes('#$'), text.includes('#$'));
    }
  });

  test('lines asked out of order find their piece', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const split = new TextLines(inPieces(text, 3));
    for (const i of [49, 0, 25, 24, 26, 3, 48, 2, 1]) assert.equal(split.at(i), `line ${i}`);
  });

  test('every piece but the last must end with a line feed', () => {
    assert.throws(() => new TextLines(['a\nb', 'c\n']), RangeError);
    assert.deepEqual(read(new TextLines(['a\n', 'b'])), ['a', 'b']);
    assert.deepEqual(read(new TextLines([])), ['']);
  });
});
