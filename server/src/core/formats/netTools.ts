/**
 * net-tools tables: `route -n`, `route -6 -n` (`route -A inet6 -n`), `netstat -rn`, `netstat -6rn`, `route -ee`,
 * and BusyBox's `route`, which prints the same columns. IPv4 rows come from /proc/net/route, which lists only the main
 * table; IPv6 rows come from /proc/net/ipv6_route, which lists every table without naming it.
 */
import { type Family, parseIPv4 } from '../net/address';
import { samePrefix } from '../net/prefix';
import { type NextHop, type Route, type Span, makeFinding, spanOnLine } from '../model';
import { tableName } from '../tables';
import { boundedTokens } from './boundedTokens';
import { clip } from './ipRoute';
import { EXTENDED_LAYOUT, IPV6_LAYOUT, type Layout, NETSTAT_LAYOUT, ROUTE_LAYOUT, isColumnHeader, readHeader } from './netToolsColumns';
import { type RowRoute, readRow } from './netToolsRow';
import { type PastedCommand, commandTool, parsePromptLine } from './shellPrompt';
import type { Token } from './tokens';
import { type FormatParser, type ParseSink, type SectionInput, shareOfLines } from './types';

export const NET_TOOLS_FORMAT = 'linux-net-tools';

interface Title {
  readonly family: Family;
  readonly cache: boolean;
}

const TITLES: readonly (readonly [string, Title])[] = [
  ['Kernel IP routing table', { family: 4, cache: false }],
  ['Kernel IPv6 routing table', { family: 6, cache: false }],
  ['Kernel IP routing cache', { family: 4, cache: true }],
  ['Kernel IPv6 routing cache', { family: 6, cache: true }],
];

function titleOf(line: string): Title | undefined {
  const t = line.trim();
  return TITLES.find(([text]) => t === text)?.[1];
}

/** `route`, `route -n`, `route -A inet6 -n -ee`: options only; `route print` and `route -n get` are other tools. */
function claimsRoute(command: PastedCommand): boolean {
  if (commandTool(command) !== 'route' || command.argv[0] !== 'route') return false;
  const args = command.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-A' && (args[i + 1] === 'inet' || args[i + 1] === 'inet6')) i++;
    else if (!a.startsWith('-') || a === '-') return false;
  }
  return true;
}

export const netToolsParser: FormatParser = {
  id: NET_TOOLS_FORMAT,
  label: 'Linux route -n / netstat -rn',
  os: 'linux',
  claims: claimsRoute,
  isHeader: (line: string) => titleOf(line) !== undefined,
  score: (sample: readonly string[]): number => shareOfLines(sample, (t) => {
    const { tokens } = boundedTokens(t, MAX_WORDS);
    return titleOf(t) !== undefined || isColumnHeader(tokens) || looksLikeRow(tokens);
  }),
  parse(input: SectionInput, sink: ParseSink): void {
    const reader = new NetToolsReader(sink, input.command);
    for (let i = input.start; i < input.end; i++) reader.line(input.lines[i] ?? '', i);
    reader.flush();
  },
};

const FLAG_CHARS = /^[UGHRDMdacoefplwinC!Am]+$/;

/** More words than any layout has columns: the row is rejected without reading the rest. */
const MAX_WORDS = 24;

function looksLikeRow(tokens: readonly Token[]): boolean {
  if (tokens.length < 7) return false;
  const [d, g, m, f] = tokens.map((t) => t.text);
  if (d === undefined || g === undefined || m === undefined || f === undefined) return false;
  if (parseIPv4(m) && (parseIPv4(d) || d === 'default')) return FLAG_CHARS.test(f);
  return d.includes(':') && d.includes('/') && FLAG_CHARS.test(m);
}

/** An IPv6 multipath route prints one row per next hop; consecutive rows are joined back into one route. */
interface Pending {
  readonly row: RowRoute;
  readonly hops: NextHop[];
  readonly line: number;
  endLine: number;
  endCol: number;
  readonly text: string;
}

