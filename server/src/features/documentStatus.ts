import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import { formatLabel } from '../core/formats/formatNames';
import { DocumentCache } from '../documentCache';
import type { Logger } from '../logger';
import { DocumentStatusNotification, type DocumentStatusParams } from '../protocol';
import type { RouteLensSettings } from '../settings';

export function documentStatus(uri: string, analysis: Analysis): DocumentStatusParams {
  const format = analysis.document.format;
  return { uri, format, formatLabel: formatLabel(format), routes: analysis.document.routes.length, findings: analysis.findings.length };
}

/**
 * The document cache, telling the client about each new analysis with `routeLens/documentStatus`.
 * Every feature reads analyses through the cache, so hooking it here reports each one exactly once.
 */
export class StatusReportingCache extends DocumentCache {
  private readonly reported = new Map<string, Analysis>();

  constructor(
    private readonly connection: Connection,
    private readonly logger: Logger,
  ) {
    super();
  }

  override get(document: TextDocument, settings: RouteLensSettings): Analysis {
    const analysis = super.get(document, settings);
    if (this.reported.get(document.uri) !== analysis) {
      this.reported.set(document.uri, analysis);
      void this.connection.sendNotification(DocumentStatusNotification.type, documentStatus(document.uri, analysis))
        .catch((error: unknown) => this.logger.error(`Could not send the document status for ${document.uri}`, error));
    }
    return analysis;
  }

  override delete(uri: string): void {
    super.delete(uri);
    this.reported.delete(uri);
  }

  override clear(): void {
    super.clear();
    this.reported.clear();
  }
}
