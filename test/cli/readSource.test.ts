// `check` reads files in pieces that end at line feeds: the text and every result must be those of the file read whole.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CliError } from '../../server/src/cli/errors';
import { readInput, readSource } from '../../server/src/cli/files';
import { checkText } from '../../server/src/cli/report';
import { TextLines } from '../../server/src/core/formats/textLines';
import { allSeeds } from '../fuzz/repo';
import { scratch } from './helpers';

/** Bytes with every line end, multi-byte and broken UTF-8, and long lines. */
function randomBytes(seed: number): Buffer {
  let x = seed;
  const next = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const parts = [
    Buffer.from('10.0.0.0/8 dev eth0'), Buffer.from('\n'), Buffer.from('\r\n'), Buffer.from('\r'), Buffer.from('é → 🛰'),
    Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0xe2, 0x82, 0x0a]), Buffer.from('x'.repeat(300)), Buffer.from(' '),
  ];
  const out: Buffer[] = [];
  const count = next(60);
  for (let i = 0; i < count; i++) out.push(parts[next(parts.length)] as Buffer);
  return Buffer.concat(out);
}

const OPTIONS = { tunnelInterfaces: [] };

function lines(source: TextLines): string[] {
  return Array.from({ length: source.length }, (_, i) => source.at(i) as string);
}

describe('reading a file in pieces', () => {
  test('gives the text and lines of the file read whole, whatever the piece size', () => {
    const files: Record<string, Buffer> = {
      'empty': Buffer.alloc(0),
      'bom': Buffer.from('\ufeffdefault dev eth0\n10.0.0.0/8 dev eth0'),
      'utf16': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('default dev eth0\r\n', 'utf16le')]),
      'cr-only': Buffer.from('default dev eth0\r10.0.0.0/8 dev eth0\r'),
      'lf-end': Buffer.from('default dev eth0\n'),
    };
    for (let seed = 1; seed <= 60; seed++) files[`random-${seed}`] = randomBytes(seed);
    const dir = scratch(files);
    for (const name of Object.keys(files)) {
      const path = join(dir, name);
      const whole = readInput(path);
      for (const size of [1, 2, 7, 64, 4096]) {
        const source = readSource(path, size);
        assert.equal(source.text, whole, `${name} in pieces of ${size} bytes`);
        assert.deepEqual(lines(source), lines(new TextLines(whole)), `${name} in pieces of ${size} bytes`);
      }
    }
  });

  test('a file that cannot be read is a one-line error naming it', () => {
    const dir = scratch({});
    assert.throws(() => readSource(join(dir, 'missing.routes')), (error: unknown) =>
      error instanceof CliError && error.message === `cannot read '${join(dir, 'missing.routes')}': no such file or directory`);
    assert.throws(() => readSource(dir), (error: unknown) => error instanceof CliError && /is a directory/.test(error.message));
  });

  test('every fixture and example checks as when read whole, configs and their related files included', () => {
    for (const seed of allSeeds()) {
      const whole = checkText(seed.path, new TextLines(readInput(seed.path)), OPTIONS);
      assert.deepEqual(checkText(seed.path, readSource(seed.path, 64), OPTIONS), whole, seed.name);
    }
  });
});
