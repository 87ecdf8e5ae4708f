import { analyzeDocument, maskSecrets } from '../core/analyzeDocument';
import { type FindingPolicy, reviewFindings } from '../core/findingPolicy';
import type { TextLines } from '../core/formats/textLines';
import type { Finding, Severity, Span } from '../core/model';
import { withKeyFileMode } from '../fileMode';
import { configTextOf, machineDumpOf, relatedFilesOf } from './configFiles';

/** One checked file, as every output format needs it. */
export interface CheckedFile {
  /** The path as written on the command line, or joined below a directory named there. */
  readonly path: string;
  readonly format: string;
  /** Routes read, for route-table dumps; configs have none. */
  readonly routeCount: number | undefined;
  readonly findings: readonly Finding[];
  /** Per finding, the text of the lines it covers with blanks collapsed: what fingerprints hash. */
  readonly sources: readonly string[];
}

export interface CheckOptions {
  readonly tunnelInterfaces: readonly string[];
  /** A format id that overrides detection. */
  readonly inputFormat?: string;
  /** Severities per code (`--severity`); suppression comments in the file always apply. */
  readonly policy?: FindingPolicy;
}

const SOURCE_LIMIT = 2000;

/** `fileMode`: the file's permission bits, for the warning about secrets that other users can read. */
export function checkText(path: string, source: TextLines, options: CheckOptions, fileMode?: number): CheckedFile {
  const text = configTextOf(path, source, options);
  // A config's pppoptfile and sibling profiles are read as the editor reads them.
  const related = text === undefined ? undefined : relatedFilesOf(path, text, options);
  // A config is checked against the machine's dump the editor would use, so dump-based findings match it.
  const dump = text === undefined ? undefined : machineDumpOf(path, text, options);
  const doc = analyzeDocument(text ?? source, {
    tunnelInterfaces: options.tunnelInterfaces,
    fileName: path,
    ...(options.inputFormat ? { format: options.inputFormat } : {}),
    ...(related ? { related } : {}),
    ...(dump ? { dump: dump.analysis, dumpName: dump.name } : {}),
  });
  const raw = doc.kind === 'config' ? withKeyFileMode(doc.findings, source.text, doc, fileMode, path) : doc.findings;
  const findings = reviewFindings(text ?? source, doc.format, raw, options.policy ?? {}, doc.kind === 'routes' ? doc.analysis.document.sections : []);
  // Fingerprints hash source lines; secrets are masked first so not even a hash of one leaves.
  const sources = findings.map((f) => sourceOf(source, f.span, doc.secrets));
  return {
    path,
    format: doc.format,
    routeCount: doc.kind === 'routes' ? doc.analysis.document.routes.length : undefined,
    findings,
    sources,
  };
}

function sourceOf(lines: TextLines, span: Span, secrets: readonly Span[]): string {
  const parts: string[] = [];
  let size = 0;
  for (let n = span.line; n <= span.endLine && size < SOURCE_LIMIT; n++) {
    const text = lines.at(n) ?? '';
    const line = secrets.length > 0 ? maskSecrets(text, n, secrets) : text;
    const part = line.slice(0, SOURCE_LIMIT).trim().replace(/\s+/g, ' ');
    parts.push(part);
    size += part.length;
  }
  return parts.join('\n').slice(0, SOURCE_LIMIT);
}

/** 1-based positions with an exclusive end column, as compilers and SARIF count. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function position(span: Span): Position {
  return { line: span.line + 1, column: span.col + 1, endLine: span.endLine + 1, endColumn: span.endCol + 1 };
}

export type Counts = Record<Severity, number>;

export function emptyCounts(): Counts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

export function addCounts(counts: Counts, findings: readonly Finding[]): void {
  for (const f of findings) counts[f.severity]++;
}
