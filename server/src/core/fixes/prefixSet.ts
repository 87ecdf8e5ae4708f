import { type Family, bitLength } from '../net/address';
import type { Prefix } from '../net/prefix';

/**
 * Exact set arithmetic on address prefixes, for AllowedIPs and route calculators. A set is held as sorted,
 * disjoint, non-adjacent inclusive ranges of bigints, so subtraction is exact at any prefix length, and
 * turning a range back into prefixes greedily gives the fewest prefixes that cover exactly that range.
 */
export interface AddressRange {
  readonly first: bigint;
  readonly last: bigint;
}

/** A set of addresses of one width: 32 for IPv4, 128 for IPv6 (tests also use small widths). */
export interface RangeSet {
  readonly bits: number;
  readonly ranges: readonly AddressRange[];
}

/** A prefix as a number and a length, independent of the address family. */
export interface BitPrefix {
  readonly value: bigint;
  readonly len: number;
}

export function emptySet(bits: number): RangeSet {
  return { bits, ranges: [] };
}

function blockSize(bits: number, len: number): bigint {
  return 1n << BigInt(bits - len);
}

/** The range of addresses a prefix holds; host bits past the length are ignored. */
export function bitPrefixRange(prefix: BitPrefix, bits: number): AddressRange {
  const size = blockSize(bits, prefix.len);
  const first = prefix.value - (prefix.value % size);
  return { first, last: first + size - 1n };
}

/** Sorts and merges overlapping or touching ranges. */
export function normalize(bits: number, ranges: readonly AddressRange[]): RangeSet {
  const sorted = ranges.filter((r) => r.first <= r.last).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out: AddressRange[] = [];
  for (const r of sorted) {
    const previous = out[out.length - 1];
    if (previous && r.first <= previous.last + 1n) {
      if (r.last > previous.last) out[out.length - 1] = { first: previous.first, last: r.last };
    } else {
      out.push(r);
    }
  }
  return { bits, ranges: out };
}

export function setOfBitPrefixes(bits: number, prefixes: readonly BitPrefix[]): RangeSet {
  return normalize(bits, prefixes.map((p) => bitPrefixRange(p, bits)));
}

export function union(a: RangeSet, b: RangeSet): RangeSet {
  return normalize(a.bits, [...a.ranges, ...b.ranges]);
}

/** Every address of `a` that is not in `b`, in one merge pass over both sorted lists. */
export function subtract(a: RangeSet, b: RangeSet): RangeSet {
  const out: AddressRange[] = [];
  let j = 0;
  for (const r of a.ranges) {
    let first = r.first;
    while (j < b.ranges.length && (b.ranges[j] as AddressRange).last < first) j++;
    let k = j;
    while (first <= r.last) {
      const cut = b.ranges[k];
      if (!cut || cut.first > r.last) {
        out.push({ first, last: r.last });
        break;
      }
      if (cut.first > first) out.push({ first, last: cut.first - 1n });
      first = cut.last + 1n;
      k++;
    }
  }
  return { bits: a.bits, ranges: out };
}

export function intersect(a: RangeSet, b: RangeSet): RangeSet {
  return subtract(a, subtract(a, b));
}

export function isEmpty(set: RangeSet): boolean {
  return set.ranges.length === 0;
}

export function sameSet(a: RangeSet, b: RangeSet): boolean {
  return a.ranges.length === b.ranges.length && a.ranges.every((r, i) => r.first === b.ranges[i]?.first && r.last === b.ranges[i]?.last);
}

/**
 * The fewest prefixes whose union is exactly the range: at each step the largest aligned block that starts
 * at `first` and fits. Prefixes either nest or are disjoint, so no other cover can use fewer.
 */
export function rangeToBitPrefixes(range: AddressRange, bits: number): BitPrefix[] {
  const out: BitPrefix[] = [];
  const whole = 1n << BigInt(bits);
  let first = range.first;
  while (first <= range.last) {
    // The block is limited by the alignment of `first` (its lowest set bit) and by what is left of the range.
    const aligned = first === 0n ? whole : first & -first;
    const left = floorPowerOfTwo(range.last - first + 1n);
    const size = aligned < left ? aligned : left;
    out.push({ value: first, len: bits - log2(size) });
    first += size;
  }
  return out;
}

/** log2 of a power of two. */
function log2(power: bigint): number {
  return power.toString(2).length - 1;
}

function floorPowerOfTwo(n: bigint): bigint {
  return 1n << BigInt(n.toString(2).length - 1);
}

/** The fewest prefixes that cover exactly the set, in address order. */
export function toBitPrefixes(set: RangeSet): BitPrefix[] {
  return set.ranges.flatMap((r) => rangeToBitPrefixes(r, set.bits));
}

// Conversions between the model's word-array prefixes and bigints.

function wordsToBigint(words: readonly number[]): bigint {
  let value = 0n;
  for (const w of words) value = (value << 32n) | BigInt(w >>> 0);
  return value;
}

function bigintToWords(value: bigint, family: Family): number[] {
  const count = family === 4 ? 1 : 4;
  const words: number[] = [];
  for (let i = count - 1; i >= 0; i--) words.push(Number((value >> BigInt(32 * i)) & 0xffffffffn));
  return words;
}

export function toBitPrefix(prefix: Prefix): BitPrefix {
  return { value: wordsToBigint(prefix.words), len: prefix.len };
}

export function fromBitPrefix(prefix: BitPrefix, family: Family): Prefix {
  return { family, words: bigintToWords(prefix.value, family), len: prefix.len };
}

/** The set of addresses of one family that the prefixes cover; prefixes of the other family are left out. */
export function setOf(family: Family, prefixes: readonly Prefix[]): RangeSet {
  return setOfBitPrefixes(bitLength(family), prefixes.filter((p) => p.family === family).map(toBitPrefix));
}

export function prefixesOf(set: RangeSet, family: Family): Prefix[] {
  return toBitPrefixes(set).map((p) => fromBitPrefix(p, family));
}

/** `include` minus `exclude`, per family, as the fewest prefixes: IPv4 first, then IPv6, each in address order. */
export function excludePrefixes(include: readonly Prefix[], exclude: readonly Prefix[]): Prefix[] {
  return ([4, 6] as const).flatMap((family) => prefixesOf(subtract(setOf(family, include), setOf(family, exclude)), family));
}
