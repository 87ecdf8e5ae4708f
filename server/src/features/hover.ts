import { type CancellationToken, type Hover, type HoverParams, MarkupKind, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import { hoverAt } from '../core/explain/hover';
import { type DocumentCache, STEPPED_TEXT_LENGTH } from '../documentCache';
import type { Logger } from '../logger';
import type { RouteLensSettings, SettingsCache } from '../settings';
import { textLength } from '../textStore';
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
      const analysis = this.ready(document, settings);
      if (!analysis) return this.pending(document, settings);
      const { line, character } = params.position;
      const found = hoverAt(analysis, lineText(document, line), line, character);
      if (!found) return null;
      return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: toRange(found.span) };
    } catch (error) {
      this.logger.error(`Could not compute the hover for ${uri}`, error);
      return null;
    }
  }

  /** The analysis if it is ready or quick to make; a large one in progress is not waited for. */
  private ready(document: TextDocument, settings: RouteLensSettings): Analysis | undefined {
    const cached = this.cache.peek(document, settings);
    if (cached || textLength(document) >= STEPPED_TEXT_LENGTH) return cached;
    return this.cache.get(document, settings);
  }

  /** Answers at once while a large document is analysed, and makes sure the analysis is under way. */
  private pending(document: TextDocument, settings: RouteLensSettings): Hover {
    const progress = this.cache.progress(document, settings);
    void this.cache.analysis(document, settings)
      .catch((error: unknown) => this.logger.error(`Could not analyse ${document.uri}`, error));
    const done = progress === undefined ? '' : ` (${Math.floor(progress * 100)}% done)`;
    return { contents: { kind: MarkupKind.Markdown, value: `Route Lens is still analysing this document${done}; hover again in a moment.` } };
  }
}

/** One line's text, without its line break; the document's line index makes this independent of its size. */
function lineText(document: TextDocument, line: number): string {
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$|\r$/, '');
}
