import {
  type CancellationToken,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type Hover,
  type HoverParams,
  MarkupKind,
  type SymbolInformation,
  SymbolKind,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigSymbol } from '../core/configs/types';
import { reviewFindings } from '../core/findingPolicy';
import type { Finding } from '../core/model';
import { type ConfigDocuments, isConfigLanguage } from '../configDocuments';
import { DocumentFileModes } from '../fileMode';
import type { Logger } from '../logger';
import type { RouteLensSettings, SettingsCache } from '../settings';
import { toRange } from './diagnostics';
import type { SymbolSupport } from './symbols';

const KINDS: Record<ConfigSymbol['kind'], SymbolKind> = {
  section: SymbolKind.Module,
  peer: SymbolKind.Interface,
  connection: SymbolKind.Class,
  key: SymbolKind.Property,
  route: SymbolKind.Field,
};

/** Diagnostics, hover and outline for VPN configs; the core's config families do the analysis. */
export class ConfigFeatures {
  /** Findings after suppression comments and severity settings, per list of raw findings. */
  private readonly reviewed = new WeakMap<readonly Finding[], readonly Finding[]>();
  /** File modes of open configs, for the warning about secrets that other users can read. */
  readonly fileModes: DocumentFileModes;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly configs: ConfigDocuments,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
    private readonly symbolSupport: SymbolSupport,
  ) {
    this.fileModes = new DocumentFileModes(documents);
  }

  handles(uri: string): boolean {
    const document = this.documents.get(uri);
    return document !== undefined && isConfigLanguage(document.languageId);
  }

  /**
   * The findings of a config document as the user sees them (suppression comments and `routeLens.severity`
   * applied), or undefined for other documents; secrets never appear in them.
   */
  findingsFor(document: TextDocument, settings: RouteLensSettings): readonly Finding[] | undefined {
    if (!isConfigLanguage(document.languageId)) return undefined;
    const analysed = this.configs.get(document, settings);
    // The file-mode warning is added before review, so suppression comments and severities apply to it too.
    const raw = this.fileModes.findings(document, analysed, settings);
    let findings = this.reviewed.get(raw);
    if (!findings) {
      findings = reviewFindings(document.getText(), analysed.format, raw, { severity: settings.severity });
      this.reviewed.set(raw, findings);
    }
    return findings;
  }

  async hover(params: HoverParams, token: CancellationToken): Promise<Hover | null> {
    try {
      const document = this.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await this.settings.get(document.uri);
      if (token.isCancellationRequested) return null;
      const line = params.position.line;
      const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
      const hover = this.configs.get(document, settings).config.hoverAt(lineText, line, params.position.character);
      return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toRange(hover.span) } : null;
    } catch (error) {
      // Never the document text or a value from it: a config may hold secrets.
      this.logger.error(`Could not compute a config hover for ${params.textDocument.uri}`, error);
      return null;
    }
  }

  async symbols(params: DocumentSymbolParams, token: CancellationToken): Promise<DocumentSymbol[] | SymbolInformation[]> {
    try {
      const document = this.documents.get(params.textDocument.uri);
      if (!document) return [];
      const settings = await this.settings.get(document.uri);
      if (token.isCancellationRequested) return [];
      const symbols = this.configs.get(document, settings).config.symbols;
      if (this.symbolSupport.hierarchical) return symbols.map(toDocumentSymbol);
      const flat: SymbolInformation[] = [];
      const walk = (list: readonly ConfigSymbol[], container: string | undefined): void => {
        for (const s of list) {
          flat.push({ name: s.name, kind: KINDS[s.kind], location: { uri: document.uri, range: toRange(s.span) }, ...(container ? { containerName: container } : {}) });
          walk(s.children, s.name);
        }
      };
      walk(symbols, undefined);
      return flat;
    } catch (error) {
      this.logger.error(`Could not compute the config outline for ${params.textDocument.uri}`, error);
      return [];
    }
  }
}

function toDocumentSymbol(symbol: ConfigSymbol): DocumentSymbol {
  return {
    name: symbol.name === '' ? '(unnamed)' : symbol.name,
    ...(symbol.detail ? { detail: symbol.detail } : {}),
    kind: KINDS[symbol.kind],
    range: toRange(symbol.span),
    selectionRange: toRange(symbol.selectionSpan),
    children: symbol.children.map(toDocumentSymbol),
  };
}
