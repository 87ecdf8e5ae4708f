import type { Analysis, AnalyzeOptions } from './analyze';
import { type AnalysisBase, type StepProgress, type StepResult, analysisSteps, pieceEnd } from './analysisSteps';
import { ipRouteParser, parseIpRouteLines, startsRoute } from './formats/ipRoute';
import { PARSERS } from './formats/registry';
import type { PlannedSection } from './formats/sections';
import { parsePromptLine } from './formats/shellPrompt';
import type { Lines, TextLines } from './formats/textLines';
import { splitLines } from './formats/tokens';
import { updatedFindings } from './incrementalFindings';
import type { Finding, Route } from './model';
import type { RuleContext } from './rules';

/** Bases whose line list a later version took over: analysing from them again means a full analysis. */
const SPENT = new WeakSet<AnalysisBase>();

/** Lines a section's parser samples to choose its format (sections.ts): edits past them keep the choice. */
const SAMPLE_LINES = 64;

/** The lines an edit replaced: old `[from, to)` became `lines` at the same place. */
interface LineEdit {
  readonly from: number;
  readonly to: number;
  readonly lines: readonly string[];
}

/** A new version described by the lines it changed since the version `previous` analysed. */
export interface LineChange {
  /** Old lines `[from, to)` became `lines`; every other line, and its line break, is the same. */
  readonly from: number;
  readonly to: number;
  readonly lines: readonly string[];
  /** The new version's text, kept as it is: a text that nothing reads is never copied. */
  readonly text: string;
}

/**
 * Analyses `text` starting from the analysis of an earlier version of it. When the edit keeps the line and
 * route counts and stays inside one `ip route` section, only the routes of the edited lines are read again,
 * the tries are updated along their paths, and findings are recomputed for the routes whose prefixes overlap
 * the changed ones. Anything else is analysed in full. Either way the result equals `analyze(text)`.
 * With `change`, the edited lines come from it instead of a comparison of the two texts, and `text` is
 * asked for only when the analysis has to start over.
 */
export function* incrementalSteps(previous: StepResult | undefined, text: string | (() => string), options: AnalyzeOptions = {},
  change?: LineChange): Generator<StepProgress, StepResult> {
  // No pause after reuse: the result must replace the previous analysis in the same step that spent it.
  const reused = previous && (change ? reanalysisOfLines(previous, change, options)
    : reanalysis(previous, typeof text === 'string' ? text : text(), options));
  if (reused) return reused;
  return yield* analysisSteps(typeof text === 'string' ? text : text(), options);
}

/**
 * The analysis of `text` built from `previous`, or undefined when the edit needs a full analysis.
 * It takes over `previous`'s line list, so each analysis can be the starting point of one edit only.
 */
export function reanalysis(previous: StepResult, text: string, options: AnalyzeOptions = {}): StepResult | undefined {
  const base = previous.base;
  if (!reusable(base, options)) return undefined;
  if (text === base.text) return previous;
  const edit = lineEdit(base, text);
  return edit && reanalysed(previous, edit, text);
}

/** As `reanalysis`, with the edited lines given: nothing compares or reads the two texts. */
export function reanalysisOfLines(previous: StepResult, change: LineChange, options: AnalyzeOptions = {}): StepResult | undefined {
  const base = previous.base;
  if (!reusable(base, options) || change.from > change.to || change.to > base.lines.length) return undefined;
  if (change.from === change.to && change.lines.length === 0) return previous;
  return reanalysed(previous, change, change.text);
}

function reusable(base: AnalysisBase, options: AnalyzeOptions): boolean {
  return base.plan !== undefined && !SPENT.has(base) && sameOptions(base.options, options);
}

/** The shared part of both: `edit` is checked against the plan, then applied to the previous analysis. */
function reanalysed(previous: StepResult, edit: LineEdit, text: string): StepResult | undefined {
  const base = previous.base;
  const plan = base.plan;
  if (!plan || edit.lines.length !== edit.to - edit.from) return undefined;
  const section = plan.find((s) => s.start <= edit.from && edit.to <= s.end);
  if (!section || section.parser !== ipRouteParser || !keepsPlan(base.lines, section, edit)) return undefined;
  // The new version takes over the line list instead of copying a million entries; the old base is spent.
  SPENT.add(base);
  const lines = base.lines;
  for (let i = 0; i < edit.lines.length; i++) lines.set(edit.from + i, edit.lines[i] as string);
  // Read again from the route that may reach into the edit to where the next untouched route starts.
  let start = edit.from - 1;
  while (start > section.start && !startsRoute(lines.at(start) ?? '')) start--;
  start = Math.max(start, section.start);
  const end = pieceEnd(lines, edit.to, section.end);
  const old = previous.analysis;
  const first = firstAtOrAfter(old.document.routes, start, (r) => r.span.line);
  const last = firstAtOrAfter(old.document.routes, end, (r) => r.span.line);
  const added: Route[] = [];
  const parsed: Finding[] = [];
  parseIpRouteLines(lines, start, end, section.command, {
    nextRouteId: () => first + added.length,
    route: (r) => added.push(r),
    finding: (f) => parsed.push(f),
    interface: () => undefined,
    rule: () => undefined,
  });
  // Route ids are indexes: a different count would renumber every later route.
  if (added.length !== last - first) return undefined;
  const removed = old.document.routes.slice(first, last);
  const routes = old.document.routes.slice();
  for (let i = 0; i < added.length; i++) routes[first + i] = added[i] as Route;
  const docFindings = spliced(old.document.findings, start, end, parsed);
  const document = { ...old.document, routes, findings: docFindings };
  const tables = old.tables.withChanges(routes, removed, added);
  const context: RuleContext = { document, tables, tunnels: old.tunnels, memo: new Map() };
  const findings = updatedFindings(previous, context, removed, added, start, end, parsed);
  const analysis: Analysis = { document, tables, tunnels: old.tunnels, findings };
  return { analysis, base: { text, lines, plan, options: base.options, memo: context.memo } };
}

