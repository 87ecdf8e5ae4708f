import {
  type CancellationToken,
  type FoldingRange,
  FoldingRangeKind,
  type FoldingRangeParams,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePromptLine } from '../core/formats/shellPrompt';
import type { Route } from '../core/model';
import type { DocumentCache } from '../documentCache';
import type { Logger } from '../logger';
import type { SettingsCache } from '../settings';
import { linesOf } from '../textStore';

/**
 * Folds multipath routes to their first line, each pasted `$ ip route ...` output up to the next
 * prompt, and runs of comment lines.
 */
export function foldingRanges(lines: readonly string[], routes: readonly Route[]): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const route of routes) {
    if (route.span.endLine > route.span.line) ranges.push({ startLine: route.span.line, endLine: route.span.endLine });
  }
  let section: number | undefined;
  let lastContent = -1;
  let comments: number | undefined;
  const closeSection = (): void => {
    if (section !== undefined && lastContent > section) ranges.push({ startLine: section, endLine: lastContent });
  };
  const closeComments = (end: number): void => {
    if (comments !== undefined && end > comments) ranges.push({ startLine: comments, endLine: end, kind: FoldingRangeKind.Comment });
    comments = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    // A prompt such as `# ip route` looks like a comment but starts a section, as the parser reads it.
    const prompt = trimmed !== '' && parsePromptLine(line) !== undefined;
    if (prompt || !trimmed.startsWith('#')) closeComments(i - 1);
    else comments ??= i;
    if (prompt) {
      closeSection();
      section = i;
    }
    if (trimmed !== '') lastContent = i;
  }
  closeComments(lines.length - 1);
  closeSection();
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

export class FoldingFeature {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
    /** The most ranges the client wants, when it says. */
    private readonly rangeLimit: number | undefined,
  ) {}

  async foldingRanges(params: FoldingRangeParams, token: CancellationToken): Promise<FoldingRange[]> {
    const uri = params.textDocument.uri;
    try {
      if (!this.documents.get(uri)) return [];
      const settings = await this.settings.get(uri);
      const document = this.documents.get(uri);
      if (!document || token.isCancellationRequested) return [];
      const analysis = await this.cache.settled(document, settings, token);
      if (!analysis || token.isCancellationRequested) return [];
      const ranges = foldingRanges(linesOf(document), analysis.document.routes);
      return this.rangeLimit === undefined ? ranges : ranges.slice(0, this.rangeLimit);
    } catch (error) {
      this.logger.error(`Could not compute folding ranges for ${uri}`, error);
      return [];
    }
  }
}
