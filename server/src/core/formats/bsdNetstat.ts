import type { Family } from '../net/address';
import { type NextHop, type OsFamily, type Route, makeFinding, spanOnLine } from '../model';
import { MAIN_TABLE } from '../tables';
import { type Columns, MAX_COLUMNS, leadingTokens, parseColumns, splitRow } from './bsdColumns';
import { parseDestination } from './bsdDestination';
import type { BsdVariant } from './bsdFlags';
import { type RouteDraft, readRow } from './bsdRoute';
import { bsdScore, familyHeader, headerFib, isRoutingTablesHeader } from './bsdVariant';
import { type PastedCommand, commandTool, parsePromptLine } from './shellPrompt';
import type { Token } from './tokens';
import type { FormatParser, ParseSink, SectionInput } from './types';

export const MACOS_NETSTAT_FORMAT = 'macos-netstat';
export const FREEBSD_NETSTAT_FORMAT = 'freebsd-netstat';
export const OPENBSD_NETSTAT_FORMAT = 'openbsd-netstat';

/**
 * `netstat -rn` on macOS, FreeBSD and OpenBSD. All three print the same `Routing tables` header, so each
 * claims it and the content tells them apart (see bsdVariant.ts). None claims the `netstat` command:
 * Linux `netstat -rn` prints a different header (`Kernel IP routing table`).
 */
function bsdParser(id: string, label: string, os: OsFamily, variant: BsdVariant): FormatParser {
  return {
    id,
    label,
    os,
    claims: () => false,
    isHeader: isRoutingTablesHeader,
    score: (sample) => bsdScore(sample, variant),
    parse(input: SectionInput, sink: ParseSink): void {
      const reader = new BsdNetstatReader(sink, variant, input.command);
      for (let i = input.start; i < input.end; i++) reader.line(input.lines[i] ?? '', i);
      reader.flush();
    },
  };
}

export const macosNetstatParser = bsdParser(MACOS_NETSTAT_FORMAT, 'macOS netstat -rn', 'macos', 'macos');
export const freebsdNetstatParser = bsdParser(FREEBSD_NETSTAT_FORMAT, 'FreeBSD netstat -rn', 'bsd', 'freebsd');
export const openbsdNetstatParser = bsdParser(OPENBSD_NETSTAT_FORMAT, 'OpenBSD netstat -rn', 'bsd', 'openbsd');

/** macOS first: it is by far the most pasted of the three. */
export const BSD_NETSTAT_PARSERS: readonly FormatParser[] = [macosNetstatParser, freebsdNetstatParser, openbsdNetstatParser];

interface TableRef {
  readonly name: string;
  readonly id: number;
}

const MAIN: TableRef = { name: 'main', id: MAIN_TABLE };
/** Other FIBs (FreeBSD) and rtables (OpenBSD) get ids no default lookup searches. */
const OTHER_TABLE_BASE = 1_000_000;

/** What the pasted command says: `-f inet6` (or `-6`), FreeBSD `-F fib`, OpenBSD `-T rtable`. */
interface CommandContext {
  family?: Family;
  table?: TableRef;
}

function commandContext(command: PastedCommand | undefined): CommandContext {
  const context: CommandContext = {};
  if (!command || commandTool(command) !== 'netstat') return context;
  const argv = command.argv;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('-') || arg.startsWith('--')) continue;
    for (let k = 1; k < arg.length; k++) {
      const option = arg.charAt(k);
      if (option === '4' || option === '6') context.family = option === '6' ? 6 : 4;
      if (option !== 'f' && option !== 'F' && option !== 'T') continue;
      // getopt: the value is the rest of the cluster, or the next word.
      const value = k + 1 < arg.length ? arg.slice(k + 1) : (argv[++i] ?? '');
      if (option === 'f' && (value === 'inet' || value === 'inet6')) context.family = value === 'inet6' ? 6 : 4;
      if (option !== 'f' && /^\d{1,5}$/.test(value)) context.table = tableRef(option === 'F' ? 'fib' : 'rtable', Number(value));
      break;
    }
  }
  return context;
}

function tableRef(kind: string, n: number): TableRef {
  return n === 0 ? MAIN : { name: `${kind} ${n}`, id: OTHER_TABLE_BASE + n };
}

class BsdNetstatReader {
  private family: Family | undefined;
  private columns: Columns | undefined;
  /** Inside a family the parser does not read (`Encap:`, `MPLS:`): its lines are skipped. */
  private skipping = false;
  private table: TableRef;
  private command: CommandContext;
  private pending: RouteDraft | undefined;
  private pendingTable: TableRef = MAIN;

