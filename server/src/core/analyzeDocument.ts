import { type Analysis, type AnalyzeOptions, analyze } from './analyze';
import { detectConfigFamily, familyForLanguage } from './configs/registry';
import type { ConfigAnalysis, ConfigFamily, RelatedFiles } from './configs/types';
import type { TextLines } from './formats/textLines';
import type { Finding, Span } from './model';

/** A routing-table dump, analysed. */
export interface RouteTableDocument {
  readonly kind: 'routes';
  readonly format: string;
  readonly findings: readonly Finding[];
  readonly secrets: readonly Span[];
  readonly analysis: Analysis;
}

/** A VPN config, analysed; `secrets` marks text no output may show. */
export interface ConfigDocument {
  readonly kind: 'config';
  readonly format: string;
  readonly findings: readonly Finding[];
  readonly secrets: readonly Span[];
  readonly family: ConfigFamily;
  readonly config: ConfigAnalysis;
}

export type DocumentAnalysis = RouteTableDocument | ConfigDocument;

export interface DocumentOptions extends AnalyzeOptions {
  /** The editor's language id; without one (the CLI), the file name and content decide. */
  readonly languageId?: string;
  readonly fileName?: string;
  /** The machine's routing table, for configs: what connecting will do to it. */
  readonly dump?: Analysis;
  readonly dumpName?: string;
  /** Files a config names or sits beside, read by the caller. */
  readonly related?: RelatedFiles;
}

const ROUTE_TABLE_LANGUAGE = 'route-table';

/**
 * Analyses any document Route Lens reads: a routing-table dump or a VPN config. A text read in pieces
 * stays in them for a dump; a config is small and is read whole.
 */
export function analyzeDocument(text: string | TextLines, options: DocumentOptions = {}): DocumentAnalysis {
  const family = configFamilyOf(text, options);
  if (!family) {
    const analysis = analyze(text, options);
    return { kind: 'routes', format: analysis.document.format, findings: analysis.findings, secrets: [], analysis };
  }
  const config = family.analyze(typeof text === 'string' ? text : text.text, {
    ...(options.dump ? { dump: options.dump } : {}),
    ...(options.dumpName ? { dumpName: options.dumpName } : {}),
    ...(options.fileName ? { fileName: options.fileName } : {}),
    ...(options.related ? { related: options.related } : {}),
  });
  const disabled = new Set(options.disabledRules ?? []);
  const findings = disabled.size === 0 ? config.findings : config.findings.filter((f) => !disabled.has(f.code));
  return { kind: 'config', format: config.format, findings, secrets: config.secrets, family, config };
}

function configFamilyOf(text: string | TextLines, options: DocumentOptions): ConfigFamily | undefined {
  if (options.format !== undefined || options.languageId === ROUTE_TABLE_LANGUAGE) return undefined;
  if (options.languageId !== undefined) return familyForLanguage(options.languageId) ?? detectConfigFamily(text, options.fileName);
  return detectConfigFamily(text, options.fileName);
}

/** Replaces secret text on a line with `(hidden)`, for any output that quotes source lines. */
export function maskSecrets(line: string, lineNumber: number, secrets: readonly Span[]): string {
  let out = line;
  for (const s of secrets) {
    if (lineNumber < s.line || lineNumber > s.endLine) continue;
    const from = lineNumber === s.line ? s.col : 0;
    const to = lineNumber === s.endLine ? s.endCol : out.length;
    out = `${out.slice(0, from)}${'\u2022'.repeat(Math.max(0, Math.min(to, out.length) - from))}${out.slice(to)}`;
  }
  return out;
}
