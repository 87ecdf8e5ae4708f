import {
  type CancellationToken,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type SymbolInformation,
  SymbolKind,
  SymbolTag,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type OutlineKind, type OutlineSymbol, buildOutline } from '../core/explain/outline';
import type { DocumentCache } from '../documentCache';
import type { Logger } from '../logger';
import type { SettingsCache } from '../settings';
import { toRange } from './diagnostics';

/** What the client can show in its outline, decided once at initialize. */
export interface SymbolSupport {
  /** Nested DocumentSymbols; without it the client gets a flat SymbolInformation list. */
  readonly hierarchical: boolean;
  /** The client strikes through symbols tagged Deprecated: used for routes that are never selected. */
  readonly deprecatedTag: boolean;
}

const KINDS: Record<OutlineKind, SymbolKind> = {
  table: SymbolKind.Namespace,
  interface: SymbolKind.Interface,
  route: SymbolKind.Field,
  'special-route': SymbolKind.Constant,
};

/** The outline: tables, the interfaces their routes use, and the routes; the tree itself comes from the core. */
export class SymbolsFeature {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
    private readonly support: SymbolSupport,
  ) {}

  async symbols(params: DocumentSymbolParams, token: CancellationToken): Promise<DocumentSymbol[] | SymbolInformation[]> {
    const uri = params.textDocument.uri;
    try {
      if (!this.documents.get(uri)) return [];
      const settings = await this.settings.get(uri);
      const document = this.documents.get(uri);
      if (!document || token.isCancellationRequested) return [];
      // Waits for the stepped analysis of a large document instead of blocking every other request.
      const analysis = await this.cache.settled(document, settings, token);
      if (!analysis || token.isCancellationRequested) return [];
      const outline = buildOutline(analysis);
      return this.support.hierarchical ? outline.map((s) => this.toDocumentSymbol(s)) : this.flatten(uri, outline, undefined, []);
    } catch (error) {
      this.logger.error(`Could not compute the outline for ${uri}`, error);
      return [];
    }
  }

  private toDocumentSymbol(symbol: OutlineSymbol): DocumentSymbol {
    const result: DocumentSymbol = {
      name: symbol.name,
      detail: symbol.detail,
      kind: KINDS[symbol.kind],
      range: toRange(symbol.span),
      selectionRange: toRange(symbol.selectionSpan),
    };
    if (symbol.children.length > 0) result.children = symbol.children.map((c) => this.toDocumentSymbol(c));
    if (symbol.neverSelected && this.support.deprecatedTag) result.tags = [SymbolTag.Deprecated];
    return result;
  }

  /** Older clients take a flat list, each entry naming its parent. */
  private flatten(uri: string, symbols: readonly OutlineSymbol[], container: string | undefined, out: SymbolInformation[]): SymbolInformation[] {
    for (const symbol of symbols) {
      const info: SymbolInformation = { name: symbol.name, kind: KINDS[symbol.kind], location: { uri, range: toRange(symbol.span) } };
      if (container !== undefined) info.containerName = container;
      if (symbol.neverSelected && this.support.deprecatedTag) info.tags = [SymbolTag.Deprecated];
      out.push(info);
      this.flatten(uri, symbol.children, symbol.name, out);
    }
    return out;
  }
}
