import type { Analysis, AnalyzeOptions } from './analyze';
import { ipRouteParser, parseIpRouteLines, startsRoute } from './formats/ipRoute';
import { parseDocument } from './formats/parseDocument';
import { PARSERS, parserById } from './formats/registry';
import { type PlannedSection, planSections } from './formats/sections';
import { type Lines, TextLines } from './formats/textLines';
import type { ParseSink } from './formats/types';
import { type Finding, type OsFamily, type ParsedDocument, type Route, type Section, makeFinding, spanOnLine } from './model';
import { type RoutingTables, buildTables } from './routingTables';
import { RULES, type RuleContext } from './rules';
import { SHADOWED_ROUTE, shadowFinding } from './rules/shadowedRoute';
import { SHADOWS_MEMO_KEY, type Shadow, rememberShadows, shadowOf } from './rules/shadowing';
import { SPLIT_TUNNEL_EXCEPTION, splitTunnelFinding } from './rules/splitTunnelException';
import { createTunnelClassifier } from './tunnels';

/** Lines read, and routes tabled or checked, between two pauses: a few milliseconds of work each. */
export const STEP_LINES = 4096;
export const STEP_ROUTES = 8192;

/** How far an analysis has come, from 0 to 1, and what it is doing. */
export interface StepProgress {
  readonly phase: 'parse' | 'tables' | 'rules';
  readonly fraction: number;
}

/** What a later analysis of an edited text can start from. */
export interface AnalysisBase {
  readonly text: string;
  /** The lines of the text the analysis first read, with the lines edits replaced since. */
  readonly lines: TextLines;
  /** The section plan, when every section is `ip route` output read in pieces; otherwise edits re-analyse in full. */
  readonly plan: readonly PlannedSection[] | undefined;
  readonly options: AnalyzeOptions;
  /** What the rules shared within the analysis: the shadowed routes, which an edit updates. */
  readonly memo: Map<string, unknown>;
}

export interface StepResult {
  readonly analysis: Analysis;
  readonly base: AnalysisBase;
}

// Parsing takes about half of an analysis, the tables a fifth, the rules the rest.
const PARSE_SHARE = 0.5;
const TABLES_SHARE = 0.2;

/**
 * The whole analysis as a sequence of small steps: it yields after each piece of work and never waits on
 * anything, so a caller can pause between steps, answer other requests and stop when the result is stale.
 * Draining it gives exactly what `analyze` gives.
 */
export function* analysisSteps(text: string | TextLines, options: AnalyzeOptions = {}): Generator<StepProgress, StepResult> {
  const binary = binaryFinding(typeof text === 'string' ? text.slice(0, BINARY_SAMPLE) : text.sample(BINARY_SAMPLE));
  if (binary) {
    const document: ParsedDocument = { format: 'binary', os: 'linux', routes: [], findings: [binary], sections: [], interfaces: [], rules: [] };
    const { analysis, memo } = yield* finishSteps(document, options);
    return { analysis, base: baseOf(text, new TextLines(''), undefined, options, memo) };
  }
  // The plan and the pieces cut lines as they read them; no string per line outlives its piece.
  const lines = typeof text === 'string' ? new TextLines(text) : text;
  const forced = options.format ? parserById(options.format) : undefined;
  const plan = forced ? undefined : planSections(lines, PARSERS, undefined);
  yield { phase: 'parse', fraction: 0.05 };
  // Other formats are read whole by parseDocument, which stays the reference for every format.
  const pieces = plan && plan.every((s) => s.parser === undefined || s.parser === ipRouteParser) ? plan : undefined;
  const document = pieces
    ? yield* parseInPieces(lines, pieces)
    : parseDocument(lines.text, options.format ? { format: options.format } : {});
  const { analysis, memo } = yield* finishSteps(document, options);
  return { analysis, base: baseOf(text, lines, pieces, options, memo) };
}

/** A text read in pieces is joined only if an edit needs it whole. */
function baseOf(text: string | TextLines, lines: TextLines, plan: readonly PlannedSection[] | undefined, options: AnalyzeOptions,
  memo: Map<string, unknown>): AnalysisBase {
  return {
    get text() {
      return typeof text === 'string' ? text : text.text;
    },
    lines, plan, options, memo,
  };
}

/** Runs the steps to the end at once. */
export function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * `parseDocument` for a plan whose sections are all `ip route` output or skipped command output,
 * reading each section in pieces that start where a route starts.
 */
function* parseInPieces(lines: TextLines, plan: readonly PlannedSection[]): Generator<StepProgress, ParsedDocument> {
  // A route takes at least a line, so the sections' lines bound the list: sized once, trimmed at the end.
  const routes = new Array<Route>(plan.reduce((n, s) => n + (s.parser ? s.end - s.start : 0), 0));
  let count = 0;
  const findings: Finding[] = [];
  const sink: ParseSink = {
    nextRouteId: () => count,
    route: (r) => {
      routes[count++] = r;
    },
    finding: (f) => findings.push(f),
    interface: () => undefined,
    rule: () => undefined,
  };
  const sections: Section[] = [];
  let os: OsFamily | undefined;
  let format: string | undefined;
  for (const planned of plan) {
    if (!planned.parser) {
      findings.push(unknownFormat(lines, planned));
      continue;
    }
    const before = count;
    for (let from = planned.start; from < planned.end;) {
      const to = pieceEnd(lines, from + STEP_LINES, planned.end);
      parseIpRouteLines(lines, from, to, planned.command, sink);
      from = to;
      yield { phase: 'parse', fraction: (0.05 + 0.95 * (to / Math.max(1, lines.length))) * PARSE_SHARE };
    }
    sections.push(sectionOf(planned));
    if (count > before && os === undefined) {
      os = planned.parser.os;
      format = planned.parser.id;
    }
  }
  routes.length = count;
  const first = sections[0];
  return {
    format: format ?? first?.format ?? PARSERS[0]?.id ?? 'unknown',
    os: os ?? first?.os ?? 'linux',
    routes,
    findings,
    sections,
    interfaces: [],
    rules: [],
  };
}

