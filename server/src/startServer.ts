import {
  type ClientCapabilities,
  type Connection,
  DiagnosticTag,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../package.json';
import { DocumentCache } from './documentCache';
import { type DiagnosticSupport, DiagnosticsFeature } from './features/diagnostics';
import { HoverFeature } from './features/hover';
import { Logger } from './logger';
import { SETTINGS_SECTION, SettingsCache } from './settings';

export const SERVER_NAME = 'route-lens';

/** One flag per client capability the server adapts to (lsp-sample style). */
interface ClientSupport {
  readonly configuration: boolean;
  readonly configurationChangeRegistration: boolean;
  readonly diagnostics: DiagnosticSupport;
}

function clientSupport(capabilities: ClientCapabilities): ClientSupport {
  const hasConfigurationCapability = !!capabilities.workspace?.configuration;
  const hasDidChangeConfigurationRegistration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  const hasPullDiagnosticsCapability = !!capabilities.textDocument?.diagnostic;
  const hasDiagnosticRefreshCapability = !!capabilities.workspace?.diagnostics?.refreshSupport;
  // Each delivery model has its own flags; a pull client that leaves them out is judged by its push flags.
  const pull = capabilities.textDocument?.diagnostic;
  const publish = capabilities.textDocument?.publishDiagnostics;
  const channel = hasPullDiagnosticsCapability ? pull : publish;
  const hasRelatedInformationCapability = !!(channel?.relatedInformation ?? publish?.relatedInformation);
  const tags = channel?.tagSupport?.valueSet ?? publish?.tagSupport?.valueSet ?? [];
  const hasDiagnosticTagCapability = tags.includes(DiagnosticTag.Unnecessary);
  return {
    configuration: hasConfigurationCapability,
    configurationChangeRegistration: hasConfigurationCapability && hasDidChangeConfigurationRegistration,
    diagnostics: {
      mode: hasPullDiagnosticsCapability ? 'pull' : 'push',
      refresh: hasDiagnosticRefreshCapability,
      relatedInformation: hasRelatedInformationCapability,
      unnecessaryTag: hasDiagnosticTagCapability,
    },
  };
}

/**
 * Composition root: wires settings, the document cache and the features to a connection.
 * It takes the connection as an argument so tests can run the whole server in-process.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache();
  const logger = new Logger(connection.console);
  let settings: SettingsCache | undefined;
  let diagnostics: DiagnosticsFeature | undefined;
  let hover: HoverFeature | undefined;
  let support: ClientSupport | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    support = clientSupport(params.capabilities);
    settings = new SettingsCache(connection, support.configuration, logger);
    diagnostics = new DiagnosticsFeature(connection, documents, cache, settings, logger, support.diagnostics);
    hover = new HoverFeature(documents, cache, settings, logger);
    diagnostics.register();
    const result: InitializeResult = {
      serverInfo: { name: SERVER_NAME, version },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
      },
    };
    if (support.diagnostics.mode === 'pull') {
      result.capabilities.diagnosticProvider = { interFileDependencies: false, workspaceDiagnostics: false };
    }
    return result;
  });

  connection.onInitialized(() => {
    if (support?.configurationChangeRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch((error: unknown) => logger.error('Could not register for configuration changes', error));
    }
    updateLogLevel();
    logger.info(`Route Lens ${version} started (${support?.diagnostics.mode ?? 'push'} diagnostics).`);
  });

  connection.onDidChangeConfiguration((change) => {
    if (!settings || !diagnostics) return;
    settings.changed(change.settings);
    cache.clear();
    updateLogLevel();
    diagnostics.refreshAll();
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    settings?.delete(uri);
    cache.delete(uri);
    diagnostics?.closed(uri);
  });

  connection.onHover((params, token) => hover?.hover(params, token) ?? null);

  connection.onShutdown(() => {
    diagnostics?.dispose();
  });

  function updateLogLevel(): void {
    void settings?.getGlobal()
      .then((global) => logger.setLevel(global.logLevel))
      .catch((error: unknown) => logger.error('Could not read routeLens.logLevel', error));
  }

  documents.listen(connection);
  connection.listen();
}
