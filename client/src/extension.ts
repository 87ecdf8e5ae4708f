import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { ROUTE_LENS_LANGUAGES } from './languages';
import { registerLanguageOffers } from './offerLanguage';

/** What dist/languageClient.js exports (client/src/languageClient.ts). */
interface ClientModule {
  start(context: vscode.ExtensionContext): Promise<void>;
  deactivate(): Thenable<void> | undefined;
}

let loading: Promise<ClientModule> | undefined;

/**
 * Plain-text files activate the extension too, to offer the right mode, so activation stays small: the
 * language client, the commands and the status bar are a bundle of their own (dist/languageClient.js),
 * loaded after activation when a document of ours is open or opens, or when a command runs first.
 */
export function activate(context: vscode.ExtensionContext): void {
  registerLanguageOffers(context);
  // Until the bundle is loaded, each command loads it and then runs as the bundle registered it.
  const standIns = Object.values(CommandIds).map((id) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    await load(context, standIns);
    return vscode.commands.executeCommand(id, ...args);
  }));
  context.subscriptions.push(...standIns);
  const isOurs = (document: vscode.TextDocument): boolean => ROUTE_LENS_LANGUAGES.includes(document.languageId);
  if (vscode.workspace.textDocuments.some(isOurs)) {
    void load(context, standIns);
    return;
  }
  const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
    if (!isOurs(document)) return;
    waiting.dispose();
    void load(context, standIns);
  });
  context.subscriptions.push(waiting);
}

export function deactivate(): Thenable<void> | undefined {
  return loading?.then((module) => module.deactivate());
}

/** Loads the client bundle once, in a task after activation; the stand-in commands give way to the real ones. */
function load(context: vscode.ExtensionContext, standIns: readonly vscode.Disposable[]): Promise<ClientModule> {
  loading ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    for (const standIn of standIns) standIn.dispose();
    // A path known only at run time, so the bundler leaves the client out of this bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(context.asAbsolutePath(path.join('dist', 'languageClient.js'))) as ClientModule;
    module.start(context).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`Route Lens: ${error instanceof Error ? error.message : String(error)}`);
    });
    return module;
  });
  return loading;
}
