import type { ParsedPrefix } from '../net/prefix';
import { parsePromptLine } from './shellPrompt';
import { isBlank } from './tokens';

// Character-level helpers of the `ip route` parser, kept apart so the parser reads as the format.

/**
 * True when the parser starts a new route at this line whatever came before it, so a section can be read
 * in pieces that begin at such lines and give exactly what reading it whole gives.
 */
export function startsRoute(line: string): boolean {
  let first = 0;
  while (first < line.length && isBlank(line.charCodeAt(first))) first++;
  if (first === line.length || line.charCodeAt(first) === 35 /* # */ || parsePromptLine(line)) return false;
  if (first === 0) return true;
  let end = first;
  while (end < line.length && !isBlank(line.charCodeAt(end))) end++;
  const word = line.slice(first, end);
  return word !== 'nexthop' && word !== 'cache' && word !== '\\';
}

/**
 * `a.b.c.d/len` and bare IPv4 hosts without the general parser's intermediate objects: most lines of a
 * large dump are such prefixes. Anything else (IPv6, odd forms) returns undefined for `parsePrefix`.
 */
export function parseIPv4Prefix(text: string): ParsedPrefix | undefined {
  let word = 0;
  let octets = 0;
  let i = 0;
  const n = text.length;
  while (octets < 4) {
    const start = i;
    let octet = 0;
    while (i < n && i - start < 4) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      octet = octet * 10 + c;
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 3 || octet > 255 || (digits > 1 && text.charCodeAt(start) === 48)) return undefined;
    word = word * 256 + octet;
    octets++;
    if (octets < 4) {
      if (text.charCodeAt(i) !== 46) return undefined;
      i++;
    }
  }
  let len = 32;
  if (i < n) {
    if (text.charCodeAt(i) !== 47 || n - i - 1 < 1 || n - i - 1 > 2) return undefined;
    len = 0;
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j) - 48;
      if (c < 0 || c > 9) return undefined;
      len = len * 10 + c;
    }
    if (len > 32) return undefined;
  }
  const masked = len === 0 ? 0 : (word & (0xffffffff << (32 - len))) >>> 0;
  return { prefix: { family: 4, words: [masked], len }, hostBitsSet: masked !== word };
}

export function parseUnsigned(text: string): number | undefined {
  if (text.length === 0 || text.length > 10) return undefined;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n <= 0xffffffff ? n : undefined;
}
