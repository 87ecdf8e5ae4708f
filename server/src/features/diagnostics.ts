import {
  type CancellationToken,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  type DiagnosticServerCancellationData,
  DiagnosticTag,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  type Range,
  ResponseError,
  type TextDocuments,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import { type SeverityLevel, reviewFindings } from '../core/findingPolicy';
import type { Finding, Severity, Span } from '../core/model';
import { KEYWORD as SUPPRESSION_KEYWORD } from '../core/suppressions';
import { type DocumentCache, STEPPED_TEXT_LENGTH } from '../documentCache';
import type { Logger } from '../logger';
import { ruleDocUrl } from '../ruleDocs';
import { mentions } from '../textStore';
import type { RouteLensSettings, SettingsCache } from '../settings';

export const DIAGNOSTIC_SOURCE = 'route-lens';

/** Pushed diagnostics wait this long after the last edit, so typing does not re-analyse every keystroke. */
export const PUSH_DELAY_MS = 150;

/** What the client can render, decided once at initialize. */
export interface DiagnosticSupport {
  /** `pull`: the client asks with `textDocument/diagnostic`; `push`: the server sends `publishDiagnostics`. */
  readonly mode: 'pull' | 'push';
  /** The client answers `workspace/diagnostic/refresh`. */
  readonly refresh: boolean;
  readonly relatedInformation: boolean;
  readonly unnecessaryTag: boolean;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Core spans already use LSP coordinates (0-based lines, UTF-16 columns, exclusive end). */
export function toRange(span: Span): Range {
  return { start: { line: span.line, character: span.col }, end: { line: span.endLine, character: span.endCol } };
}

export function toDiagnostic(finding: Finding, uri: string, support: DiagnosticSupport): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(finding.span),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    message: finding.message,
  };
  const href = ruleDocUrl(finding.code);
  if (href) diagnostic.codeDescription = { href };
  if (finding.unnecessary && support.unnecessaryTag) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (support.relatedInformation && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: toRange(r.span) }, message: r.message }));
  }
  return diagnostic;
}

/** The code of the one diagnostic that stands for the findings past `routeLens.maxDiagnostics`. */
export const TOO_MANY_FINDINGS = 'too-many-findings';

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * At most `max` diagnostics, the most severe first and each severity from the top of the document, plus one
 * summary at line 0 saying how many more there are (at `summary` severity, none when `off`). The rest are left
 * out before any conversion.
 */
