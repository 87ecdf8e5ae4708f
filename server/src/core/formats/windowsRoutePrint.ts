import { parseIPv4 } from '../net/address';
import { type Span, makeFinding, spanOnLine } from '../model';
import { type PastedCommand, commandTool } from './shellPrompt';
import { type Token, tokenize } from './tokens';
import { type FormatParser, type ParseSink, type SectionInput, shareOfLines } from './types';
import { MAX_ROW_LENGTH, hasDigitOtherThanIpv, isRuleLine, routePrintTitle, trimmedSpan } from './windowsHeaders';
import {
  type PendingRow, type RowResult, continueIPv6Row, hasDigit, readIPv4Row, readIPv6Row, readInterfaceEntry,
} from './windowsRoutePrintRows';
import {
  UNKNOWN_ADAPTER, type WindowsRouteDraft, emitWindowsRoutes, parseMetric, routesWithUnknownAdapter, unknownAdapterMessage,
} from './windowsRoutes';

export const WINDOWS_ROUTE_PRINT_FORMAT = 'windows-route-print';

/** `route print` (`-4`, `-6`) and Windows `netstat -r`, in any display language. */
export const windowsRoutePrintParser: FormatParser = {
  id: WINDOWS_ROUTE_PRINT_FORMAT,
  label: 'Windows route print',
  os: 'windows',
  claims: (command: PastedCommand) =>
    commandTool(command) === 'route' && command.argv.slice(1).some((a) => a.toLowerCase() === 'print'),
  isHeader(line: string): boolean {
    if (isRuleLine(line, 40)) return true;
    const title = routePrintTitle(line);
    // `None` alone says nothing about the format.
    return title !== undefined && title !== 'none';
  },
  score: (sample: readonly string[]): number => shareOfLines(sample, (t, line) => t.length <= MAX_ROW_LENGTH && looksLikeRoutePrint(line, t)),
  parse(input: SectionInput, sink: ParseSink): void {
    const reader = new RoutePrintReader(input, sink);
    for (let i = input.start; i < input.end; i++) reader.line(i);
    reader.finish();
  },
};

function looksLikeRoutePrint(line: string, t: string): boolean {
  if (isRuleLine(t) || readInterfaceEntry(line, 0)) return true;
  const title = routePrintTitle(t);
  if (title !== undefined && title !== 'none') return true;
  const tokens = tokenize(t);
  const first = tokens[0]?.text ?? '';
  const last = tokens[tokens.length - 1]?.text ?? '';
  if (parseIPv4(first)) {
    return tokens.length >= 4 && parseIPv4(tokens[1]?.text ?? '') !== undefined && parseMetric(last) !== undefined;
  }
  return tokens.length >= 3 && parseMetric(first) !== undefined && parseMetric(tokens[1]?.text ?? '') !== undefined
    && (tokens[2]?.text ?? '').includes(':');
}

type Subsection = 'none' | 'active' | 'persistent';

/** Reads `route print` line by line: the Interface List, then per family the active and persistent routes. */
class RoutePrintReader {
  private sub: Subsection = 'none';
  private family: 4 | 6 | undefined;
  private readonly sawActive = new Set<number>();
  /** The line after `Active Routes:` holds the column titles, in whatever language. */
  private expectColumns = false;
  private pending: PendingRow | undefined;
  private readonly drafts: WindowsRouteDraft[] = [];
  private readonly descriptions = new Map<number, string>();
  private ipv4Header: Span | undefined;

  constructor(private readonly input: SectionInput, private readonly sink: ParseSink) {}

  line(n: number): void {
    const line = this.input.lines[n] ?? '';
    if (line.length > MAX_ROW_LENGTH) {
      this.flushPending();
      this.sink.finding(makeFinding('parse-error', 'error', 'This line is far too long to be part of `route print` output.', trimmedSpan(line, n)));
      return;
    }
    const tokens = tokenize(line);
    if (this.pending) {
      const done = tokens.length > 0 ? continueIPv6Row(this.pending, tokens, n) : undefined;
      if (done) {
        this.pending = undefined;
        this.take(done);
        return;
      }
      this.flushPending();
    }
    if (tokens.length === 0) return;
    const t = line.trim();
    if (t.startsWith('#')) return;
    if (isRuleLine(t)) {
      this.expectColumns = false;
      return;
    }
    const entry = readInterfaceEntry(line, n);
    if (entry) {
      this.descriptions.set(entry.index, entry.description);
      this.sink.interface({
        name: `If ${entry.index}`,
        aliases: entry.description ? [entry.description] : [],
        ...(entry.description ? { description: entry.description } : {}),
        addresses: [],
        index: entry.index,
        span: entry.span,
      });
      return;
    }
    if (this.header(t, tokens, n)) return;
    const first = (tokens[0] as Token).text;
    if (parseIPv4(first)) {
      const persistent = this.sub === 'persistent' || (this.sub === 'none' && !activeShape(tokens));
      this.take(readIPv4Row(tokens, n, t, persistent));
      return;
    }
    if (tokens.length >= 3 && parseMetric(first) !== undefined && parseMetric((tokens[1] as Token).text) !== undefined) {
      const result = readIPv6Row(tokens, n, t, this.sub === 'persistent');
      if ('pending' in result) this.pending = result.pending;
      else this.take(result);
      return;
    }
    if (this.headerByPosition(t, tokens, n)) return;
    this.sink.finding(makeFinding('parse-error', 'error',
      'Not a `route print` line: expected an Interface List entry, a route row or a table title.',
      spanOnLine(n, (tokens[0] as Token).start, (tokens[tokens.length - 1] as Token).end)));
  }

