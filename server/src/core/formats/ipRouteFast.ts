import type { Address, Family } from '../net/address';
import { parsePrefix } from '../net/prefix';
import { ROUTE_TYPE_LIST, type RouteType } from '../model';
import type { Draft } from './ipRouteDraft';
import { scanIPv4, scanUnsigned } from './ipRouteScan';
import { NO_FLAGS, clipText } from './ipRouteRecord';
import type { IpRouteWords } from './ipRouteWords';

// Most lines of a large dump are plain routes. This reader takes them word by word in place, without
// tokens or a string per word, and gives up on anything it does not fully understand (prompts, comments,
// continuations, errors, rare keywords) so the general reader reads that line from scratch.

function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** Character classes: 0 a word character, 1 a blank, 2 anything the fast reader leaves to the general one. */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 32; c++) CLASS[c] = 2;
for (const c of [9, 11, 12, 13, 32]) CLASS[c] = 1;
// Prompts, comments, line continuations and DEL.
for (const c of '#$%>\\\x7f') CLASS[c.charCodeAt(0)] = 2;

export class FastRouteReader {
  /** The text the line is in, and where the line ends in it. */
  private line = '';
  private lineEnd = 0;
  private pos = 0;
  /** The current word: line[start, end). */
  private start = 0;
  private end = 0;
  /** The length of the destination `prefix()` read last. */
  private prefixLen = 0;
  /** Set when `next` met a character the general reader must judge. */
  private unusual = false;
  private readonly word4 = [0];
  /** Whether the current word has a colon: an IPv6 address or prefix. */
  private colon = false;

  /** `lazyText`: the route's store can cut the line again from the document, so no text is kept. */
  constructor(private readonly words: IpRouteWords, private readonly lazyText: boolean) {}

  /**
   * Fills `draft` from the route line `text[from, to)` that starts with neither a blank nor `#`, or returns
   * false (leaving the draft to be begun again) when the general reader must read it.
   */
  read(text: string, from: number, to: number, n: number, draft: Draft, contextFamily: Family | undefined): boolean {
    this.line = text;
    this.lineEnd = to;
    this.pos = from;
    this.unusual = false;
    if (!this.next()) return false;
    let type: RouteType = 'unicast';
    // Route types are words; a destination starts with a digit or, in IPv6, maybe a letter.
    const named = isLetter(text.charCodeAt(this.start)) ? this.routeType() : undefined;
    if (named !== undefined) {
      type = named;
      if (!this.next()) return false;
    }
    const prefixStart = this.start - from;
    const prefixEnd = this.end - from;
    let words: readonly number[] | undefined;
    if (!this.is('default')) {
      words = this.prefix();
      if (words === undefined) return false;
    }
    const family: Family | undefined = words === undefined ? undefined : words.length === 1 ? 4 : 6;
    draft.begin(type, family ?? contextFamily ?? 4, family !== undefined || contextFamily !== undefined, words, this.prefixLen, n, prefixStart, prefixEnd);
    while (this.next()) if (!this.keyword(draft)) return false;
    if (this.unusual) return false;
    // With the document at hand, the route cuts its text from it when asked.
    draft.endFirstLine(this.end - from, this.lazyText ? undefined : clipText(text.slice(from, this.end)));
    return true;
  }

  /** Advances to the next word; false at the end of the line or at a character left to the general reader. */
  private next(): boolean {
    const line = this.line;
    const end = this.lineEnd;
    let i = this.pos;
    while (i < end && CLASS[line.charCodeAt(i)] === 1) i++;
    if (i >= end) return false;
    this.start = i;
    let colon = false;
    for (; i < end; i++) {
      const c = line.charCodeAt(i);
      const kind = c < 128 ? CLASS[c] : 2;
      if (kind === 1) break;
      if (kind === 2) {
        this.unusual = true;
        return false;
      }
      if (c === 58) colon = true;
    }
    this.colon = colon;
    this.end = i;
    this.pos = i;
    return true;
  }

  private is(word: string): boolean {
    return this.end - this.start === word.length && this.line.startsWith(word, this.start);
  }

