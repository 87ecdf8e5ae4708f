import { type Span, spanOnLine } from '../../model';
import { type Address, type Family, parseAddress } from '../../net/address';
import { type Prefix, parsePrefix } from '../../net/prefix';
import type { NmEntry } from './model';

/** One piece of a list value with its place on the line. */
export interface Piece {
  readonly text: string;
  readonly span: Span;
}

/** Splits a value on `sep`, keeping each trimmed, non-empty piece's span. */
export function pieces(entry: NmEntry, sep: string): Piece[] {
  const out: Piece[] = [];
  const base = entry.valueSpan.col;
  let from = 0;
  const value = entry.value;
  while (from <= value.length) {
    let to = value.indexOf(sep, from);
    if (to < 0) to = value.length;
    const raw = value.slice(from, to);
    const text = raw.trim();
    if (text !== '') {
      const col = base + from + (raw.length - raw.trimStart().length);
      out.push({ text, span: spanOnLine(entry.line, col, col + text.length) });
    }
    from = to + 1;
  }
  return out;
}

/** GKeyFile booleans: `true`/`false`, and `1`/`0`, which NetworkManager's reader also takes. */
export function parseBool(value: string): boolean | undefined {
  if (value === 'true' || value === '1' || value === 'yes') return true;
  if (value === 'false' || value === '0' || value === 'no') return false;
  return undefined;
}

export function parseInteger(value: string, min: number, max: number): number | undefined {
  const hex = /^0x[0-9a-f]{1,8}$/i.test(value);
  if (!hex && !/^-?\d{1,10}$/.test(value)) return undefined;
  const n = hex ? parseInt(value.slice(2), 16) : Number(value);
  return n >= min && n <= max ? n : undefined;
}

export function addressOfFamily(text: string, family: Family): Address | undefined {
  const address = parseAddress(text);
  return address?.family === family ? address : undefined;
}

/** `A/len`; a bare address is a host prefix. Host bits are an error for routes, as `nmcli` says. */
export function prefixOfFamily(text: string, family: Family): { prefix: Prefix; hostBitsSet: boolean } | undefined {
  const parsed = parsePrefix(text, family);
  if (!parsed || parsed.prefix.family !== family || text === 'default' || text === 'all' || text === 'any') return undefined;
  return parsed;
}

export function familyName(family: Family): string {
  return family === 4 ? 'IPv4' : 'IPv6';
}
