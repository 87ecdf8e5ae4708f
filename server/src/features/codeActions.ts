import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type ExecuteCommandParams,
  type InitializeParams,
  type TextDocuments,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../core/analyzeDocument';
import { type Fix, type TextEdit, excludeFromAllowedIps, fixesFor, refactorsAt } from '../core/fixes';
import type { Finding, Span } from '../core/model';
import { type ConfigDocuments, isConfigLanguage } from '../configDocuments';
import { type DocumentCache, STEPPED_TEXT_LENGTH } from '../documentCache';
import { type ExclusionResult, FixCommandIds } from '../fixCommands';
import type { Logger } from '../logger';
import type { RouteLensSettings, SettingsCache } from '../settings';
import { DIAGNOSTIC_SOURCE, toRange } from './diagnostics';

/** The kinds the server offers; a client that asks for others gets nothing. */
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite];

/** A selection over a whole large dump would otherwise ask for fixes to thousands of findings at once. */
const MAX_FINDINGS = 50;

/** What the client can do with code actions, decided once at initialize. */
export interface CodeActionSupport {
  /** Versioned `documentChanges`, so a stale edit is refused instead of misapplied. */
  readonly documentChanges: boolean;
  /** Client-side commands it declared in `initializationOptions.clientCommands`. */
  readonly clientCommands: ReadonlySet<string>;
}

/** Reads the client's capabilities and the client commands it declared at initialize. */
export function codeActionSupport(params: InitializeParams): CodeActionSupport {
  const options: unknown = params.initializationOptions;
  const declared = typeof options === 'object' && options !== null && 'clientCommands' in options && Array.isArray(options.clientCommands)
    ? options.clientCommands.filter((c): c is string => typeof c === 'string')
    : [];
  return { documentChanges: !!params.capabilities.workspace?.workspaceEdit?.documentChanges, clientCommands: new Set(declared) };
}

function overlaps(span: Span, first: number, firstCol: number, last: number, lastCol: number): boolean {
  const startsBefore = span.line < last || (span.line === last && span.col <= lastCol);
  const endsAfter = span.endLine > first || (span.endLine === first && span.endCol >= firstCol);
  return startsBefore && endsAfter;
}

function sameRange(d: Diagnostic, span: Span): boolean {
  return d.range.start.line === span.line && d.range.start.character === span.col && d.range.end.line === span.endLine && d.range.end.character === span.endCol;
}

/** Quick fixes for findings and refactors for WireGuard AllowedIPs; edits come from the core, never from here. */
export class CodeActionsFeature {
  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly configs: ConfigDocuments,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
    private readonly support: CodeActionSupport,
  ) {}

  async codeActions(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    try {
      const wanted = (kind: string): boolean => !params.context.only || params.context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
      if (!wanted(CodeActionKind.QuickFix) && !wanted(CodeActionKind.RefactorRewrite)) return [];
      const settings = await this.settings.get(uri);
      const document = this.documents.get(uri);
      if (!document || token.isCancellationRequested) return [];
      const analysis = this.analysis(document, settings);
      if (!analysis) return [];
      const text = document.getText();
      const { start, end } = params.range;
      const actions: CodeAction[] = [];
      if (wanted(CodeActionKind.QuickFix)) {
        let left = MAX_FINDINGS;
        for (const finding of analysis.findings) {
          if (left === 0) break;
          // The client's diagnostics name the findings it shows; a bare range still finds the ones under it.
          const listed = params.context.diagnostics.some((d) => d.code === finding.code && sameRange(d, finding.span));
          if (!listed && !overlaps(finding.span, start.line, start.character, end.line, end.character)) continue;
          left--;
          for (const fix of fixesFor(analysis, text, finding)) this.push(actions, document, fix, params.context.diagnostics);
        }
      }
      if (wanted(CodeActionKind.RefactorRewrite)) {
        for (const fix of refactorsAt(analysis, text, start.line, end.line)) this.push(actions, document, fix, []);
      }
      return actions;
    } catch (error) {
      // Never the text: configs hold secrets.
      this.logger.error(`Could not compute code actions for ${uri}`, error);
      return [];
    }
  }

  /** workspace/executeCommand: only the AllowedIPs exclusion runs on the server. */
  async executeCommand(params: ExecuteCommandParams): Promise<ExclusionResult> {
    if (params.command !== FixCommandIds.applyExclusion) return { applied: false, message: `Unknown command ${params.command}.` };
    const [uri, line, input] = params.arguments ?? [];
    if (typeof uri !== 'string' || typeof line !== 'number' || typeof input !== 'string') {
      return { applied: false, message: 'Expected the document, the AllowedIPs line and an address or prefix.' };
    }
    const document = this.documents.get(uri);
    if (!document || !isConfigLanguage(document.languageId)) return { applied: false, message: 'The WireGuard config is not open.' };
    const settings = await this.settings.get(uri);
    const current = this.documents.get(uri);
    if (!current) return { applied: false, message: 'The WireGuard config is not open.' };
    const result = excludeFromAllowedIps(this.configs.get(current, settings), current.getText(), line, input);
    if (typeof result === 'string') return { applied: false, message: result };
    const applied = await this.connection.workspace.applyEdit({ label: result.title, edit: this.workspaceEdit(current, result.edits) });
    return applied.applied ? { applied: true } : { applied: false, message: applied.failureReason ?? 'The editor did not apply the edit.' };
  }

  /** The document's analysis when it is ready; a large route table still being analysed offers nothing yet. */
  private analysis(document: TextDocument, settings: RouteLensSettings): DocumentAnalysis | undefined {
    if (isConfigLanguage(document.languageId)) return this.configs.get(document, settings);
    const ready = this.cache.peek(document, settings) ?? (document.getText().length < STEPPED_TEXT_LENGTH ? this.cache.get(document, settings) : undefined);
    return ready && { kind: 'routes', format: ready.document.format, findings: ready.findings, secrets: [], analysis: ready };
  }

  private push(actions: CodeAction[], document: TextDocument, fix: Fix, diagnostics: readonly Diagnostic[]): void {
    const action: CodeAction = { title: fix.title, kind: fix.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite };
    if (fix.finding) {
      const finding: Finding = fix.finding;
      const matched = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === finding.code && sameRange(d, finding.span));
      if (matched.length > 0) action.diagnostics = matched;
    }
    if (fix.preferred) action.isPreferred = true;
    if (fix.command) {
      const command = fix.command.id === 'showCommands' ? FixCommandIds.showCommands : FixCommandIds.excludeFromAllowedIps;
      if (!this.support.clientCommands.has(command)) return;
      const args = fix.command.id === 'showCommands' ? [fix.command.script] : [document.uri, fix.command.line];
      action.command = { title: fix.title, command, arguments: args };
    }
    if (fix.edits.length > 0) action.edit = this.workspaceEdit(document, fix.edits);
    actions.push(action);
  }

  private workspaceEdit(document: TextDocument, edits: readonly TextEdit[]): WorkspaceEdit {
    const lsp: LspTextEdit[] = edits.map((e) => ({ range: toRange(e.span), newText: e.newText }));
    if (this.support.documentChanges) {
      return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: lsp }] };
    }
    return { changes: { [document.uri]: lsp } };
  }
}