  finish(): void {
    this.flushPending();
    for (const d of this.drafts) {
      const index = d.attributes.ifIndex;
      if (d.family === 6 && index !== undefined) d.device = this.descriptions.get(Number(index)) || `If ${index}`;
    }
    const routes = emitWindowsRoutes(this.drafts, this.sink);
    const byAddress = routesWithUnknownAdapter(routes);
    const first = byAddress[0];
    if (!first) return;
    this.sink.finding(makeFinding(UNKNOWN_ADAPTER, 'information',
      unknownAdapterMessage(byAddress.map((r) => r.nexthops[0]?.device ?? '')),
      this.ipv4Header ?? first.span, { routeIds: byAddress.map((r) => r.id) }));
  }

  /** Titles recognised by their words. */
  private header(t: string, tokens: readonly Token[], n: number): boolean {
    const title = routePrintTitle(t);
    const span = (): Span => spanOnLine(n, (tokens[0] as Token).start, (tokens[tokens.length - 1] as Token).end);
    const family = title === 'table4' ? 4 : title === 'table6' ? 6 : title === undefined ? genericFamily(t, tokens) : undefined;
    if (family !== undefined) {
      this.family = family;
      this.sub = 'none';
      this.expectColumns = false;
      if (family === 4) this.ipv4Header ??= span();
      return true;
    }
    switch (title) {
      case 'active':
        this.subsection('active');
        // Windows XP has no family titles: its table starts here.
        if (this.family !== 6) this.ipv4Header ??= span();
        return true;
      case 'persistent':
        this.subsection('persistent');
        return true;
      case 'interfaces':
        return true;
      case 'columns':
      case 'none':
        this.expectColumns = false;
        return true;
      default:
        return false;
    }
  }

  /** Titles of languages without word lists, recognised by where they stand. */
  private headerByPosition(t: string, tokens: readonly Token[], n: number): boolean {
    if (hasDigit(t)) return labelledAddress(tokens);
    const last = t.charAt(t.length - 1);
    if (last === ':' || last === '\uff1a') {
      // The first `...:` of a family's table is its active routes, the next its persistent ones.
      this.subsection(this.sub === 'none' && !this.sawActive.has(this.family ?? 4) ? 'active' : 'persistent');
      return true;
    }
    if (this.expectColumns) {
      this.expectColumns = false;
      return true;
    }
    if (this.sub === 'persistent' && tokens.length <= 2) return true;
    return this.nextIsInterfaceEntry(n);
  }

  private subsection(kind: Subsection): void {
    this.sub = kind;
    if (kind === 'active') this.sawActive.add(this.family ?? 4);
    this.expectColumns = true;
  }

  /** The title of the Interface List stands right above its first entry. */
  private nextIsInterfaceEntry(n: number): boolean {
    for (let i = n + 1; i < this.input.end; i++) {
      const next = this.input.lines[i] ?? '';
      if (next.trim() === '') continue;
      if (isRuleLine(next)) continue;
      return readInterfaceEntry(next, i) !== undefined;
    }
    return false;
  }

  private take(result: RowResult): void {
    if ('problem' in result) {
      this.sink.finding(makeFinding(result.problem.code, 'error', result.problem.message, result.problem.span));
      return;
    }
    if ('pending' in result) return;
    this.drafts.push(result.draft);
    if (result.warning) this.sink.finding(makeFinding(result.warning.code, 'warning', result.warning.message, result.warning.span));
  }

  private flushPending(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    const first = p.tokens[0] as Token;
    const last = p.tokens[p.tokens.length - 1] as Token;
    this.sink.finding(makeFinding('parse-error', 'error',
      'This IPv6 route has no gateway: `route print` writes a long destination\'s gateway on the next line, and that line is missing.',
      spanOnLine(p.line, first.start, last.end)));
  }
}

/** A row with an Interface column: `... interface metric`. */
function activeShape(tokens: readonly Token[]): boolean {
  return tokens.length >= 5 && parseIPv4((tokens[tokens.length - 2] as Token).text) !== undefined;
}

/** `IPv6 <words>` in a language without a word list. */
function genericFamily(t: string, tokens: readonly Token[]): 4 | 6 | undefined {
  if (tokens.length > 6 || hasDigitOtherThanIpv(t)) return undefined;
  const lower = t.toLowerCase();
  const at = lower.indexOf('ipv');
  const digit = lower.charAt(at + 3);
  if (at < 0 || (digit !== '4' && digit !== '6')) return undefined;
  const rest = lower.slice(0, at) + lower.slice(at + 4);
  if (hasDigit(rest) || rest.includes(':')) return undefined;
  return digit === '4' ? 4 : 6;
}

/** Windows XP's `Default Gateway:       192.168.1.1` line under the active routes. */
function labelledAddress(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  const label = tokens[tokens.length - 2];
  if (!last || !label || !parseIPv4(last.text) || !label.text.endsWith(':')) return false;
  return tokens.slice(0, -1).every((tok) => !hasDigit(tok.text));
}