/** The first line at or after `at` where a route starts, or `end`. */
export function pieceEnd(lines: Lines, at: number, end: number): number {
  let i = Math.min(at, end);
  while (i < end && !startsRoute(lines.at(i) ?? '')) i++;
  return i;
}

export function sectionOf(planned: PlannedSection): Section {
  return {
    format: (planned.parser ?? ipRouteParser).id,
    os: (planned.parser ?? ipRouteParser).os,
    startLine: planned.promptLine ?? planned.start,
    endLine: Math.max(planned.start, planned.end - 1),
    confidence: planned.confidence,
    ...(planned.command ? { command: planned.command.command } : {}),
  };
}

/** The note `parseDocument` leaves for command output no parser reads. */
export function unknownFormat(lines: Lines, planned: PlannedSection): Finding {
  const at = planned.promptLine ?? planned.start;
  const command = planned.command?.command ?? '';
  const clipped = command.length > 60 ? `${command.slice(0, 59)}…` : command;
  return makeFinding('unknown-format', 'information',
    `Output of \`${clipped}\` is not a format Route Lens reads; its lines are skipped.`,
    spanOnLine(at, 0, (lines.at(at) ?? '').length));
}

/** Tables, then rules, in steps; the findings come out in the order `analyze` has always given. */
function* finishSteps(document: ParsedDocument, options: AnalyzeOptions): Generator<StepProgress, { analysis: Analysis; memo: Map<string, unknown> }> {
  const tunnels = createTunnelClassifier(options.tunnelInterfaces, interfaceDescriptions(document));
  const routes = document.routes;
  const building = buildTables(routes, document.os, STEP_ROUTES);
  let tables: RoutingTables;
  for (;;) {
    const next = building.next();
    if (next.done) {
      tables = next.value.withRules(document.rules);
      break;
    }
    yield { phase: 'tables', fraction: PARSE_SHARE + TABLES_SHARE * (next.value / Math.max(1, routes.length)) };
  }
  const context: RuleContext = { document, tables, tunnels, memo: new Map() };
  const disabled = new Set(options.disabledRules ?? []);
  const enabled = RULES.filter((rule) => !disabled.has(rule.code));
  const ruleShare = 1 - PARSE_SHARE - TABLES_SHARE;
  const progress = (done: number, of: number): StepProgress => ({ phase: 'rules', fraction: PARSE_SHARE + TABLES_SHARE + ruleShare * (done / Math.max(1, of)) });
  if (enabled.some((rule) => rule.code === SHADOWED_ROUTE || rule.code === SPLIT_TUNNEL_EXCEPTION)) {
    const shadows = new Map<number, Shadow>();
    for (let from = 0; from < routes.length; from += STEP_ROUTES) {
      for (let i = from; i < Math.min(routes.length, from + STEP_ROUTES); i++) {
        const route = routes[i] as Route;
        const shadow = shadowOf(context, route);
        if (shadow) shadows.set(route.id, shadow);
      }
      yield progress(from + STEP_ROUTES, 2 * routes.length);
    }
    context.memo.set(SHADOWS_MEMO_KEY, shadows);
    rememberShadows(tables, shadows);
  }
  const findings: Finding[] = document.findings.slice();
  for (const rule of enabled) {
    if (rule.code === SHADOWED_ROUTE) {
      for (const shadow of (context.memo.get(SHADOWS_MEMO_KEY) as Map<number, Shadow>).values()) findings.push(shadowFinding(shadow));
    } else if (rule.code === SPLIT_TUNNEL_EXCEPTION) {
      const shadowed = context.memo.get(SHADOWS_MEMO_KEY) as Map<number, Shadow>;
      for (let from = 0; from < routes.length; from += STEP_ROUTES) {
        for (let i = from; i < Math.min(routes.length, from + STEP_ROUTES); i++) {
          const found = splitTunnelFinding(context, routes[i] as Route, shadowed);
          if (found) findings.push(found);
        }
        yield progress(routes.length + from + STEP_ROUTES, 2 * routes.length);
      }
    } else {
      // A loop, not a spread: a million findings would overflow the call stack.
      for (const finding of rule.check(context)) findings.push(finding);
    }
  }
  findings.sort(byPosition);
  return { analysis: { document, tables, tunnels, findings }, memo: context.memo };
}

export function byPosition(a: Finding, b: Finding): number {
  return a.span.line - b.span.line || a.span.col - b.span.col;
}

function interfaceDescriptions(document: ParsedDocument): Map<string, string> {
  const map = new Map<string, string>();
  for (const info of document.interfaces) {
    if (info.description === undefined) continue;
    for (const name of [info.name, ...info.aliases]) map.set(name, info.description);
  }
  return map;
}

/** How much of a text the binary test reads. */
const BINARY_SAMPLE = 8192;

/** Binary files get one finding instead of one per line of garbage. */
function binaryFinding(sample: string): Finding | undefined {
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return binary();
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    if (c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1 ? binary() : undefined;
}

function binary(): Finding {
  return makeFinding('binary-file', 'error', 'This looks like a binary file, not a routing-table dump; nothing was analysed.',
    spanOnLine(0, 0, 0));
}
