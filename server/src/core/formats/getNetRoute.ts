import { type Span, makeFinding, spanOnLine } from '../model';
import {
  type Column, DEFAULT_COLUMNS, type Field, KNOWN_PROPERTIES, type RouteRecord, assignRow, column, recordToDraft,
} from './getNetRouteColumns';
import { clip } from './ipRoute';
import { type PastedCommand, commandTool } from './shellPrompt';
import { type Token, isBlank, tokenize } from './tokens';
import type { FormatParser, ParseSink, SectionInput } from './types';
import { MAX_ROW_LENGTH, isRuleLine, trimmedSpan } from './windowsHeaders';
import {
  UNKNOWN_ADAPTER, type WindowsRouteDraft, emitWindowsRoutes, routesWithUnknownAdapter, unknownAdapterMessage,
} from './windowsRoutes';

export const GET_NET_ROUTE_FORMAT = 'windows-get-netroute';

/** PowerShell `Get-NetRoute`, as its default table, a chosen `Format-Table` or `Format-List`. */
export const getNetRouteParser: FormatParser = {
  id: GET_NET_ROUTE_FORMAT,
  label: 'Windows Get-NetRoute',
  os: 'windows',
  claims: (command: PastedCommand) => commandTool(command) === 'get-netroute',
  isHeader(line: string): boolean {
    // Both header forms start with a property name: a line that does not start with a letter is neither.
    if (line.length > 400 || !isLetter(line.charCodeAt(firstNonBlank(line)))) return false;
    const key = keyValue(line);
    if (key) return key.key.toLowerCase() === 'destinationprefix';
    return tableHeader(tokenize(line)) !== undefined;
  },
  score(sample: readonly string[]): number {
    let seen = 0;
    let hits = 0;
    for (const line of sample) {
      if (line.length > MAX_ROW_LENGTH) {
        seen++;
        continue;
      }
      const tokens = tokenize(line);
      if (tokens.length === 0 || line.trim().startsWith('#')) continue;
      seen++;
      const key = keyValue(line);
      if (key ? KNOWN_PROPERTIES.has(key.key.toLowerCase()) : tableHeader(tokens) || dashes(tokens) || assignRow(DEFAULT_COLUMNS, tokens, 0)) hits++;
    }
    return seen === 0 ? 0 : hits / seen;
  },
  parse(input: SectionInput, sink: ParseSink): void {
    const reader = new GetNetRouteReader(sink);
    for (let i = input.start; i < input.end; i++) reader.line(input.lines[i] ?? '', i);
    reader.finish();
  },
};

interface Block {
  record: RouteRecord;
  start: number;
  end: Span;
}

class GetNetRouteReader {
  private columns: readonly Column[] = DEFAULT_COLUMNS;
  private block: Block | undefined;
  private readonly drafts: WindowsRouteDraft[] = [];
  private readonly reported = new Set<string>();
  /** The alias a row names for an interface index, so rows that give only the index share its name. */
  private readonly aliases = new Map<string, string>();
  private header: Span | undefined;

  constructor(private readonly sink: ParseSink) {}

  line(line: string, n: number): void {
    if (line.length > MAX_ROW_LENGTH) {
      this.flushBlock();
      this.error('This line is far too long to be part of Get-NetRoute output.', trimmedSpan(line, n));
      return;
    }
    const tokens = tokenize(line);
    if (tokens.length === 0) {
      this.flushBlock();
      return;
    }
    const t = line.trim();
    if (t.startsWith('#') || dashes(tokens) || isRuleLine(t) || powerShellNoise(t)) return;
    const kv = keyValue(line);
    if (kv) {
      this.keyLine(kv, n, line);
      return;
    }
    if (this.block) {
      // A long value wraps onto indented lines; they belong to the block.
      this.block.end = spanOnLine(n, 0, line.trimEnd().length);
      return;
    }
    const header = tableHeader(tokens);
    if (header) {
      this.columns = header;
      this.header ??= spanOnLine(n, (tokens[0] as Token).start, (tokens[tokens.length - 1] as Token).end);
      for (const col of header) this.unknown(col.key, spanOnLine(n, 0, line.trimEnd().length));
      return;
    }
    const first = tokens[0] as Token;
    const last = tokens[tokens.length - 1] as Token;
    const span = spanOnLine(n, first.start, last.end);
    const record = assignRow(this.columns, tokens, n);
    if (!record) {
      const names = this.columns.map((c) => c.key).join(', ');
      this.error(`Not a Get-NetRoute row: its values do not fit the columns ${clip(names, 120)}.`, span);
      return;
    }
    this.record(record, span, t);
  }

