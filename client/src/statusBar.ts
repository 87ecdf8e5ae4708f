import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import { type DocumentStatusParams, DocumentStatusNotification } from '../../server/src/protocol';

const LANGUAGE_ID = 'route-table';

/**
 * Shows the detected format and route count of the active route table; hidden for every other editor.
 * The server sends a status after each analysis, so the item never asks for one.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly statuses = new Map<string, DocumentStatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private clientSubscriptions: vscode.Disposable[] = [];
  private serverStopped = false;

  constructor(
    private readonly commands: { readonly chooseFormat: string; readonly restartServer: string },
  ) {
    this.item = vscode.window.createStatusBarItem('routeLens.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Route Lens';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((document) => this.statuses.delete(document.uri.toString())),
      // A language change (say, from plain text) shows or hides the item without an editor change.
      vscode.workspace.onDidOpenTextDocument(() => this.update()),
    );
    this.update();
  }

  /** Follows a new client; statuses from an earlier server are dropped, since the new one sends fresh ones. */
  attach(client: LanguageClient): void {
    for (const subscription of this.clientSubscriptions) subscription.dispose();
    this.statuses.clear();
    this.serverStopped = false;
    this.clientSubscriptions = [
      client.onNotification(DocumentStatusNotification.type, (status) => {
        this.statuses.set(status.uri, status);
        this.update();
      }),
      client.onDidChangeState((event) => {
        this.serverStopped = event.newState === State.Stopped;
        this.update();
      }),
    ];
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId !== LANGUAGE_ID) {
      this.item.hide();
      return;
    }
    if (this.serverStopped) {
      this.item.text = '$(debug-disconnect) Route Lens';
      this.item.tooltip = 'The Route Lens language server is not running. Click to restart it.';
      this.item.command = this.commands.restartServer;
      this.item.show();
      return;
    }
    const status = this.statuses.get(document.uri.toString());
    this.item.command = this.commands.chooseFormat;
    if (!status) {
      this.item.text = '$(loading~spin) Route Lens';
      this.item.tooltip = 'Route Lens is reading this routing table.';
    } else {
      this.item.text = `$(list-tree) ${status.formatLabel} · ${plural(status.routes, 'route')}`;
      this.item.tooltip = `Route Lens: ${plural(status.findings, 'finding')} in this ${status.formatLabel} table. Click to choose another format.`;
    }
    this.item.show();
  }

  dispose(): void {
    for (const subscription of [...this.clientSubscriptions, ...this.subscriptions]) subscription.dispose();
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
