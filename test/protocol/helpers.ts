import { Duplex } from 'node:stream';
import {
  type CancellationToken,
  type ClientCapabilities,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  type DocumentDiagnosticReport,
  DocumentDiagnosticRequest,
  type InitializeResult,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  ProposedFeatures,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  RegistrationRequest,
  createConnection,
  createProtocolConnection,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type Hover,
  HoverRequest,
  type CodeLens,
  CodeLensRequest,
  type DocumentSymbol,
  DocumentSymbolRequest,
  type FoldingRange,
  FoldingRangeRequest,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import {
  DocumentStatusNotification,
  type DocumentStatusParams,
  EffectiveRoutesRequest,
  type EffectiveRoutesResult,
  ResolveAddressRequest,
  type ResolveAddressResult,
} from '../../server/src/protocol';
import { startServer } from '../../server/src/startServer';

/** A loopback stream: what one side writes, the other side reads (vscode-languageserver-node's own tests). */
export class TestStream extends Duplex {
  override _write(chunk: unknown, _encoding: BufferEncoding, done: () => void): void {
    this.emit('data', chunk);
    done();
  }

  override _read(): void {}
}

export const LANGUAGE_ID = 'route-table';

/** The L2TP split-tunnel dump: a shadowed DHCP default and the VPN server's host route. */
export const L2TP_ROUTES = [
  'default dev ppp0 proto static scope link metric 50',
  'default via 192.168.101.1 dev eth0 proto dhcp src 192.168.101.23 metric 100',
  '192.168.101.0/24 dev eth0 proto kernel scope link src 192.168.101.23 metric 100',
  '203.0.113.77 via 192.168.101.1 dev eth0 proto static metric 100',
  '',
].join('\n');

/** Capabilities of a VS Code-like client: pull diagnostics, configuration, refresh, related info and tags. */
export const PULL_CLIENT: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false, relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
    publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
  },
};

/** Capabilities of an older Neovim or Eglot: push diagnostics only, no workspace/configuration. */
export const PUSH_CLIENT: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

/**
 * A real protocol client talking to the real server in the same process.
 * It records what the server sends and answers the server's own requests.
 */
export class TestClient {
  /** Every publishDiagnostics notification received, oldest first. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every window/logMessage text received. */
  readonly logs: string[] = [];
  /** Every routeLens/documentStatus notification received, oldest first. */
  readonly statuses: DocumentStatusParams[] = [];
  refreshes = 0;
  configurationRequests = 0;
  /** What the client answers to workspace/configuration for `routeLens`. */
  settings: unknown = {};
  /** When set, workspace/configuration answers wait for this promise. */
  configurationGate: Promise<void> | undefined;

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly serverConnection: { dispose(): void },
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    connection.onNotification(DocumentStatusNotification.type, (params) => {
      this.statuses.push(params);
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
    });
    connection.onRequest(ConfigurationRequest.type, async (params) => {
      this.configurationRequests++;
      if (this.configurationGate) await this.configurationGate;
      return params.items.map((item) => (item.section === 'routeLens' ? this.settings : null));
    });
    connection.listen();
  }

  /** Starts the server over loopback streams and initializes it with the given capabilities. */
  static async start(capabilities: ClientCapabilities, settings: unknown = {}): Promise<{ client: TestClient; result: InitializeResult }> {
    const up = new TestStream();
    const down = new TestStream();
    // The server reads `up` and writes `down`; the streams are never ended, because the server exits when its input closes.
    const serverConnection = createConnection(ProposedFeatures.all, up, down);
    startServer(serverConnection);
    const client = new TestClient(createProtocolConnection(down, up), serverConnection);
    client.settings = settings;
    // processId null keeps the server from watching (and exiting with) a parent process.
    const result = await client.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      capabilities,
      workspaceFolders: null,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return { client, result };
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: LANGUAGE_ID, version, text },
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  pull(uri: string, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, token);
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  symbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  }

  foldingRanges(uri: string): Promise<FoldingRange[] | null> {
    return this.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
  }

  codeLenses(uri: string): Promise<CodeLens[] | null> {
    return this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  }

  resolveAddress(uri: string, address: string, flow?: string): Promise<ResolveAddressResult> {
    return this.connection.sendRequest(ResolveAddressRequest.type, { uri, address, ...(flow !== undefined ? { flow } : {}) });
  }

  effectiveRoutes(uri: string): Promise<EffectiveRoutesResult> {
    return this.connection.sendRequest(EffectiveRoutesRequest.type, { uri });
  }

  /** Pushed diagnostics for a document version, once they arrive. */
  waitForPublished(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return waitFor(
      () => [...this.published].reverse().find((p) => p.uri === uri && (version === undefined || p.version === version)),
      `publishDiagnostics for ${uri}`,
    );
  }

  dispose(): void {
    this.connection.dispose();
    this.serverConnection.dispose();
  }
}

/** Polls until `probe` returns a value other than undefined; fails after `timeoutMs` instead of hanging. */
export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The diagnostics of a Full report; fails on an Unchanged one, which this server never sends. */
export function items(report: DocumentDiagnosticReport): NonNullable<Extract<DocumentDiagnosticReport, { items: unknown }>['items']> {
  if (report.kind !== 'full') throw new Error(`Expected a full report, got ${report.kind}`);
  return report.items;
}
