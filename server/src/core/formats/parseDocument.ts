import {
  type Finding, type InterfaceInfo, type OsFamily, type ParsedDocument, type PolicyRule, type Route, type Section,
  makeFinding, spanOnLine,
} from '../model';
import { PARSERS, parserById } from './registry';
import { planSections } from './sections';
import { splitLines } from './tokens';
import { joinWindowsInterfaces } from './windowsJoin';
import type { ParseSink } from './types';

export interface ParseOptions {
  /** A format id to use for the whole document instead of detecting one. */
  readonly format?: string;
}

/** Splits a document into sections, reads each with its format's parser and joins the results. */
export function parseDocument(text: string, options: ParseOptions = {}): ParsedDocument {
  const lines = splitLines(text);
  const routes: Route[] = [];
  const findings: Finding[] = [];
  const interfaces: InterfaceInfo[] = [];
  const rules: PolicyRule[] = [];
  const sink: ParseSink = {
    nextRouteId: () => routes.length,
    route: (r) => routes.push(r),
    finding: (f) => findings.push(f),
    interface: (i) => interfaces.push(i),
    rule: (r) => rules.push(r),
  };
  const forced = options.format ? parserById(options.format) : undefined;
  const sections: Section[] = [];
  let os: OsFamily | undefined;
  let format: string | undefined;
  for (const planned of planSections(lines, PARSERS, forced)) {
    if (!planned.parser) {
      const at = planned.promptLine ?? planned.start;
      findings.push(makeFinding('unknown-format', 'information',
        `Output of \`${clipCommand(planned.command?.command ?? '')}\` is not a format Route Lens reads; its lines are skipped.`,
        spanOnLine(at, 0, (lines[at] ?? '').length)));
      continue;
    }
    const before = routes.length;
    planned.parser.parse({ lines, start: planned.start, end: planned.end, ...(planned.command ? { command: planned.command } : {}) }, sink);
    sections.push({
      format: planned.parser.id,
      os: planned.parser.os,
      startLine: planned.promptLine ?? planned.start,
      endLine: Math.max(planned.start, planned.end - 1),
      confidence: planned.confidence,
      ...(planned.command ? { command: planned.command.command } : {}),
    });
    if (routes.length > before) {
      if (os === undefined) {
        os = planned.parser.os;
        format = planned.parser.id;
      } else if (os !== planned.parser.os) {
        const at = planned.promptLine ?? planned.start;
        findings.push(makeFinding('mixed-os', 'warning',
          `This section is a ${planned.parser.label} table, but the document's first table is from ${os}; routes are analysed with ${os} semantics.`,
          spanOnLine(at, 0, (lines[at] ?? '').length)));
      }
    }
  }
  const first = sections[0];
  // Windows names interfaces by address or index; ipconfig and the Interface List name the adapters.
  return joinWindowsInterfaces({
    format: format ?? first?.format ?? PARSERS[0]?.id ?? 'unknown',
    os: os ?? first?.os ?? 'linux',
    routes,
    findings,
    sections,
    interfaces,
    rules,
  });
}

function clipCommand(command: string): string {
  return command.length > 60 ? `${command.slice(0, 59)}…` : command;
}
