import { type CancellationToken, type Hover, type HoverParams, MarkupKind, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core/explain/hover';
import type { DocumentCache } from '../documentCache';
import type { Logger } from '../logger';
import type { SettingsCache } from '../settings';
import { toRange } from './diagnostics';

/** Markdown for the address, prefix or route under the cursor; the text itself comes from the core. */
export class HoverFeature {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
  ) {}

  async hover(params: HoverParams, token: CancellationToken): Promise<Hover | null> {
    const uri = params.textDocument.uri;
    try {
      if (!this.documents.get(uri)) return null;
      const settings = await this.settings.get(uri);
      const document = this.documents.get(uri);
      if (!document || token.isCancellationRequested) return null;
      const analysis = this.cache.get(document, settings);
      const found = hoverAt(analysis, document.getText(), params.position.line, params.position.character);
      if (!found) return null;
      return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: toRange(found.span) };
    } catch (error) {
      this.logger.error(`Could not compute the hover for ${uri}`, error);
      return null;
    }
  }
}
