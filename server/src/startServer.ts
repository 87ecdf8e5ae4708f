import {
  type ClientCapabilities,
  type Connection,
  DiagnosticTag,
  DidChangeConfigurationNotification,
  ErrorCodes,
  type InitializeParams,
  type InitializeResult,
  ResponseError,
  SymbolTag,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { version } from '../../package.json';
import { CODE_ACTION_KINDS, CodeActionsFeature, codeActionSupport } from './features/codeActions';
import { CodeLensFeature } from './features/codeLens';
import { CommandsFeature } from './features/commands';
import { type DiagnosticSupport, DiagnosticsFeature } from './features/diagnostics';
import { StatusReportingCache } from './features/documentStatus';
import { FoldingFeature } from './features/folding';
import { ConfigDocuments } from './configDocuments';
import { ConfigFeatures } from './features/configFeatures';
import { HoverFeature } from './features/hover';
import { simulateConnecting } from './features/simulate';
import { MachineDumps } from './machineDump';
import { type SymbolSupport, SymbolsFeature } from './features/symbols';
import { Logger } from './logger';
import { FixCommandIds } from './fixCommands';
import { EffectiveRoutesRequest, FORMAT_CHOICES, ResolveAddressRequest, SetFormatNotification, SimulateConnectingRequest } from './protocol';
import { SETTINGS_SECTION, SettingsCache } from './settings';
import { TextStore } from './textStore';

export const SERVER_NAME = 'route-lens';

/** One flag per client capability the server adapts to (lsp-sample style). */
interface ClientSupport {
  readonly configuration: boolean;
  readonly configurationChangeRegistration: boolean;
  readonly diagnostics: DiagnosticSupport;
  readonly symbols: SymbolSupport;
  readonly foldingRangeLimit: number | undefined;
  readonly codeLensRefresh: boolean;
}

/** Everything that needs the client's capabilities, built once at initialize. */
interface Features {
  readonly settings: SettingsCache;
  readonly diagnostics: DiagnosticsFeature;
  readonly hover: HoverFeature;
  readonly symbols: SymbolsFeature;
  readonly folding: FoldingFeature;
  readonly codeLens: CodeLensFeature;
  readonly commands: CommandsFeature;
  readonly configs: ConfigFeatures;
  readonly codeActions: CodeActionsFeature;
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
  const symbols = capabilities.textDocument?.documentSymbol;
  return {
    configuration: hasConfigurationCapability,
    configurationChangeRegistration: hasConfigurationCapability && hasDidChangeConfigurationRegistration,
    diagnostics: {
      mode: hasPullDiagnosticsCapability ? 'pull' : 'push',
      refresh: hasDiagnosticRefreshCapability,
      relatedInformation: hasRelatedInformationCapability,
      unnecessaryTag: hasDiagnosticTagCapability,
    },
    symbols: {
      hierarchical: !!symbols?.hierarchicalDocumentSymbolSupport,
      deprecatedTag: !!symbols?.tagSupport?.valueSet.includes(SymbolTag.Deprecated),
    },
    foldingRangeLimit: capabilities.textDocument?.foldingRange?.rangeLimit,
    codeLensRefresh: !!capabilities.workspace?.codeLens?.refreshSupport,
  };
}

/**
 * Composition root: wires settings, the document cache and the features to a connection.
 * It takes the connection as an argument so tests can run the whole server in-process.
 */
export function startServer(connection: Connection): void {
  // Documents are kept as chunks of lines: an edit of a million-line table copies one chunk, not the text.
  const documents = new TextDocuments(TextStore);
  const logger = new Logger(connection.console);
  const cache = new StatusReportingCache(connection, logger);
  // Configs are predicted against the machine's dump, read from the editor when it is open there.
  const dumps = new MachineDumps((uri) => {
    const open = documents.get(uri);
    return open ? { text: open.getText(), version: open.version } : undefined;
  });
  const configs = new ConfigDocuments(dumps);
  let features: Features | undefined;
  let support: ClientSupport | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    support = clientSupport(params.capabilities);
    const settings = new SettingsCache(connection, support.configuration, logger);
    features = {
      settings,
      diagnostics: new DiagnosticsFeature(connection, documents, cache, settings, logger, support.diagnostics),
      hover: new HoverFeature(documents, cache, settings, logger),
      symbols: new SymbolsFeature(documents, cache, settings, logger, support.symbols),
      folding: new FoldingFeature(documents, cache, settings, logger, support.foldingRangeLimit),
      codeLens: new CodeLensFeature(connection, documents, cache, settings, logger, support.codeLensRefresh),
      commands: new CommandsFeature(documents, cache, settings, logger),
      configs: new ConfigFeatures(documents, configs, settings, logger, support.symbols),
      codeActions: new CodeActionsFeature(connection, documents, cache, configs, settings, logger, codeActionSupport(params)),
    };
    const configFeatures = features.configs;
    features.diagnostics.useOtherFindings((document, settings) => configFeatures.findingsFor(document, settings));
    configFeatures.fileModes.onDidChange(() => features?.diagnostics.refreshAll());
    features.diagnostics.register();
    const result: InitializeResult = {
      serverInfo: { name: SERVER_NAME, version },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        executeCommandProvider: { commands: [FixCommandIds.applyExclusion] },
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
    if (!features) return;
    features.settings.changed(change.settings);
    cache.clear();
    configs.clear();
    updateLogLevel();
    features.diagnostics.refreshAll();
    features.codeLens.refreshAll();
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    features?.settings.delete(uri);
    cache.delete(uri);
    configs.delete(uri);
    features?.diagnostics.closed(uri);
  });

  // VPN configs have their own analysis; the route-table features answer only route tables.
  const isConfig = (uri: string): boolean => features?.configs.handles(uri) ?? false;
  connection.onHover((params, token) => (isConfig(params.textDocument.uri)
    ? features?.configs.hover(params, token) : features?.hover.hover(params, token)) ?? null);
  connection.onDocumentSymbol((params, token) => (isConfig(params.textDocument.uri)
    ? features?.configs.symbols(params, token) : features?.symbols.symbols(params, token)) ?? []);
  connection.onFoldingRanges((params, token) => (isConfig(params.textDocument.uri) ? [] : features?.folding.foldingRanges(params, token)) ?? []);
  connection.onCodeLens((params, token) => (isConfig(params.textDocument.uri) ? [] : features?.codeLens.codeLenses(params, token)) ?? []);
  connection.onCodeAction((params, token) => features?.codeActions.codeActions(params, token) ?? []);
  connection.onExecuteCommand((params) => features?.codeActions.executeCommand(params) ?? notInitialized());
  connection.onNotification(SetFormatNotification.type, (params) => {
    if (!features) return;
    const known = params.format !== null && FORMAT_CHOICES.some((f) => f.id === params.format);
    features.settings.setFormat(params.uri, known ? (params.format ?? undefined) : undefined);
    cache.delete(params.uri);
    features.diagnostics.refreshAll();
    features.codeLens.refreshAll();
  });
  connection.onRequest(ResolveAddressRequest.type, (params, token) => features?.commands.resolveAddress(params, token) ?? notInitialized());
  connection.onRequest(EffectiveRoutesRequest.type, (params, token) => features?.commands.effectiveRoutes(params, token) ?? notInitialized());
  connection.onRequest(SimulateConnectingRequest.type, (params, token) => (features ? simulateConnecting(params, token, documents, configs, features.settings, logger) : notInitialized()));

  connection.onShutdown(() => {
    features?.diagnostics.dispose();
  });

  function updateLogLevel(): void {
    void features?.settings.getGlobal()
      .then((global) => logger.setLevel(global.logLevel))
      .catch((error: unknown) => logger.error('Could not read routeLens.logLevel', error));
  }

  documents.listen(connection);
  connection.listen();
}

/** The protocol's answer to a request that arrives before `initialize`. */
function notInitialized(): ResponseError<void> {
  return new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized.');
}
