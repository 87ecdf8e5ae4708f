import type { Finding, InterfaceInfo, OsFamily, PolicyRule, Route } from '../model';
import type { PastedCommand } from './shellPrompt';

/** The lines of one section, as a parser sees them. */
export interface SectionInput {
  /** Every line of the document; a parser reads only `start` to `end` (exclusive). */
  readonly lines: readonly string[];
  readonly start: number;
  readonly end: number;
  /** The pasted command that opened the section. */
  readonly command?: PastedCommand;
}

/** Where a parser puts what it read; ids are document-wide. */
export interface ParseSink {
  nextRouteId(): number;
  route(route: Route): void;
  finding(finding: Finding): void;
  interface(info: InterfaceInfo): void;
  rule(rule: PolicyRule): void;
}

/** One format: how to recognise it and how to read it. */
export interface FormatParser {
  /** Stable id reported by the CLI and the status bar: `linux-ip-route`. */
  readonly id: string;
  /** A human name: `Linux ip route`. */
  readonly label: string;
  readonly os: OsFamily;
  /** True for output of a command this parser reads, e.g. `ip route show table all`. */
  claims(command: PastedCommand): boolean;
  /** True when the line alone opens a section of this format (a table header). */
  isHeader(line: string): boolean;
  /** Share (0 to 1) of the sample's meaningful lines that look like this format. */
  score(sample: readonly string[]): number;
  parse(input: SectionInput, sink: ParseSink): void;
}

/** The share of a sample's meaningful lines (not blank, not `#` comments) that `looksLike` accepts. */
export function shareOfLines(sample: readonly string[], looksLike: (trimmed: string, line: string) => boolean): number {
  let seen = 0;
  let hits = 0;
  for (const line of sample) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    seen++;
    if (looksLike(trimmed, line)) hits++;
  }
  return seen === 0 ? 0 : hits / seen;
}