export function cappedDiagnostics(findings: readonly Finding[], uri: string, support: DiagnosticSupport, max: number,
  summary: SeverityLevel = 'information'): Diagnostic[] {
  if (findings.length <= max) return findings.map((finding) => toDiagnostic(finding, uri, support));
  const counts = new Map<Severity, number>();
  for (const finding of findings) counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  // Whole severities fit until one does not; of that one, the first findings in the document are taken.
  const quota = new Map<Severity, number>();
  let room = max;
  for (const severity of SEVERITY_ORDER) {
    const take = Math.min(room, counts.get(severity) ?? 0);
    quota.set(severity, take);
    room -= take;
  }
  const items: Diagnostic[] = [];
  for (const finding of findings) {
    const left = quota.get(finding.severity) ?? 0;
    if (left === 0) continue;
    quota.set(finding.severity, left - 1);
    items.push(toDiagnostic(finding, uri, support));
  }
  const hidden = SEVERITY_ORDER
    .map((severity) => [severity, (counts.get(severity) ?? 0) - countOf(items, SEVERITY[severity])] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n.toLocaleString('en-US')} ${severity}${severity === 'information' || n === 1 ? '' : 's'}`);
  if (summary === 'off') return items;
  const href = ruleDocUrl(TOO_MANY_FINDINGS);
  items.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: SEVERITY[summary],
    source: DIAGNOSTIC_SOURCE,
    code: TOO_MANY_FINDINGS,
    ...(href ? { codeDescription: { href } } : {}),
    message: `${(findings.length - max).toLocaleString('en-US')} more findings are not listed (${hidden.join(', ')}): `
      + `the Problems panel shows ${max.toLocaleString('en-US')} of ${findings.length.toLocaleString('en-US')}, the most severe first. `
      + 'Raise routeLens.maxDiagnostics to list more.',
  });
  return items;
}

/** Diagnostics for findings the user's settings have already been applied to. */
function listed(findings: readonly Finding[], uri: string, support: DiagnosticSupport, settings: RouteLensSettings): Diagnostic[] {
  return cappedDiagnostics(findings, uri, support, settings.maxDiagnostics, settings.severity[TOO_MANY_FINDINGS] ?? 'information');
}

function countOf(items: readonly Diagnostic[], severity: DiagnosticSeverity): number {
  let n = 0;
  for (const item of items) if (item.severity === severity) n++;
  return n;
}

function emptyReport(): DocumentDiagnosticReport {
  return { kind: DocumentDiagnosticReportKind.Full, items: [] };
}

function cancelled(): ResponseError<DiagnosticServerCancellationData> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The diagnostic request was cancelled.', { retriggerRequest: true });
}

/**
 * Turns findings into diagnostics for both delivery models. Pull serves VS Code, which asks again after
 * every change and cancels stale requests; push serves clients such as older Neovim and Eglot.
 */
export class DiagnosticsFeature {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Each analysis's findings after suppression comments and severity settings, for the settings they were made with. */
  private readonly reviewed = new WeakMap<Analysis, { readonly settings: RouteLensSettings; readonly findings: readonly Finding[] }>();
  /** Findings of documents that are not route tables (VPN configs); undefined for route tables. */
  private otherFindings: (document: TextDocument, settings: RouteLensSettings) => readonly Finding[] | undefined = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
    private readonly support: DiagnosticSupport,
  ) {}

  /** VPN configs have their own analysis; route tables keep the stepped, cached one. */
  useOtherFindings(source: (document: TextDocument, settings: RouteLensSettings) => readonly Finding[] | undefined): void {
    this.otherFindings = source;
  }

  register(): void {
    if (this.support.mode === 'pull') {
      this.connection.languages.diagnostics.on((params, token) => this.pull(params, token));
      return;
    }
    this.documents.onDidOpen((event) => this.schedule(event.document.uri));
    this.documents.onDidChangeContent((event) => this.schedule(event.document.uri));
  }

  /** Called when a document closes: drops its pending push and clears what was pushed. */
  closed(uri: string): void {
    this.cancelPending(uri);
    if (this.support.mode === 'push') {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] })
        .catch((error: unknown) => this.logger.error(`Could not clear diagnostics for ${uri}`, error));
    }
  }

  /** Settings changed: every open document may have different findings now. */
  refreshAll(): void {
    if (this.support.mode === 'push') {
      for (const document of this.documents.all()) this.schedule(document.uri);
    } else if (this.support.refresh) {
      void this.connection.languages.diagnostics.refresh()
        .catch((error: unknown) => this.logger.error('Could not ask the client to refresh diagnostics', error));
    }
  }

  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.cancelPending(uri);
  }

  async pull(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
    const uri = params.textDocument.uri;
    try {
      if (!this.documents.get(uri)) return emptyReport();
      const settings = await this.settings.get(uri);
      if (token.isCancellationRequested) return cancelled();
      // The document may have closed while the settings were on their way.
      const document = this.documents.get(uri);
      if (!document) return emptyReport();
      const other = this.otherFindings(document, settings);
      if (other) return { kind: DocumentDiagnosticReportKind.Full, items: listed(other, uri, this.support, settings) };
      const stepped = await this.analysed(document, settings, token);
      if (!stepped || token.isCancellationRequested) return cancelled();
      // Through get(), so the cache reports the analysis like every other feature's.
      const analysis = this.cache.get(document, settings);
      const items = listed(this.review(analysis, document, settings), uri, this.support, settings);
      this.logger.debug(`Pulled ${items.length} diagnostics for ${uri} (version ${document.version})`);
      return { kind: DocumentDiagnosticReportKind.Full, items };
    } catch (error) {
      // An empty report clears stale diagnostics instead of leaving the previous ones up.
      this.logger.error(`Could not compute diagnostics for ${uri}`, error);
      return emptyReport();
    }
  }

  /** A route table's findings as the user sees them: suppression comments and severity settings applied. */
  private review(analysis: Analysis, document: TextDocument, settings: RouteLensSettings): readonly Finding[] {
    const done = this.reviewed.get(analysis);
    if (done?.settings === settings) return done.findings;
    // Without a suppression comment the text is not needed: reading a million lines whole costs more than an edit.
    const text = mentions(document, SUPPRESSION_KEYWORD) ? document.getText() : '';
    const findings = reviewFindings(text, analysis.document.format, analysis.findings,
      { severity: settings.severity, disabled: settings.disabledRules }, analysis.document.sections);
    this.reviewed.set(analysis, { settings, findings });
    return findings;
  }

  /** The analysis in steps, with a progress bar while it runs when the client can show one. */
  private async analysed(document: TextDocument, settings: RouteLensSettings, token: CancellationToken | undefined): Promise<Analysis | undefined> {
    const ready = this.cache.peek(document, settings);
    if (ready || document.getText().length < STEPPED_TEXT_LENGTH) return ready ?? this.cache.get(document, settings);
    let reporter: WorkDoneProgressServerReporter | undefined;
    let creating: Promise<WorkDoneProgressServerReporter | undefined> | undefined;
    let last = -1;
    // The bar appears only once the work takes more than one step: an edit re-analysed at once shows none.
    const onProgress = (fraction: number): void => {
      creating ??= this.connection.window.createWorkDoneProgress().then((created) => {
        reporter = created;
        created.begin('Route Lens', 0, 'Analysing the routing table', false);
        return created;
      }, (error: unknown) => {
        this.logger.debug(`No progress bar: ${String(error)}`);
        return undefined;
      });
      const percent = Math.floor(fraction * 100);
      if (percent === last) return;
      last = percent;
      reporter?.report(percent);
    };
    try {
      return await this.cache.analysis(document, settings, token, onProgress);
    } finally {
      void creating?.then((created) => created?.done());
    }
  }

  private schedule(uri: string): void {
    this.cancelPending(uri);
    this.pending.set(uri, setTimeout(() => {
      this.pending.delete(uri);
      void this.push(uri).catch((error: unknown) => this.logger.error(`Could not publish diagnostics for ${uri}`, error));
    }, PUSH_DELAY_MS));
  }

  private cancelPending(uri: string): void {
    const timer = this.pending.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.pending.delete(uri);
  }

  private async push(uri: string): Promise<void> {
    if (!this.documents.get(uri)) return;
    const settings = await this.settings.get(uri);
    const document = this.documents.get(uri);
    if (!document) return;
    let diagnostics: Diagnostic[];
    try {
      const other = this.otherFindings(document, settings);
      if (other) {
        diagnostics = listed(other, uri, this.support, settings);
      } else {
        // A newer version replaced this one while it was analysed: its own push follows.
        if (!(await this.analysed(document, settings, undefined))) return;
        diagnostics = listed(this.review(this.cache.get(document, settings), document, settings), uri, this.support, settings);
      }
    } catch (error) {
      this.logger.error(`Could not compute diagnostics for ${uri}`, error);
      diagnostics = [];
    }
    this.logger.debug(`Publishing ${diagnostics.length} diagnostics for ${uri} (version ${document.version})`);
    await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }
}