  constructor(private readonly sink: ParseSink, private readonly variant: BsdVariant, command: PastedCommand | undefined) {
    this.command = commandContext(command);
    this.family = this.command.family;
    this.table = this.command.table ?? MAIN;
  }

  line(line: string, n: number): void {
    const trimmed = line.trim();
    if (trimmed === '') {
      this.flush();
      return;
    }
    const tokens = withoutComment(leadingTokens(line, MAX_COLUMNS));
    const first = tokens[0]?.text ?? '';
    // IPv6 zones (`fe80::%lo0`) contain a prompt character; a line that starts with a destination is a route.
    const prompt = typeof parseDestination(first, 6, false) === 'string' ? parsePromptLine(line) : undefined;
    if (prompt) {
      this.flush();
      this.command = commandContext(prompt);
      this.family = this.command.family;
      this.table = this.command.table ?? MAIN;
      this.columns = undefined;
      this.skipping = false;
      return;
    }
    if (trimmed.startsWith('#')) return;
    if (isRoutingTablesHeader(trimmed)) {
      this.flush();
      const fib = headerFib(trimmed);
      this.table = fib > 0 ? tableRef('fib', fib) : (this.command.table ?? MAIN);
      this.family = this.command.family;
      this.columns = undefined;
      this.skipping = false;
      return;
    }
    const family = familyHeader(trimmed);
    if (family !== undefined) {
      this.flush();
      this.columns = undefined;
      this.skipping = family === 'other';
      if (family !== 'other') this.family = family;
      else this.skippedFamily(trimmed, n, line.indexOf(trimmed));
      return;
    }
    if (this.skipping) return;
    const columns = parseColumns(tokens);
    if (columns) {
      this.flush();
      this.columns = columns;
      return;
    }
    const last = tokens[tokens.length - 1] ?? { start: 0, end: line.length };
    if (tokens.length > MAX_COLUMNS) {
      this.flush();
      this.sink.finding(makeFinding('parse-error', 'error', 'Not a route line: more columns than any netstat table has.',
        spanOnLine(n, tokens[0]?.start ?? 0, line.trimEnd().length)));
      return;
    }
    const row = splitRow(tokens, this.columns);
    if ('error' in row) {
      this.flush();
      this.sink.finding(makeFinding('parse-error', 'error', row.error, spanOnLine(n, tokens[0]?.start ?? 0, last.end)));
      return;
    }
    const draft = readRow(row, n, trimmed, last.end, { family: this.family, variant: this.variant }, (f) => this.sink.finding(f));
    if (!draft) {
      this.flush();
      return;
    }
    if (this.merges(draft)) return;
    this.flush();
    this.pending = draft;
    this.pendingTable = this.table;
    if (!draft.multipath) this.flush();
  }

  /** OpenBSD lists the members of a multipath route (flag P) one after another: one route, several next hops. */
  private merges(draft: RouteDraft): boolean {
    const p = this.pending;
    if (!p || !draft.multipath || p.dest.text !== draft.dest.text || p.metric !== draft.metric || p.type !== draft.type) return false;
    if (p.family !== draft.family || this.pendingTable !== this.table) return false;
    p.hops.push(...draft.hops);
    p.endLine = draft.endLine;
    p.endCol = draft.endCol;
    return true;
  }

  private skippedFamily(trimmed: string, n: number, col: number): void {
    this.sink.finding(makeFinding('unknown-keyword', 'information',
      `The ${trimmed.slice(0, -1)} section holds no IPv4 or IPv6 routes; its lines are skipped.`,
      spanOnLine(n, Math.max(0, col), Math.max(0, col) + trimmed.length)));
  }

  flush(): void {
    const d = this.pending;
    if (!d) return;
    this.pending = undefined;
    const route: Route = {
      id: this.sink.nextRouteId(),
      family: d.family,
      prefix: d.prefix,
      type: d.type,
      table: this.pendingTable.name,
      tableId: this.pendingTable.id,
      metric: d.metric,
      metricExplicit: d.metricExplicit,
      proto: d.proto,
      scope: undefined,
      src: undefined,
      tos: undefined,
      nexthops: d.hops as readonly NextHop[],
      flags: d.flags,
      attributes: d.attributes,
      span: { line: d.line, col: d.dest.start, endLine: d.endLine, endCol: d.endCol },
      prefixSpan: spanOnLine(d.line, d.dest.start, d.dest.end),
      text: d.text,
    };
    this.sink.route(route);
  }
}

/** A word starting with `#` after the first one starts a note the user added (`link#4` does not). */
function withoutComment(tokens: Token[]): Token[] {
  const at = tokens.findIndex((t, k) => k > 0 && t.text.startsWith('#'));
  return at < 0 ? tokens : tokens.slice(0, at);
}
