import type { Family } from '../net/address';
import { formatPrefix, parsePrefix } from '../net/prefix';
import { type RouteType, type Span, ROUTE_TYPES, makeFinding, spanOnLine } from '../model';
import { ENCAP_KEYWORD, FLAG_WORDS, LOCKABLE, VALUE_KEYWORDS } from './ipRouteKeywords';
import { type IpRouteContext, type PastedCommand, ipRouteContext, parsePromptLine } from './shellPrompt';
import type { TextLines } from './textLines';
import { parseIPv4Prefix, parseUnsigned } from './ipRouteScan';
import { IpNextHop, NO_FLAGS, clipText } from './ipRouteRecord';
import { Draft, type HopTarget } from './ipRouteDraft';
import { FastRouteReader } from './ipRouteFast';
import { IpRouteStore } from './ipRouteStore';
import type { IpRouteWords } from './ipRouteWords';
import { type Token, isBlank, tokenize } from './tokens';
import { type FormatParser, type ParseSink, type SectionInput, shareOfLines } from './types';

export const IP_ROUTE_FORMAT = 'linux-ip-route';

export { startsRoute } from './ipRouteScan';

/** Flags are rare: the shared empty list is replaced on the first one. */
function withFlag(flags: readonly string[], flag: string): readonly string[] {
  return flags === NO_FLAGS ? [flag] : [...flags, flag];
}

/** `ip route`, `ip -4/-6 route` and `ip route show table all` output, prompts and comments included. */
export const ipRouteParser: FormatParser = {
  id: IP_ROUTE_FORMAT,
  label: 'Linux ip route',
  os: 'linux',
  claims: (command: PastedCommand) => ipRouteContext(command) !== undefined,
  isHeader: () => false,
  score: (sample: readonly string[]): number => shareOfLines(sample, (t) => IP_ROUTE_LINE.test(t)),
  parse: (input: SectionInput, sink: ParseSink): void => parseIpRoute(input, sink),
};

/** Reads a section; `fast` false reads every line the general way, which tests compare against. */
export function parseIpRoute(input: SectionInput, sink: ParseSink, fast = true): void {
  const parser = parserFor(input.end - input.start, input.command, sink, fast, undefined);
  for (let i = input.start; i < input.end; i++) parser.line(input.lines[i] ?? '', i);
  parser.finish();
}

/**
 * Reads lines `[from, to)` of a document. While no line of it is replaced, plain route lines are read in
 * place from its text, and the routes cut their text from it when asked: no string is made per line.
 */
export function parseIpRouteLines(lines: TextLines, from: number, to: number, command: PastedCommand | undefined, sink: ParseSink): void {
  const parser = parserFor(to - from, command, sink, true, lines);
  if (lines.pristine) {
    for (let i = from; i < to; i++) parser.lineIn(lines.textOf(i), lines.startOf(i), lines.endOf(i), i);
  } else {
    for (let i = from; i < to; i++) parser.line(lines.at(i) ?? '', i);
  }
  parser.finish();
}

/** A parser of `lineCount` lines after `command`, with a store for their routes that quotes from `document` when given. */
function parserFor(lineCount: number, command: PastedCommand | undefined, sink: ParseSink, fast: boolean, document: TextLines | undefined): IpRouteParser {
  // Every route takes a line: the line count sizes the store's columns, within reason.
  const store = new IpRouteStore(Math.min(lineCount, 1 << 16), document);
  return new IpRouteParser(sink, command ? (ipRouteContext(command) ?? {}) : {}, fast, store);
}

/** A route line or a multipath continuation, as iproute2 prints them. */
const IP_ROUTE_LINE = new RegExp(
  '^(?:(?:unicast|local|broadcast|anycast|multicast|blackhole|unreachable|prohibit|throw|nat)\\s+)?'
  + '(?:default|[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?:/\\d{1,2})?|[0-9a-fA-F]{0,4}:[0-9a-fA-F:.]*(?:/\\d{1,3})?)'
  + '(?:\\s+(?:via|dev|proto|scope|metric|table|nhid|src|tos|from|pref|expires|mtu|onlink|linkdown|error)\\b.*)?$'
  + '|^nexthop\\s',
);

class IpRouteParser {
  // One draft for the whole parse; `open` says whether it holds a route not yet handed to the sink.
  private readonly draft = new Draft();
  private open = false;
  private readonly words: IpRouteWords;
  private readonly fast: FastRouteReader;

  constructor(private readonly sink: ParseSink, private context: IpRouteContext, private readonly fastLines: boolean, private readonly store: IpRouteStore) {
    this.words = store.cache;
    this.fast = new FastRouteReader(this.words, store.document !== undefined);
  }

  line(line: string, n: number): void {
    if (!this.tryFast(line, 0, line.length, n)) this.general(line, n);
  }

