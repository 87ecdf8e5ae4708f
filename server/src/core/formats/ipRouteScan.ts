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
  const scanned = scanIPv4(text, 0, text.length, true);
  if (scanned < 0) return undefined;
  const len = scanned % 64;
  const word = (scanned - len) / 64;
  const masked = len === 0 ? 0 : (word & (0xffffffff << (32 - len))) >>> 0;
  return { prefix: { family: 4, words: [masked], len }, hostBitsSet: masked !== word };
}

/**
 * Reads `a.b.c.d` (and `/len` when allowed) from text[from, to) in place: `word * 64 + len`, or -1 when
 * it is not one. Octets are strict (no leading zeros), as `parseIPv4` wants them.
 */
export function scanIPv4(text: string, from: number, to: number, allowLength: boolean): number {
  let word = 0;
  let i = from;
  for (let octets = 0; octets < 4; octets++) {
    if (octets > 0) {
      if (i >= to || text.charCodeAt(i) !== 46) return -1;
      i++;
    }
    const start = i;
    let octet = 0;
    while (i < to && i - start < 4) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      octet = octet * 10 + c;
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 3 || octet > 255 || (digits > 1 && text.charCodeAt(start) === 48)) return -1;
    word = word * 256 + octet;
  }
  if (i === to) return word * 64 + 32;
  if (!allowLength || text.charCodeAt(i) !== 47 || to - i - 1 < 1 || to - i - 1 > 2) return -1;
  let len = 0;
  for (let j = i + 1; j < to; j++) {
    const c = text.charCodeAt(j) - 48;
    if (c < 0 || c > 9) return -1;
    len = len * 10 + c;
  }
  return len > 32 ? -1 : word * 64 + len;
}

export function parseUnsigned(text: string): number | undefined {
  const n = scanUnsigned(text, 0, text.length);
  return n < 0 ? undefined : n;
}

/** A decimal from 0 to 4294967295 in text[from, to), or -1. */
export function scanUnsigned(text: string, from: number, to: number): number {
  if (to <= from || to - from > 10) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n <= 0xffffffff ? n : -1;
}
