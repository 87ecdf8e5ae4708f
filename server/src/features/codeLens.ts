import {
  type CancellationToken,
  type CodeLens,
  type CodeLensParams,
  CodeLensRefreshRequest,
  type Connection,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { routeLenses } from '../core/explain/routeLens';
import type { DocumentCache } from '../documentCache';
import type { Logger } from '../logger';
import type { SettingsCache } from '../settings';
import { toRange } from './diagnostics';

/**
 * The command every lens carries. The lenses only inform, but VS Code draws a lens only when it has a
 * command, so the client registers this id as a command that does nothing.
 */
export const NOOP_COMMAND = 'routeLens.noop';

/** A line above each route: how many addresses it takes and where they go, or why it never wins. */
export class CodeLensFeature {
  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
    /** The client answers `workspace/codeLens/refresh`. */
    private readonly refreshSupport: boolean,
  ) {}

  /** Settings changed: the tunnel names, and with them every lens, may be different now. */
  refreshAll(): void {
    if (!this.refreshSupport) return;
    void this.connection.sendRequest(CodeLensRefreshRequest.type)
      .catch((error: unknown) => this.logger.error('Could not ask the client to refresh code lenses', error));
  }

  async codeLenses(params: CodeLensParams, token: CancellationToken): Promise<CodeLens[]> {
    const uri = params.textDocument.uri;
    try {
      if (!this.documents.get(uri)) return [];
      const settings = await this.settings.get(uri);
      const document = this.documents.get(uri);
      if (!document || token.isCancellationRequested) return [];
      const analysis = await this.cache.settled(document, settings, token);
      if (!analysis || token.isCancellationRequested) return [];
      const lenses = routeLenses(analysis);
      this.logger.debug(`Computed ${lenses.length} code lenses for ${uri} (version ${document.version})`);
      return lenses.map((lens) => ({ range: toRange(lens.span), command: { title: lens.title, command: NOOP_COMMAND } }));
    } catch (error) {
      this.logger.error(`Could not compute code lenses for ${uri}`, error);
      return [];
    }
  }
}
