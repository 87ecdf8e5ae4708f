import * as path from 'node:path';
import * as vscode from 'vscode';
import { SimulateConnectingRequest, type SimulateConnectingResult } from '../../server/src/protocol';
import { CommandIds } from './commandIds';
import type { ServerControl } from './commands';
import { ROUTE_LENS_LANGUAGES } from './languages';

/** Predicted tables live under their own scheme: a content provider's documents are read-only by construction. */
export const SIMULATED_SCHEME = 'route-lens-simulated';

/** Languages whose files bring a VPN up; secrets files have nothing to simulate. */
export const SIMULATED_LANGUAGES: readonly string[] = ROUTE_LENS_LANGUAGES.filter((l) => l !== 'route-table' && l !== 'ppp-secrets');

/** Edits of a config refresh its open simulated table once typing pauses this long. */
const REFRESH_DELAY_MS = 400;

/**
 * "Route Lens: Simulate Connecting": the routing table a VPN config predicts once it is up, opened beside it
 * as a `route-table` document, so Route Lens analyses and hovers it like any dump.
 */
export function registerSimulate(context: vscode.ExtensionContext, server: ServerControl): void {
  const tables = new SimulatedTables();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  context.subscriptions.push(
    tables,
    vscode.commands.registerCommand(CommandIds.simulateConnecting, (uri?: vscode.Uri) => simulate(server, tables, uri)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      const source = event.document.uri.toString();
      if (!tables.showing(source)) return;
      clearTimeout(pending.get(source));
      pending.set(source, setTimeout(() => {
        pending.delete(source);
        void refresh(server, tables, event.document);
      }, REFRESH_DELAY_MS));
    }),
    { dispose: () => pending.forEach((timer) => clearTimeout(timer)) },
    // One lens on the first line of a config: the command where the config is.
    vscode.languages.registerCodeLensProvider(SIMULATED_LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]), {
      provideCodeLenses: (document) => [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: 'Simulate Connecting', command: CommandIds.simulateConnecting, arguments: [document.uri],
        tooltip: 'Open the routing table predicted once this VPN is up',
      })],
    }),
  );
}

async function simulate(server: ServerControl, tables: SimulatedTables, uri: vscode.Uri | undefined): Promise<void> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || !SIMULATED_LANGUAGES.includes(document.languageId)) {
    void vscode.window.showWarningMessage('Route Lens: open a VPN config (WireGuard, OpenVPN, strongSwan, xl2tpd, pppd or NetworkManager) to simulate connecting.');
    return;
  }
  const result = await ask(server, document);
  if (!result) return;
  if (result.text === null) {
    void vscode.window.showInformationMessage(`Route Lens: ${result.reason ?? 'there is no table to predict.'}`);
    return;
  }
  const target = tables.put(document.uri, result.text);
  const shown = await vscode.workspace.openTextDocument(target);
  const table = shown.languageId === 'route-table' ? shown : await vscode.languages.setTextDocumentLanguage(shown, 'route-table');
  await vscode.window.showTextDocument(table, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  if (result.dumpName === null) {
    void vscode.window.showInformationMessage('Route Lens: no dump of this machine is known, so only the VPN\'s own routes are shown. Name one with a `# route-lens: dump=FILE` comment or the routeLens.machineDump setting.');
  }
}

async function refresh(server: ServerControl, tables: SimulatedTables, document: vscode.TextDocument): Promise<void> {
  const result = await ask(server, document, true);
  if (result?.text) tables.put(document.uri, result.text);
}

async function ask(server: ServerControl, document: vscode.TextDocument, quiet = false): Promise<SimulateConnectingResult | undefined> {
  const client = server.running();
  if (!client) {
    if (!quiet) void vscode.window.showErrorMessage('Route Lens: the language server is not running.');
    return undefined;
  }
  try {
    return await client.sendRequest(SimulateConnectingRequest.type, { uri: client.code2ProtocolConverter.asUri(document.uri) });
  } catch (error) {
    if (!quiet) void vscode.window.showErrorMessage(`Route Lens: could not simulate connecting: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The predicted tables by their virtual uri, one per config. */
class SimulatedTables implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  /** Config uri → the uri of its simulated table. */
  private readonly targets = new Map<string, vscode.Uri>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(SIMULATED_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '# This prediction is no longer available: run "Route Lens: Simulate Connecting" again.\n';
  }

  /** Stores the text for the config's table and returns its uri; the `.routes` ending makes it a route table. */
  put(source: vscode.Uri, text: string): vscode.Uri {
    const key = source.toString();
    const name = path.posix.basename(source.path) || 'config';
    const target = this.targets.get(key) ?? vscode.Uri.from({ scheme: SIMULATED_SCHEME, path: `/${name} connected.routes`, query: key });
    this.targets.set(key, target);
    this.contents.set(target.toString(), text);
    this.changed.fire(target);
    return target;
  }

  /** Whether the config's simulated table is open in the editor. */
  showing(source: string): boolean {
    const target = this.targets.get(source);
    return target !== undefined && vscode.workspace.textDocuments.some((d) => d.uri.toString() === target.toString());
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.contents.clear();
  }
}
