import { isWord } from './bsdDestination';
import { looksLikeFlags } from './bsdFlags';
import { type Token, isBlank } from './tokens';

/** The column header line of one address family, e.g. `Destination Gateway Flags Refs Use Mtu Prio Iface`. */
export interface Columns {
  /** Columns before Flags: Destination and Gateway, plus RT_IFA with macOS `-l`. */
  readonly lead: readonly string[];
  /** Numeric columns between Flags and the interface: Refs, Use, Mtu, Prio, Nhop#... */
  readonly middle: readonly string[];
  /** Columns after the interface: Expire, and macOS `-ll` extras. */
  readonly tail: readonly string[];
}

/** More columns than any netstat prints (macOS `-lll` has 14): such a line is not a route. */
export const MAX_COLUMNS = 24;

/** The first `max` tokens, plus one when there are more; a huge line costs no more than its first words. */
export function leadingTokens(line: string, max: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length && tokens.length <= max) {
    while (i < line.length && isBlank(line.charCodeAt(i))) i++;
    if (i >= line.length) break;
    const start = i;
    while (i < line.length && !isBlank(line.charCodeAt(i))) i++;
    tokens.push({ text: line.slice(start, i), start, end: i });
  }
  return tokens;
}

const INTERFACE_COLUMNS = new Set(['Netif', 'Iface', 'Interface']);

/** Reads a column header line; undefined when the tokens are not one. */
export function parseColumns(tokens: readonly Token[]): Columns | undefined {
  const names = tokens.map((t) => t.text);
  const start = names[0] === 'Address' ? 1 : 0;
  if (names[start] !== 'Destination' || names[start + 1] !== 'Gateway') return undefined;
  const flags = names.indexOf('Flags');
  if (flags < 0) return undefined;
  let netif = names.findIndex((n) => INTERFACE_COLUMNS.has(n));
  if (netif < flags) netif = names.length;
  return { lead: names.slice(start, flags), middle: names.slice(flags + 1, netif), tail: names.slice(netif + 1) };
}

/** Older tables without a header line: name the numeric columns by how many there are. */
function defaultMiddle(count: number): readonly string[] {
  if (count === 2) return ['Refs', 'Use'];
  if (count === 3) return ['Refs', 'Use', 'Mtu'];
  if (count === 4) return ['Refs', 'Use', 'Mtu', 'Prio'];
  return [];
}

export interface Cell {
  readonly name: string;
  readonly token: Token;
}

/** One route line cut into its columns. */
export interface Row {
  readonly dest: Token;
  readonly gateway: Token;
  readonly flags: Token;
  /** Extra leading columns such as RT_IFA. */
  readonly lead: readonly Cell[];
  readonly middle: readonly Cell[];
  readonly iface: Token | undefined;
  readonly tail: readonly Cell[];
  /** Tokens no column accounts for. */
  readonly extra: readonly Token[];
  /** OpenBSD prints `L` after the Mtu when it is locked. */
  readonly mtuLocked: boolean;
  /** Old FreeBSD marks routes sharing a key with `=>`. */
  readonly duplicateKey: boolean;
}

/**
 * Cuts a route line by whitespace. Empty cells (Expire, a blank Mtu with `-W`) print no token, so the
 * numeric run after Flags is read up to the first word, which is the interface.
 */
export function splitRow(tokens: readonly Token[], columns: Columns | undefined): Row | { error: string } {
  const leadCount = Math.max(2, columns?.lead.length ?? 2);
  const first = tokens[0] as Token;
  const flags = tokens[leadCount];
  if (!flags) return { error: 'Not a route line: expected Destination, Gateway and Flags columns.' };
  if (!looksLikeFlags(flags.text) || !hasCoreFlag(flags.text)) {
    return { error: `Not a route line: '${clipToken(flags.text)}' is not a Flags column (letters such as UGS).` };
  }
  const lead: Cell[] = [];
  for (let k = 2; k < leadCount; k++) lead.push({ name: columns?.lead[k] ?? `column${k + 1}`, token: tokens[k] as Token });
  let i = leadCount + 1;
  const numbers: Token[] = [];
  let mtuLocked = false;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (isNumberCell(t.text)) numbers.push(t);
    else if (t.text === 'L' && numbers.length > 0 && i + 1 < tokens.length) mtuLocked = true;
    else break;
  }
  const names = columns && columns.middle.length > 0 ? columns.middle : defaultMiddle(numbers.length);
  const extra: Token[] = [];
  const middle: Cell[] = [];
  numbers.forEach((token, k) => {
    const name = names[k];
    if (name) middle.push({ name, token });
    else extra.push(token);
  });
  let iface: Token | undefined;
  const candidate = tokens[i];
  if (candidate && (isWord(candidate.text) || candidate.text === '---')) {
    iface = candidate;
    i++;
  }
  const tailNames = columns ? columns.tail : ['Expire'];
  const tail: Cell[] = [];
  let duplicateKey = false;
  for (let k = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === '=>') {
      duplicateKey = true;
      continue;
    }
    const name = tailNames[k++];
    if (name && iface) tail.push({ name, token: t });
    else extra.push(t);
  }
  return { dest: first, gateway: tokens[1] as Token, flags, lead, middle, iface, tail, extra, mtuLocked, duplicateKey };
}

/** Every route has one of these capital letters; a lower-case word in the third column is prose, not flags. */
function hasCoreFlag(text: string): boolean {
  for (const letter of 'UGHRBSDMCL') if (text.includes(letter)) return true;
  return false;
}

function isNumberCell(text: string): boolean {
  if (text === '-') return true;
  if (text.length === 0 || text.length > 20) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `Nhop#` → `nhop`, `rtt(ms)` → `rttms`: attribute keys from column names. */
export function attributeKey(name: string): string {
  let key = '';
  for (const ch of name.toLowerCase()) if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch === '_') key += ch;
  return key === '' ? 'column' : key;
}

function clipToken(text: string): string {
  return text.length <= 32 ? text : `${text.slice(0, 31)}…`;
}