  private routeType(): RouteType | undefined {
    for (const type of ROUTE_TYPE_LIST) if (this.is(type)) return type;
    return undefined;
  }

  /** The words of a valid destination without host bits past its length (its length in `prefixLen`), else undefined. */
  private prefix(): readonly number[] | undefined {
    if (this.colon) {
      const parsed = parsePrefix(this.line.slice(this.start, this.end));
      if (!parsed || parsed.hostBitsSet) return undefined;
      this.prefixLen = parsed.prefix.len;
      return parsed.prefix.words;
    }
    const scanned = scanIPv4(this.line, this.start, this.end, true);
    if (scanned < 0) return undefined;
    const len = scanned % 64;
    const word = (scanned - len) / 64;
    const masked = len === 0 ? 0 : (word & (0xffffffff << (32 - len))) >>> 0;
    if (masked !== word) return undefined;
    this.prefixLen = len;
    // The route's store copies an IPv4 word, so one array serves every line.
    this.word4[0] = masked;
    return this.word4;
  }

  /** Reads one keyword and its value into the draft; false when the general reader must take the line. */
  private keyword(draft: Draft): boolean {
    switch (this.end - this.start) {
      case 3:
        if (this.is('via')) return this.via(draft);
        if (this.is('dev')) return this.value() && this.setDevice(draft);
        if (this.is('src')) return this.value() && this.source(draft);
        return false;
      case 4:
        if (!this.is('pref') || !this.value()) return false;
        draft.attr().pref = this.word();
        return true;
      case 5:
        if (this.is('proto')) return this.value() && this.setProto(draft);
        if (this.is('scope')) return this.value() && this.setScope(draft);
        if (this.is('table')) return this.value() && this.table(draft);
        return false;
      case 6:
        if (this.is('metric')) return this.value() && this.metric(draft);
        if (this.is('onlink')) return this.flag(draft, 'onlink');
        return false;
      case 8:
        if (this.is('protocol')) return this.value() && this.setProto(draft);
        if (this.is('linkdown')) return this.flag(draft, 'linkdown');
        return false;
      default:
        return false;
    }
  }

  /** Moves to a keyword's value; false when the line ends first (an error the general reader reports). */
  private value(): boolean {
    return this.next();
  }

  private word(): string {
    return this.words.internAt(this.line, this.start, this.end);
  }

  private setDevice(draft: Draft): boolean {
    draft.device = this.word();
    return true;
  }

  private setProto(draft: Draft): boolean {
    draft.proto = this.word();
    return true;
  }

  private setScope(draft: Draft): boolean {
    draft.scope = this.word();
    return true;
  }

  private flag(draft: Draft, flag: string): boolean {
    draft.flags = draft.flags === NO_FLAGS ? [flag] : [...draft.flags, flag];
    return true;
  }

  private metric(draft: Draft): boolean {
    const metric = scanUnsigned(this.line, this.start, this.end);
    if (metric < 0) return false;
    draft.metric = metric;
    return true;
  }

  private table(draft: Draft): boolean {
    const table = this.word();
    if (this.words.tableId(table) === undefined) return false;
    draft.table = table;
    return true;
  }

  private address(): Address | undefined {
    if (this.colon) return this.words.address(this.line.slice(this.start, this.end));
    const scanned = scanIPv4(this.line, this.start, this.end, false);
    return scanned < 0 ? undefined : this.words.ipv4((scanned - 32) / 64);
  }

  private source(draft: Draft): boolean {
    const src = this.address();
    if (src === undefined) return false;
    draft.src = src;
    draft.learnFamily(src.family);
    return true;
  }

  /** `via [inet|inet6] ADDRESS`, as the general reader takes it. */
  private via(draft: Draft): boolean {
    if (!this.next()) return false;
    let explicit: Family | undefined;
    if (this.is('inet') || this.is('inet6')) {
      explicit = this.is('inet') ? 4 : 6;
      if (!this.next()) return false;
    }
    const gateway = this.address();
    if (gateway === undefined || (explicit !== undefined && gateway.family !== explicit)) return false;
    draft.gateway = gateway;
    draft.learnFamilyFromGateway(gateway, explicit);
    return true;
  }
}
