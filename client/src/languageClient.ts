import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { CommandIds } from './commandIds';
import { registerCommands } from './commands';
import { RestartingErrorHandler } from './errorHandler';
import { registerFixCommands } from './fixCommands';
import { ROUTE_LENS_LANGUAGES } from './languages';
import { SIMULATED_SCHEME, registerSimulate } from './simulate';
import { StatusBar } from './statusBar';
import { CLIENT_FIX_COMMANDS } from '../../server/src/fixCommands';

// Module state, because deactivate() gets no arguments.
let client: LanguageClient | undefined;
let statusBar: StatusBar | undefined;

/**
 * The commands, the status bar and the language client, loaded by extension.ts from their own bundle when a
 * document of ours opens or a command runs. Resolves once the server has started, or when a document of
 * ours opens and it starts.
 */
export async function start(context: vscode.ExtensionContext): Promise<void> {
  // One channel for every client, so a restart does not add another "Route Lens" entry to the Output view.
  const output = vscode.window.createOutputChannel('Route Lens', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  statusBar = new StatusBar(CommandIds);
  context.subscriptions.push(statusBar);
  const server = {
    restart: () => restartServer(serverModule, output),
    running: () => (client?.isRunning() ? client : undefined),
  };
  registerCommands(context, server);
  registerFixCommands(context);
  registerSimulate(context, server);
  // A command can load this before any document of ours is open; the server starts only when one is.
  if (vscode.workspace.textDocuments.some(isRouteLensDocument)) {
    await startServer(serverModule, output);
    return;
  }
  const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
    if (!isRouteLensDocument(document) || client) return;
    waiting.dispose();
    void startServer(serverModule, output);
  });
  context.subscriptions.push(waiting);
}

export function isRouteLensDocument(document: vscode.TextDocument): boolean {
  return ROUTE_LENS_LANGUAGES.includes(document.languageId);
}

export function deactivate(): Thenable<void> | undefined {
  // Stopping a client that never got running throws, and there is nothing to stop then.
  return client?.isRunning() ? client.stop() : undefined;
}

function createClient(serverModule: string, output: vscode.LogOutputChannel): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    // A fixed port lets an "Attach to Server" launch configuration find the server.
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const errorHandler = new RestartingErrorHandler(output, CommandIds.restartServer);
  const clientOptions: LanguageClientOptions = {
    // Untitled documents matter: most route tables arrive by pasting into a new editor.
    documentSelector: ROUTE_LENS_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]).concat({ scheme: SIMULATED_SCHEME, language: 'route-table' }),
    synchronize: { configurationSection: 'routeLens' },
    outputChannel: output,
    initializationOptions: { clientCommands: CLIENT_FIX_COMMANDS },
    errorHandler,
    initializationFailedHandler: (error) => errorHandler.initializationFailed(error),
  };
  const languageClient = new LanguageClient('routeLens', 'Route Lens', serverOptions, clientOptions);
  statusBar?.attach(languageClient);
  return languageClient;
}

async function startServer(serverModule: string, output: vscode.LogOutputChannel): Promise<void> {
  client = createClient(serverModule, output);
  try {
    await client.start();
  } catch (error) {
    // VS Code shows nothing when activation fails, so say it here.
    void vscode.window.showErrorMessage(`Route Lens: the language server did not start: ${describe(error)}`);
  }
}

async function restartServer(serverModule: string, output: vscode.LogOutputChannel): Promise<void> {
  if (client?.isRunning()) {
    try {
      await client.restart();
    } catch (error) {
      void vscode.window.showErrorMessage(`Route Lens: the language server did not restart: ${describe(error)}`);
    }
    return;
  }
  // A client whose start failed cannot be restarted in place, so replace it.
  const failed = client;
  client = undefined;
  await failed?.dispose().catch(() => undefined);
  await startServer(serverModule, output);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
