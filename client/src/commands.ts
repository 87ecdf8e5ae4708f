import * as vscode from 'vscode';

/** Command ids, kept in one place so that code and manifest are easy to compare. */
export const CommandIds = {
  restartServer: 'routeLens.restartServer',
} as const;

/** What the commands need from the extension; the client itself stays private to extension.ts. */
export interface ServerControl {
  restart(): Promise<void>;
}

export function registerCommands(context: vscode.ExtensionContext, server: ServerControl): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.restartServer, () => server.restart()),
  );
}
