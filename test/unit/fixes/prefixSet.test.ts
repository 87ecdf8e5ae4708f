import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { formatPrefix, parsePrefix, type Prefix } from '../../../server/src/core/net/prefix';
import {
  type BitPrefix, type RangeSet, bitPrefixRange, excludePrefixes, intersect, normalize, sameSet, setOf, setOfBitPrefixes,
  subtract, toBitPrefixes, union,
} from '../../../server/src/core/fixes/prefixSet';

function p(text: string): Prefix {
  const parsed = parsePrefix(text, text.includes(':') ? 6 : 4);
  assert.ok(parsed, text);
  return parsed.prefix;
}

/** A random prefix of a small width: small enough to check every address. */
const bitPrefix = (bits: number): fc.Arbitrary<BitPrefix> => fc.record({
  value: fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }),
  len: fc.integer({ min: 0, max: bits }),
});

/** Membership by brute force over the prefixes themselves, independent of the range arithmetic. */
function inAny(prefixes: readonly BitPrefix[], bits: number, address: bigint): boolean {
  return prefixes.some((q) => {
    const r = bitPrefixRange(q, bits);
    return address >= r.first && address <= r.last;
  });
}

/** The fewest prefixes for a set, by recursion over the prefix tree: a block wholly inside counts once. */
function optimalCount(member: (a: bigint) => boolean, bits: number, value = 0n, len = 0): number {
  const size = 1n << BigInt(bits - len);
  let all = true;
  let none = true;
  for (let a = value; a < value + size; a++) {
    if (member(a)) none = false;
    else all = false;
  }
  if (all) return 1;
  if (none) return 0;
  return optimalCount(member, bits, value, len + 1) + optimalCount(member, bits, value + size / 2n, len + 1);
}

describe('prefix set calculator', () => {
  test('covers exactly the original minus the excluded set, with the fewest prefixes (8-bit, every address)', () => {
    const bits = 8;
    fc.assert(fc.property(fc.array(bitPrefix(bits), { maxLength: 5 }), fc.array(bitPrefix(bits), { maxLength: 5 }), (include, exclude) => {
      const result = toBitPrefixes(subtract(setOfBitPrefixes(bits, include), setOfBitPrefixes(bits, exclude)));
      const expected = (a: bigint): boolean => inAny(include, bits, a) && !inAny(exclude, bits, a);
      for (let a = 0n; a < 1n << BigInt(bits); a++) assert.equal(inAny(result, bits, a), expected(a), `address ${a}`);
      // Disjoint, in address order, and as few as possible.
      for (let i = 1; i < result.length; i++) {
        assert.ok(bitPrefixRange(result[i - 1] as BitPrefix, bits).last < bitPrefixRange(result[i] as BitPrefix, bits).first);
      }
      assert.equal(result.length, optimalCount(expected, bits));
      for (const q of result) assert.equal(q.value % (1n << BigInt(bits - q.len)), 0n, 'no host bits');
    }), { numRuns: 300 });
  });

  test('union, intersection and subtraction agree with membership (128-bit, sampled)', () => {
    const bits = 128;
    const probe = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
    fc.assert(fc.property(fc.array(bitPrefix(bits), { maxLength: 6 }), fc.array(bitPrefix(bits), { maxLength: 6 }), fc.array(probe, { maxLength: 20 }),
      (xs, ys, probes) => {
        const a = setOfBitPrefixes(bits, xs);
        const b = setOfBitPrefixes(bits, ys);
        const inSet = (s: RangeSet, v: bigint): boolean => s.ranges.some((r) => v >= r.first && v <= r.last);
        // Probe the edges of every range too: off-by-one errors live there.
        const edges = [...a.ranges, ...b.ranges].flatMap((r) => [r.first - 1n, r.first, r.last, r.last + 1n]).filter((v) => v >= 0n && v < 1n << 128n);
        for (const v of [...probes, ...edges]) {
          assert.equal(inSet(subtract(a, b), v), inSet(a, v) && !inSet(b, v));
          assert.equal(inSet(union(a, b), v), inSet(a, v) || inSet(b, v));
          assert.equal(inSet(intersect(a, b), v), inSet(a, v) && inSet(b, v));
        }
        // Prefixes back to a set give the same set.
        assert.ok(sameSet(setOfBitPrefixes(bits, toBitPrefixes(subtract(a, b))), subtract(a, b)));
      }), { numRuns: 200 });
  });

  test('normalize merges touching and overlapping ranges', () => {
    const set = normalize(8, [{ first: 10n, last: 19n }, { first: 0n, last: 9n }, { first: 30n, last: 40n }, { first: 35n, last: 36n }]);
    assert.deepEqual(set.ranges, [{ first: 0n, last: 19n }, { first: 30n, last: 40n }]);
  });

  test('the public IPv4 space: 0.0.0.0/0 minus RFC 1918 and 224.0.0.0/3 is the WireGuard apps\' list', () => {
    const result = excludePrefixes([p('0.0.0.0/0')], ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'].map(p)).map(formatPrefix);
    assert.deepEqual(result, [
      '0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/3', '160.0.0.0/5',
      '168.0.0.0/6', '172.0.0.0/12', '172.32.0.0/11', '172.64.0.0/10', '172.128.0.0/9', '173.0.0.0/8', '174.0.0.0/7', '176.0.0.0/4',
      '192.0.0.0/9', '192.128.0.0/11', '192.160.0.0/13', '192.169.0.0/16', '192.170.0.0/15', '192.172.0.0/14', '192.176.0.0/12',
      '192.192.0.0/10', '193.0.0.0/8', '194.0.0.0/7', '196.0.0.0/6', '200.0.0.0/5', '208.0.0.0/4',
    ]);
  });

  test('one host out of a /0 takes one prefix per bit, and both families are kept apart', () => {
    const result = excludePrefixes([p('0.0.0.0/0'), p('::/0')], [p('203.0.113.7/32'), p('2001:db8::1/128')]);
    assert.equal(result.filter((q) => q.family === 4).length, 32);
    assert.equal(result.filter((q) => q.family === 6).length, 128);
    const v4 = setOf(4, result);
    assert.ok(sameSet(union(v4, setOf(4, [p('203.0.113.7/32')])), setOf(4, [p('0.0.0.0/0')])));
    assert.ok(!v4.ranges.some((r) => r.first <= 0xcb007107n && r.last >= 0xcb007107n));
  });

  test('IPv6 with the top bit set and long prefixes round-trips through words', () => {
    const result = excludePrefixes([p('::/0')], [p('fc00::/7'), p('fe80::/10'), p('ff00::/8')]).map(formatPrefix);
    assert.deepEqual(result, ['::/1', '8000::/2', 'c000::/3', 'e000::/4', 'f000::/5', 'f800::/6', 'fe00::/9', 'fec0::/10']);
  });
});