class NetToolsReader {
  private layout: Layout | undefined;
  private family: Family | undefined;
  private cache = false;
  private guessLocal = false;
  private readonly announced = new Set<Family>();
  private nameNoted = false;
  private cacheNoted = false;
  private truncationNoted = false;
  private pending: Pending | undefined;
  private tool: string | undefined;
  /** The pasted command, without sudo or path, for messages. */
  private command: string | undefined;

  constructor(private readonly sink: ParseSink, command: PastedCommand | undefined) {
    this.setCommand(command);
  }

  private setCommand(command: PastedCommand | undefined): void {
    const tool = command ? commandTool(command) : undefined;
    this.tool = tool === 'route' || tool === 'netstat' ? tool : undefined;
    this.command = this.tool !== undefined ? command?.argv.join(' ') : undefined;
  }

  line(line: string, n: number): void {
    const { tokens, more, end } = boundedTokens(line, MAX_WORDS);
    const first = tokens[0];
    if (!first) return;
    // A forced format reads the whole paste, prompts included: each prompt starts a new table.
    const prompt = parsePromptLine(line);
    if (prompt) {
      this.flush();
      this.setCommand(prompt);
      this.layout = undefined;
      this.family = undefined;
      this.cache = false;
      this.announced.clear();
      return;
    }
    if (first.text.startsWith('#')) return;
    const title = titleOf(line);
    if (title) {
      this.flush();
      this.family = title.family;
      this.cache = title.cache;
      this.layout = undefined;
      this.guessLocal = false;
      if (!title.cache) this.announce(title.family, spanOnLine(n, first.start, end));
      return;
    }
    if (isColumnHeader(tokens)) {
      this.flush();
      const header = readHeader(tokens);
      this.layout = header.layout;
      // net-tools 2.x heads its IPv6 table `Flag Met`; BusyBox and older net-tools print `Flags Metric` and no n flag.
      this.guessLocal = tokens.some((t) => t.text === 'Flags') && !header.layout.includes('genmask');
      this.family ??= header.layout.includes('genmask') ? 4 : 6;
      for (const t of header.unknown) {
        this.sink.finding(makeFinding('unknown-keyword', 'information',
          `Unknown column '${clip(t.text)}': its values are kept as attributes and not used in the analysis.`, spanOnLine(n, t.start, t.end)));
      }
      if (!this.cache) this.announce(this.family, spanOnLine(n, first.start, end));
      return;
    }
    // net-tools says so when a family is compiled out or absent; there is nothing to read.
    if (line.trim().endsWith('not configured in this system.')) return;
    if (this.cache) {
      this.noteCache(spanOnLine(n, first.start, end));
      return;
    }
    if (more) {
      this.sink.finding(makeFinding('parse-error', 'error', 'Too many columns for a row of a routing table.', spanOnLine(n, first.start, end)));
      return;
    }
    this.row(tokens, n, line);
  }

  private row(tokens: Token[], n: number, line: string): void {
    const layout = this.layout ?? this.defaultLayout(tokens);
    const family: Family = this.family ?? (layout.includes('genmask') ? 4 : 6);
    const first = tokens[0] as Token;
    const last = tokens[tokens.length - 1] as Token;
    this.announce(family, spanOnLine(n, first.start, last.end));
    const result = readRow(tokens, layout, family, n, (f) => this.sink.finding(f), this.guessLocal);
    if (result.kind === 'error') return;
    if (result.kind === 'skip') {
      if (result.why === 'cache') this.noteCache(spanOnLine(n, first.start, last.end));
      return;
    }
    const row = result.row;
    if (row.gatewayName && !this.nameNoted) {
      this.nameNoted = true;
      this.sink.finding(makeFinding('gateway-name', 'information',
        `Gateway '${clip(row.gatewayName.text)}' is a host name: the route is kept, but its gateway address is unknown. \`route -n\` prints addresses.`,
        spanOnLine(n, row.gatewayName.start, row.gatewayName.end)));
    }
    this.noteTruncation(layout, row, n, tokens);
    const span = spanOnLine(n, first.start, last.end);
    const hop: NextHop | undefined = row.type === 'unreachable' || row.type === 'blackhole' || (!row.gateway && !row.device)
      ? undefined
      : { gateway: row.gateway, device: row.device, weight: 1, flags: [], span };
    const p = this.pending;
    if (p && hop && siblings(p.row, row)) {
      p.hops.push(hop);
      p.endLine = n;
      p.endCol = last.end;
      return;
    }
    this.flush();
    this.pending = { row, hops: hop ? [hop] : [], line: n, endLine: n, endCol: last.end, text: clip(line.trim(), 160) };
  }

