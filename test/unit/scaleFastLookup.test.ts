import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { FastResolver } from '../../server/src/core/fastLookup';
import { type Address, formatAddress } from '../../server/src/core/net/address';
import { resolve } from '../../server/src/core/resolver';
import { randomTable, seeded } from './scaleHelpers';

function randomAddress(next: () => number): Address {
  if (next() < 0.15) return { family: 6, words: [0x20010db8, Math.floor(next() * 4) << 16, Math.floor(next() * 2 ** 32), 1] };
  const first = [10, 10, 10, 192, 0, 128, 255, Math.floor(next() * 256)][Math.floor(next() * 8)] as number;
  return { family: 4, words: [((first << 24) | (Math.floor(next() * 4) << 16) | (Math.floor(next() * 4) << 8) | Math.floor(next() * 256)) >>> 0] };
}

describe('fast resolver', () => {
  test('selects the route resolve() selects, on random tables of every route type', () => {
    const next = seeded(23);
    for (let doc = 0; doc < 20; doc++) {
      const analysis = analyze(randomTable(next, 40 + Math.floor(next() * 400)).join('\n'));
      const fast = new FastResolver(analysis.tables);
      for (let i = 0; i < 500; i++) {
        const address = randomAddress(next);
        assert.equal(fast.route(address), resolve(analysis.tables, address).route, `${formatAddress(address)} in table ${doc}`);
      }
    }
  });

  test('edges of the address space and of each range', () => {
    const analysis = analyze(['10.0.0.0/8 dev eth0', 'throw 10.1.0.0/16', '10.1.0.0/16 dev wg0 table default', '255.255.255.255 dev lo'].join('\n'));
    const fast = new FastResolver(analysis.tables);
    for (const word of [0, 0x09ffffff, 0x0a000000, 0x0a00ffff, 0x0a010000, 0x0a01ffff, 0x0a020000, 0x0affffff, 0x0b000000, 0xfffffffe, 0xffffffff]) {
      const address: Address = { family: 4, words: [word] };
      assert.equal(fast.route(address), resolve(analysis.tables, address).route, formatAddress(address));
    }
  });
});
