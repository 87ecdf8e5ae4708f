import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineReader } from '../../server/src/cli/lineReader';
import { splitLines } from '../../server/src/core/formats/tokens';

/** Texts of short lines with every line-end style, so the reader's counting meets all of them. */
function randomText(seed: number, lines: number): string {
  let x = seed;
  const next = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const ends = ['\n', '\r\n', '\r', '\n\n', '\r\r\n'];
  let text = '';
  for (let i = 0; i < lines; i++) text += 'ab c'.slice(0, next(5)) + (ends[next(ends.length)] ?? '\n');
  return next(2) ? text : text.slice(0, -1);
}

describe('LineReader', () => {
  it('gives the lines splitLines gives, in any order of requests', () => {
    for (let seed = 1; seed < 40; seed++) {
      const text = randomText(seed, 20 + seed * 300);
      const lines = splitLines(text);
      const reader = new LineReader(text);
      for (let n = 0; n < lines.length + 2; n += 1 + (seed % 3)) assert.equal(reader.get(n), lines[n] ?? '', `seed ${seed}, line ${n}`);
      // Jumps back and forth, past the checkpoints.
      for (let k = 0; k < 200; k++) {
        const n = (k * 7919 + seed) % (lines.length + 3);
        assert.equal(reader.get(n), lines[n] ?? '', `seed ${seed}, jump to ${n}`);
      }
    }
  });

  it('reads an empty text as one empty line and a negative number as nothing', () => {
    const reader = new LineReader('');
    assert.equal(reader.get(0), '');
    assert.equal(reader.get(1), '');
    assert.equal(reader.get(-1), '');
  });
});
