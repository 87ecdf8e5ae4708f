import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextLines } from '../../server/src/core/formats/textLines';
import { splitLines } from '../../server/src/core/formats/tokens';
import { seeded } from './scaleHelpers';

/** Every line of `lines` read by `at`, as an array. */
function read(lines: TextLines): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) out.push(lines.at(i) as string);
  return out;
}

describe('TextLines', () => {
  test('cuts the lines splitLines cuts, for every mix of LF, CRLF and CR', () => {
    const next = seeded(11);
    const pieces = ['a', 'bc', ' ', '10.0.0.0/8 dev eth0', '\n', '\r\n', '\r', '\r\r\n', '\n\r', ''];
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const count = Math.floor(next() * 12);
      for (let i = 0; i < count; i++) text += pieces[Math.floor(next() * pieces.length)];
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
});
