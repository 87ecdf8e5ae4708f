import { type Address, type Family, bitLength, formatAddress, parseAddress } from './address';

/** A network prefix: the masked address words and the prefix length. */
export interface Prefix {
  readonly family: Family;
  readonly words: readonly number[];
  readonly len: number;
}

export interface ParsedPrefix {
  readonly prefix: Prefix;
  /** True when the text had bits set past the prefix length (`10.0.0.1/8`). */
  readonly hostBitsSet: boolean;
}

function maskWord(word: number, bits: number): number {
  if (bits <= 0) return 0;
  if (bits >= 32) return word >>> 0;
  return (word & (0xffffffff << (32 - bits))) >>> 0;
}

export function maskWords(words: readonly number[], len: number): number[] {
  return words.map((w, i) => maskWord(w, len - 32 * i));
}

export function prefixOf(address: Address, len: number): Prefix {
  return { family: address.family, words: maskWords(address.words, len), len };
}

export function hostPrefix(address: Address): Prefix {
  return { family: address.family, words: address.words, len: bitLength(address.family) };
}

export function defaultPrefix(family: Family): Prefix {
  return { family, words: family === 4 ? [0] : [0, 0, 0, 0], len: 0 };
}

/** Parses `A`, `A/len` or `default`; `family` decides what `default` means. */
export function parsePrefix(text: string, family: Family = 4): ParsedPrefix | undefined {
  if (text === 'default' || text === 'all' || text === 'any') {
    return { prefix: defaultPrefix(family), hostBitsSet: false };
  }
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const max = bitLength(address.family);
  let len: number = max;
  if (slash >= 0) {
    const lenText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lenText)) return undefined;
    len = Number(lenText);
    if (len > max) return undefined;
  }
  const words = maskWords(address.words, len);
  const hostBitsSet = words.some((w, i) => w !== address.words[i]);
  return { prefix: { family: address.family, words, len }, hostBitsSet };
}

export function formatPrefix(prefix: Prefix): string {
  return `${formatAddress(prefix)}/${prefix.len}`;
}

/** The shortest text iproute2 would print: `default`, a bare host, or `A/len`. */
export function formatPrefixShort(prefix: Prefix): string {
  if (prefix.len === 0) return 'default';
  if (prefix.len === bitLength(prefix.family)) return formatAddress(prefix);
  return formatPrefix(prefix);
}

export function prefixContains(prefix: Prefix, address: Address): boolean {
  if (prefix.family !== address.family) return false;
  const n = prefix.words.length;
  for (let i = 0; i < n; i++) {
    if (maskWord(address.words[i] ?? 0, prefix.len - 32 * i) !== prefix.words[i]) return false;
  }
  return true;
}

/** True when `outer` contains every address of `inner`. */
export function prefixCovers(outer: Prefix, inner: Prefix): boolean {
  return outer.len <= inner.len && prefixContains(outer, inner);
}

export function prefixesOverlap(a: Prefix, b: Prefix): boolean {
  return prefixCovers(a, b) || prefixCovers(b, a);
}

export function samePrefix(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && a.len === b.len && a.words.every((w, i) => w === b.words[i]);
}

/** Prefix identity as a string key, for maps. */
export function prefixKey(prefix: Prefix): string {
  return `${prefix.family}:${prefix.words.join('.')}/${prefix.len}`;
}

export function lastAddress(prefix: Prefix): Address {
  const words = prefix.words.map((w, i) => {
    const bits = prefix.len - 32 * i;
    if (bits >= 32) return w;
    if (bits <= 0) return 0xffffffff;
    return (w | (0xffffffff >>> bits)) >>> 0;
  });
  return { family: prefix.family, words };
}

/** Number of addresses in the prefix. */
export function prefixSize(prefix: Prefix): bigint {
  return 1n << BigInt(bitLength(prefix.family) - prefix.len);
}

/** The two halves of a prefix one bit longer; used to describe what a covered range splits into. */
export function splitPrefix(prefix: Prefix): [Prefix, Prefix] {
  const len = prefix.len + 1;
  const words = [...prefix.words];
  const i = (len - 1) >>> 5;
  words[i] = ((words[i] ?? 0) | (1 << (31 - ((len - 1) & 31)))) >>> 0;
  return [{ family: prefix.family, words: prefix.words, len }, { family: prefix.family, words, len }];
}
