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
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity, Span } from '../core/model';
import type { DocumentCache } from '../documentCache';
import type { Logger } from '../logger';
import type { SettingsCache } from '../settings';

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
  if (finding.unnecessary && support.unnecessaryTag) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (support.relatedInformation && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: toRange(r.span) }, message: r.message }));
  }
  return diagnostic;
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

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
    private readonly support: DiagnosticSupport,
  ) {}

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
      const analysis = this.cache.get(document, settings);
      if (token.isCancellationRequested) return cancelled();
      const items = analysis.findings.map((finding) => toDiagnostic(finding, uri, this.support));
      this.logger.debug(`Pulled ${items.length} diagnostics for ${uri} (version ${document.version})`);
      return { kind: DocumentDiagnosticReportKind.Full, items };
    } catch (error) {
      // An empty report clears stale diagnostics instead of leaving the previous ones up.
      this.logger.error(`Could not compute diagnostics for ${uri}`, error);
      return emptyReport();
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
      diagnostics = this.cache.get(document, settings).findings.map((finding) => toDiagnostic(finding, uri, this.support));
    } catch (error) {
      this.logger.error(`Could not compute diagnostics for ${uri}`, error);
      diagnostics = [];
    }
    this.logger.debug(`Publishing ${diagnostics.length} diagnostics for ${uri} (version ${document.version})`);
    await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }
}