  /** Emits the route held back for possible sibling rows. */
  flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    const { row } = p;
    const route: Route = {
      id: this.sink.nextRouteId(),
      family: row.family,
      prefix: row.prefix,
      type: row.type,
      table: tableName(row.tableId),
      tableId: row.tableId,
      metric: row.metric ?? (row.family === 6 ? 1024 : 0),
      metricExplicit: row.metric !== undefined,
      proto: undefined,
      scope: undefined,
      src: undefined,
      tos: undefined,
      nexthops: p.hops,
      flags: row.flags,
      attributes: row.attributes,
      span: { line: p.line, col: row.prefixToken.start, endLine: p.endLine, endCol: p.endCol },
      prefixSpan: spanOnLine(p.line, row.prefixToken.start, row.prefixToken.end),
      text: p.text,
    };
    this.sink.route(route);
  }

  /** Without a heading line, the row's width and the command tell the layout. */
  private defaultLayout(tokens: readonly Token[]): Layout {
    if (this.family === 6 || (this.family === undefined && (tokens[0]?.text ?? '').includes(':'))) return IPV6_LAYOUT;
    if (tokens.length === EXTENDED_LAYOUT.length) return EXTENDED_LAYOUT;
    return this.tool === 'netstat' ? NETSTAT_LAYOUT : ROUTE_LAYOUT;
  }

  /** Says once per family and section what the table cannot show. */
  private announce(family: Family, span: Span): void {
    if (this.announced.has(family)) return;
    this.announced.add(family);
    const netstat = this.tool === 'netstat' || (this.tool === undefined && this.layout !== undefined && !this.layout.includes('metric'));
    const fallback = family === 4 ? (netstat ? 'netstat -rn' : 'route -n') : netstat ? 'netstat -6rn' : 'route -6 -n';
    const tool = `\`${this.command !== undefined ? clip(this.command, 40) : fallback}\``;
    const message = family === 4
      ? `${tool} shows only the main table; local-table routes and policy routing are not visible.`
      : `${tool} lists the routes of every table without naming their table: they are read as table main, and the host's own addresses as table local. Policy routing is not visible.`;
    this.sink.finding(makeFinding('partial-table', 'information', message, span));
  }

  /** `route -ee` prints interface names with `%-6.6s`, so a six-letter name may be the start of a longer one. */
  private noteTruncation(layout: Layout, row: RowRoute, n: number, tokens: readonly Token[]): void {
    if (this.truncationNoted || row.device?.length !== 6 || layout.indexOf('iface') > layout.indexOf('mss')) return;
    const tok = tokens[layout.indexOf('iface')];
    if (!tok) return;
    this.truncationNoted = true;
    this.sink.finding(makeFinding('truncated-interface', 'information',
      `This layout cuts interface names to six characters: '${tok.text}' may be the start of a longer name, so it may not match other dumps or tunnel patterns.`,
      spanOnLine(n, tok.start, tok.end)));
  }

  private noteCache(span: Span): void {
    if (this.cacheNoted) return;
    this.cacheNoted = true;
    this.sink.finding(makeFinding('route-cache', 'information',
      'Routing cache entries are copies the kernel made of routes for single destinations; they are skipped.', span));
  }
}

/** The kernel joins IPv6 gateway routes of equal prefix and metric into one multipath route, except autoconfigured ones. */
function siblings(a: RowRoute, b: RowRoute): boolean {
  return a.family === 6 && b.family === 6 && a.type === 'unicast' && b.type === 'unicast'
    && a.gateway !== undefined && b.gateway !== undefined && a.metric === b.metric && a.tableId === b.tableId
    && !a.letters.includes('A') && !b.letters.includes('A') && !a.letters.includes('e') && !b.letters.includes('e')
    && samePrefix(a.prefix, b.prefix);
}