function sameOptions(a: AnalyzeOptions, b: AnalyzeOptions): boolean {
  const same = (x: readonly string[] | undefined, y: readonly string[] | undefined): boolean =>
    (x ?? []).length === (y ?? []).length && (x ?? []).every((v, i) => v === (y ?? [])[i]);
  return a.format === b.format && same(a.tunnelInterfaces, b.tunnelInterfaces) && same(a.disabledRules, b.disabledRules);
}

/** The edit keeps every section boundary and the section's format choice. */
function keepsPlan(lines: Lines, section: PlannedSection, edit: LineEdit): boolean {
  const boundary = (line: string): boolean => parsePromptLine(line) !== undefined || PARSERS.some((p) => p.isHeader(line));
  for (let i = edit.from; i < edit.to; i++) if (boundary(lines.at(i) ?? '')) return false;
  if (edit.lines.some(boundary)) return false;
  // The section keeps content before the edit, so it is not dropped as empty.
  let content = false;
  let sampled = 0;
  let i = section.start;
  for (; i < edit.from; i++) {
    const t = (lines.at(i) ?? '').trim();
    if (t !== '' && !t.startsWith('#')) content = true;
    if (t !== '' && ++sampled === SAMPLE_LINES) break;
  }
  const claimed = section.command !== undefined && ipRouteParser.claims(section.command);
  return content && (claimed || sampled === SAMPLE_LINES);
}

/** The changed lines, found from the common start and end of the two texts. */
function lineEdit(base: AnalysisBase, text: string): LineEdit | undefined {
  const old = base.text;
  const head = commonPrefix(old, text);
  const tail = commonSuffix(old, text, Math.min(old.length, text.length) - head);
  const lines = base.lines;
  let offset = 0;
  let from = -1;
  let to = lines.length;
  let toOffset = old.length;
  for (let i = 0; i < lines.length; i++) {
    const lineEnd = offset + lines.lengthOf(i);
    const next = lineEnd + breakLength(old, lineEnd);
    // One line early: a lone CR before the edit may join the edit's first character as CRLF.
    if (from < 0 && head < next) from = Math.max(0, i - 1);
    if (old.length - tail < next || i === lines.length - 1) {
      to = i + 1;
      toOffset = next;
      break;
    }
    offset = next;
  }
  if (from < 0) return undefined;
  const fromOffset = lineStart(lines, old, from);
  const newEnd = toOffset - old.length + text.length;
  if (newEnd < fromOffset) return undefined;
  // A line break must not merge differently across either end of the edit.
  if (fromOffset > 0 && text.charCodeAt(fromOffset - 1) === 13 && text.charCodeAt(fromOffset) === 10) return undefined;
  if (newEnd > 0 && newEnd < text.length && text.charCodeAt(newEnd - 1) === 13 && text.charCodeAt(newEnd) === 10) return undefined;
  const segment = detach(text.slice(fromOffset, newEnd));
  const split = splitLines(segment);
  if (to < lines.length) split.pop();
  return { from, to, lines: split };
}

function lineStart(lines: TextLines, text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const end = offset + lines.lengthOf(i);
    offset = end + breakLength(text, end);
  }
  return offset;
}

function breakLength(text: string, at: number): number {
  if (at >= text.length) return 0;
  return text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? 2 : 1;
}

/** A copy that does not keep the whole new text alive through the lines cut from it. */
function detach(text: string): string {
  return ` ${text}`.slice(1);
}

const CHUNK = 1 << 16;

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  // Native comparison of slices is far faster than a character loop over megabytes.
  while (i + CHUNK <= max && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** Index of the first item whose key is at least `key`, in a list sorted by key. */
function firstAtOrAfter<T>(items: readonly T[], key: number, keyOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(items[mid] as T) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The document's findings with those on lines `[start, end)` replaced; they are in line order here. */
function spliced(findings: readonly Finding[], start: number, end: number, replacement: readonly Finding[]): Finding[] {
  const from = firstAtOrAfter(findings, start, (f) => f.span.line);
  const to = firstAtOrAfter(findings, end, (f) => f.span.line);
  return [...findings.slice(0, from), ...replacement, ...findings.slice(to)];
}