  /** Line `n` as `text[from, to)`: cut only when the fast reader cannot take it. */
  lineIn(text: string, from: number, to: number, n: number): void {
    if (!this.tryFast(text, from, to, n)) this.general(text.slice(from, to), n);
  }

  /** True when the line is blank or the fast reader took it. */
  private tryFast(text: string, from: number, to: number, n: number): boolean {
    let first = from;
    while (first < to && isBlank(text.charCodeAt(first))) first++;
    if (first === to) return true;
    // Every line that starts at column 0 with something other than `#` ends the open route.
    if (first === from && text.charCodeAt(first) !== 35) {
      this.flush();
      if (this.fastLines && this.fast.read(text, from, to, n, this.draft, this.context.family)) {
        this.open = true;
        return true;
      }
    }
    return false;
  }

  /** A line that is not blank, read word by word: prompts, comments, continuations, errors and anything rare. */
  private general(line: string, n: number): void {
    let first = 0;
    while (isBlank(line.charCodeAt(first))) first++;
    const lead = line.charCodeAt(first);
    const prompt = parsePromptLine(line);
    if (prompt) {
      this.flush();
      this.context = ipRouteContext(prompt) ?? {};
      return;
    }
    if (lead === 35 /* # */) return;
    const end = commentStart(line, first);
    const tokens = tokenize(line, first, end);
    if (tokens.length === 0) return;
    const word = tokens[0]?.text ?? '';
    if (first > 0 && this.open && (word === 'nexthop' || word === 'cache' || word === '\\')) {
      this.continuation(tokens, n);
      return;
    }
    this.flush();
    this.routeLine(tokens, n, line.slice(first, end).trim());
  }

  finish(): void {
    this.flush();
  }

  private error(message: string, span: Span): void {
    this.sink.finding(makeFinding('parse-error', 'error', message, span));
  }

  private routeLine(tokens: Token[], n: number, text: string): void {
    let i = 0;
    let type: RouteType = 'unicast';
    const t0 = tokens[0] as Token;
    if (ROUTE_TYPES.has(t0.text)) {
      type = t0.text as RouteType;
      i++;
    }
    const dst = tokens[i];
    if (!dst) {
      this.error(`'${clip(t0.text)}' is not followed by a destination.`, spanOnLine(n, t0.start, t0.end));
      return;
    }
    const last = tokens[tokens.length - 1] as Token;
    const parsed = dst.text === 'default' ? undefined : (parseIPv4Prefix(dst.text) ?? parsePrefix(dst.text));
    if (dst.text !== 'default' && !parsed) {
      const looksLikeAddress = /^[0-9a-fA-F:.]+(?:\/\d*)?$/.test(dst.text) && /[.:]/.test(dst.text);
      const message = looksLikeAddress
        ? `'${clip(dst.text)}' is not a valid IPv4 or IPv6 address or prefix.`
        : `Not an \`ip route\` line: expected a route type or a destination, found '${clip(dst.text)}'.`;
      this.error(message, looksLikeAddress ? spanOnLine(n, dst.start, dst.end) : spanOnLine(n, t0.start, last.end));
      return;
    }
    if (parsed?.hostBitsSet) {
      this.sink.finding(makeFinding('invalid-prefix', 'warning',
        `'${clip(dst.text)}' has bits set past its prefix length; the kernel rejects it ("Invalid prefix for given prefix length"). Read as ${formatPrefix(parsed.prefix)}.`,
        spanOnLine(n, dst.start, dst.end)));
    }
    const draft = this.draft;
    draft.begin(type, parsed?.prefix.family ?? this.context.family ?? 4, parsed !== undefined || this.context.family !== undefined,
      parsed?.prefix.words, parsed?.prefix.len ?? 0, n, dst.start, dst.end);
    draft.endFirstLine(last.end, clipText(text));
    this.open = true;
    this.attributes(tokens, i + 1, n, draft);
  }

  /** Indented lines: `nexthop` lines extend a multipath route; `cache` lines from `ip route get` are skipped. */
  private continuation(tokens: Token[], n: number): void {
    const draft = this.draft;
    const last = tokens[tokens.length - 1] as Token;
    draft.endLine = n;
    draft.endCol = last.end;
    if (tokens[0]?.text !== 'nexthop') return;
    this.attributes(tokens, 0, n, draft);
  }

