/**
 * IPv4 and IPv6 addresses held as 32-bit words, most significant first.
 * One IPv4 word or four IPv6 words keep bit tests cheap in the trie and resolver.
 */
export type Family = 4 | 6;

export interface Address {
  readonly family: Family;
  readonly words: readonly number[];
}

export function bitLength(family: Family): 32 | 128 {
  return family === 4 ? 32 : 128;
}

/** Bit `i` (0 = most significant) of an address or prefix. */
export function bitAt(words: readonly number[], i: number): 0 | 1 {
  return (((words[i >>> 5] ?? 0) >>> (31 - (i & 31))) & 1) as 0 | 1;
}

export function parseIPv4(text: string): Address | undefined {
  const words = parseIPv4Word(text, 0, text.length);
  return words === undefined ? undefined : { family: 4, words: [words] };
}

/** Strict dotted quad: four decimal octets, no leading zeros (they mean octal to some tools). */
function parseIPv4Word(text: string, from: number, to: number): number | undefined {
  let value = 0;
  let octets = 0;
  let i = from;
  while (i <= to) {
    let octet = 0;
    let digits = 0;
    const start = i;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      octet = octet * 10 + (c - 48);
      digits++;
      i++;
      if (digits > 3) return undefined;
    }
    if (digits === 0 || octet > 255 || (digits > 1 && text.charCodeAt(start) === 48)) return undefined;
    value = value * 256 + octet;
    octets++;
    if (i === to) break;
    if (text.charCodeAt(i) !== 46 || octets === 4) return undefined;
    i++;
  }
  return octets === 4 ? value >>> 0 : undefined;
}

/** RFC 4291 text forms, including `::` compression and a trailing dotted quad; no zone. */
export function parseIPv6(text: string): Address | undefined {
  const n = text.length;
  if (n < 2 || n > 45) return undefined;
  const groups: number[] = [];
  let gap = -1;
  let i = 0;
  if (text.startsWith('::')) {
    gap = 0;
    i = 2;
    if (n === 2) return { family: 6, words: [0, 0, 0, 0] };
  } else if (text.charCodeAt(0) === 58) {
    return undefined;
  }
  while (i < n) {
    let j = i;
    let value = 0;
    while (j < n && j - i < 5) {
      const h = hexValue(text.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      j++;
    }
    if (j < n && text.charCodeAt(j) === 46) {
      // Embedded IPv4 tail such as ::ffff:192.0.2.1.
      const v4 = parseIPv4Word(text, i, n);
      if (v4 === undefined || groups.length > 6) return undefined;
      groups.push(v4 >>> 16, v4 & 0xffff);
      break;
    }
    if (j === i || j - i > 4) return undefined;
    groups.push(value);
    i = j;
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) return undefined;
    i++;
    if (i < n && text.charCodeAt(i) === 58) {
      if (gap >= 0) return undefined;
      gap = groups.length;
      i++;
      if (i === n) break;
    } else if (i === n) {
      return undefined;
    }
  }
  if (gap >= 0) {
    if (groups.length > 7) return undefined;
    groups.splice(gap, 0, ...new Array<number>(8 - groups.length).fill(0));
  }
  if (groups.length !== 8) return undefined;
  const words: number[] = [];
  for (let w = 0; w < 4; w++) words.push((((groups[2 * w] ?? 0) << 16) | (groups[2 * w + 1] ?? 0)) >>> 0);
  return { family: 6, words };
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

export function parseAddress(text: string): Address | undefined {
  return text.includes(':') ? parseIPv6(text) : parseIPv4(text);
}

export function formatAddress(address: Address): string {
  return address.family === 4 ? formatIPv4(address.words[0] ?? 0) : formatIPv6(address.words);
}

export function formatIPv4(word: number): string {
  return `${word >>> 24}.${(word >>> 16) & 255}.${(word >>> 8) & 255}.${word & 255}`;
}

/** RFC 5952 canonical text: lower case, longest zero run (of two or more) compressed. */
export function formatIPv6(words: readonly number[]): string {
  const groups: number[] = [];
  for (const w of words) groups.push(w >>> 16, w & 0xffff);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart >= 0 && isMappedV4(groups)) {
    return `::ffff:${formatIPv4(words[3] ?? 0)}`;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

function isMappedV4(groups: readonly number[]): boolean {
  return groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
}

export function compareAddresses(a: Address, b: Address): number {
  if (a.family !== b.family) return a.family - b.family;
  for (let i = 0; i < a.words.length; i++) {
    const d = (a.words[i] ?? 0) - (b.words[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function sameAddress(a: Address, b: Address): boolean {
  return compareAddresses(a, b) === 0;
}