  finish(): void {
    this.flushBlock();
    const seen = new Map<string, WindowsRouteDraft>();
    for (const d of this.drafts) {
      const index = d.attributes.ifIndex;
      const alias = index !== undefined ? this.aliases.get(index) : undefined;
      if (alias !== undefined) d.device = alias;
      if (d.device !== undefined && !seen.has(d.device)) seen.set(d.device, d);
    }
    for (const [name, d] of seen) {
      const index = d.attributes.ifIndex;
      const byIndex = index !== undefined ? `ifIndex ${index}` : undefined;
      this.sink.interface({
        name,
        aliases: byIndex !== undefined && byIndex !== name ? [byIndex] : [],
        // The alias is all Get-NetRoute says about the adapter; it often names the VPN (`WireGuard Tunnel`, `NordLynx`).
        ...(byIndex !== name ? { description: name } : {}),
        addresses: [],
        ...(index !== undefined ? { index: Number(index) } : {}),
        span: d.span,
      });
    }
    const routes = emitWindowsRoutes(this.drafts, this.sink);
    const unnamed = routesWithUnknownAdapter(routes);
    const first = unnamed[0];
    if (first) {
      this.sink.finding(makeFinding(UNKNOWN_ADAPTER, 'information',
        unknownAdapterMessage(unnamed.map((r) => r.nexthops[0]?.device ?? '')), this.header ?? first.span,
        { routeIds: unnamed.map((r) => r.id) }));
    }
  }

  private keyLine(kv: { key: string; value: string; valueStart: number }, n: number, line: string): void {
    const lower = kv.key.toLowerCase();
    if (this.block?.record.has(lower)) this.flushBlock();
    this.block ??= { record: new Map(), start: n, end: spanOnLine(n, 0, 0) };
    const end = line.trimEnd().length;
    const span = kv.value === '' ? spanOnLine(n, 0, end) : spanOnLine(n, kv.valueStart, end);
    this.block.record.set(lower, { key: kv.key, value: kv.value, span });
    this.block.end = spanOnLine(n, 0, end);
    this.unknown(kv.key, spanOnLine(n, line.length - line.trimStart().length, kv.valueStart));
  }

  private flushBlock(): void {
    const b = this.block;
    if (!b) return;
    this.block = undefined;
    const dest: Field | undefined = b.record.get('destinationprefix');
    const span: Span = { line: b.start, col: 0, endLine: b.end.line, endCol: b.end.endCol };
    if (!dest) {
      this.error('This block has no DestinationPrefix, so it is not a route.', spanOnLine(b.start, 0, b.start === b.end.line ? b.end.endCol : 0));
      return;
    }
    const text = `DestinationPrefix : ${dest.value}`;
    this.record(b.record, span, text);
  }

  private record(record: RouteRecord, span: Span, text: string): void {
    const alias = record.get('interfacealias')?.value;
    const index = (record.get('ifindex') ?? record.get('interfaceindex'))?.value;
    if (alias && index) this.aliases.set(index, alias);
    const result = recordToDraft(record, span, text);
    if ('problem' in result) this.error(result.problem.message, result.problem.span);
    else this.drafts.push(result.draft);
  }

  private unknown(key: string, span: Span): void {
    const lower = key.toLowerCase();
    if (KNOWN_PROPERTIES.has(lower) || this.reported.has(lower)) return;
    this.reported.add(lower);
    this.sink.finding(makeFinding('unknown-keyword', 'information',
      `Unknown property '${clip(key)}': kept as an attribute and not used in the analysis.`, span));
  }

  private error(message: string, span: Span): void {
    this.sink.finding(makeFinding('parse-error', 'error', message, span));
  }
}

/** `Name : value` with a property name before the first colon; undefined for other lines. */
function keyValue(line: string): { key: string; value: string; valueStart: number } | undefined {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const start = i;
  while (i < line.length && isNameChar(line.charCodeAt(i))) i++;
  if (i === start || !isLetter(line.charCodeAt(start))) return undefined;
  const key = line.slice(start, i);
  while (line.charCodeAt(i) === 32) i++;
  if (line.charCodeAt(i) !== 58) return undefined;
  i++;
  while (line.charCodeAt(i) === 32) i++;
  return { key, value: line.slice(i).trim(), valueStart: i };
}

/** The title row of a table: property names only, DestinationPrefix among them. */
function tableHeader(tokens: readonly Token[]): Column[] | undefined {
  if (tokens.length < 2 || tokens.length > 40) return undefined;
  if (!tokens.some((t) => t.text.toLowerCase() === 'destinationprefix')) return undefined;
  if (!tokens.every((t) => isLetter(t.text.charCodeAt(0)) && [...t.text].every((c) => isNameChar(c.charCodeAt(0))))) return undefined;
  return tokens.map((t) => column(t.text));
}

function dashes(tokens: readonly Token[]): boolean {
  return tokens.every((t) => /^-+$/.test(t.text));
}

/** An error PowerShell printed instead of routes, with its `At line:` and `+ CategoryInfo` lines. */
function powerShellNoise(t: string): boolean {
  return t.startsWith('Get-NetRoute :') || t.startsWith('+ ') || t.startsWith('At line:') || t === '+';
}

function firstNonBlank(line: string): number {
  let i = 0;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return i;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 46;
}