  /** Reads `keyword value` pairs and flags from `from`; `nexthop` opens a new next hop. */
  private attributes(tokens: Token[], from: number, n: number, draft: Draft): void {
    let hop: HopTarget = draft;
    for (let i = from; i < tokens.length; i++) {
      const tok = tokens[i] as Token;
      const key = tok.text;
      if (key === '\\') continue;
      if (key === 'nexthop') {
        const last = tokens[tokens.length - 1] as Token;
        const next = new IpNextHop(n, tok.start, last.end);
        (draft.hops ??= []).push(next);
        hop = next;
        continue;
      }
      if (FLAG_WORDS.has(key)) {
        hop.flags = withFlag(hop.flags, key);
        continue;
      }
      if (key === 'via') {
        i = this.via(tokens, i, n, draft, hop);
        continue;
      }
      if (key === ENCAP_KEYWORD) {
        const start = i;
        while (i + 1 < tokens.length && !isKnownKeyword((tokens[i + 1] as Token).text)) i++;
        draft.attr().encap = tokens.slice(start + 1, i + 1).map((t) => t.text).join(' ');
        continue;
      }
      if (!VALUE_KEYWORDS.has(key)) {
        const next = tokens[i + 1];
        const takesValue = next !== undefined && !isKnownKeyword(next.text);
        const end = takesValue ? (next as Token).end : tok.end;
        draft.attr()[key] = takesValue ? (next as Token).text : '';
        this.sink.finding(makeFinding('unknown-keyword', 'information',
          `Unknown keyword '${clip(key)}': kept as an attribute and not used in the analysis.`,
          spanOnLine(n, tok.start, end)));
        if (takesValue) i++;
        continue;
      }
      let valueTok = tokens[i + 1];
      if (valueTok && valueTok.text === 'lock' && LOCKABLE.has(key)) {
        i++;
        valueTok = tokens[i + 1];
      }
      if (!valueTok) {
        this.error(`'${key}' needs a value.`, spanOnLine(n, tok.start, tok.end));
        continue;
      }
      i++;
      this.value(key, valueTok, n, draft, hop);
    }
  }

  private via(tokens: Token[], i: number, n: number, draft: Draft, hop: HopTarget): number {
    let j = i + 1;
    let explicit: Family | undefined;
    const fam = tokens[j]?.text;
    if (fam === 'inet' || fam === 'inet6') {
      explicit = fam === 'inet' ? 4 : 6;
      j++;
    }
    const tok = tokens[j];
    if (!tok) {
      this.error(`'via' needs a gateway address.`, spanOnLine(n, (tokens[i] as Token).start, (tokens[j - 1] as Token).end));
      return j - 1;
    }
    const gateway = this.words.address(tok.text);
    if (!gateway || (explicit !== undefined && gateway.family !== explicit)) {
      this.error(`'${clip(tok.text)}' is not a valid gateway address.`, spanOnLine(n, tok.start, tok.end));
      return j;
    }
    hop.gateway = gateway;
    draft.learnFamilyFromGateway(gateway, explicit);
    return j;
  }

  private value(key: string, tok: Token, n: number, draft: Draft, hop: HopTarget): void {
    const v = tok.text;
    const span = spanOnLine(n, tok.start, tok.end);
    switch (key) {
      case 'dev':
      case 'oif':
        hop.device = this.words.intern(v);
        return;
      case 'weight': {
        const w = parseUnsigned(v);
        if (w === undefined || w < 1 || w > 256) this.error(`Weight '${clip(v)}' is not a number from 1 to 256.`, span);
        else hop.weight = w;
        return;
      }
      case 'table':
        if (this.words.tableId(v) === undefined) this.error(`'${clip(v)}' is not a table name or number.`, span);
        else draft.table = v;
        return;
      case 'metric':
      case 'preference':
      case 'priority': {
        const m = parseUnsigned(v);
        if (m === undefined) this.error(`Metric '${clip(v)}' is not a number from 0 to 4294967295.`, span);
        else draft.metric = m;
        return;
      }
      case 'src': {
        const a = this.words.address(v);
        if (!a) {this.error(`'${clip(v)}' is not a valid source address.`, span);}
        else {
          draft.src = a;
          draft.learnFamily(a.family);
        }
        return;
      }
      case 'proto':
      case 'protocol':
        draft.proto = this.words.intern(v);
        return;
      case 'scope':
        draft.scope = this.words.intern(v);
        return;
      case 'tos':
      case 'dsfield':
        draft.tos = v;
        return;
      default:
        draft.attr()[key] = v;
    }
  }

  private flush(): void {
    if (!this.open) return;
    this.open = false;
    const table = this.draft.table ?? this.context.table ?? 'main';
    this.sink.route(this.draft.build(this.sink.nextRouteId(), this.words.tableIdOr(table), this.store));
  }
}

function isKnownKeyword(word: string): boolean {
  return VALUE_KEYWORDS.has(word) || FLAG_WORDS.has(word) || word === 'via' || word === 'nexthop' || word === ENCAP_KEYWORD;
}

/** A ` #` after content starts a trailing comment. */
function commentStart(line: string, from: number): number {
  for (let i = from + 1; i < line.length; i++) {
    if (line.charCodeAt(i) === 35 && isBlank(line.charCodeAt(i - 1))) return i;
  }
  return line.length;
}

/** Keeps messages short even for megabyte-long tokens. */
export function clip(text: string, max = 48): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
