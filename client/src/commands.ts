import { isIP } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EffectiveRoutesRequest, FORMAT_CHOICES, ResolveAddressRequest, type ResolveAddressResult, SetFormatNotification,
} from '../../server/src/protocol';
import { parseFlowText } from '../../server/src/core/policy/flow';
import { captureRoutingTable } from './capture';
import { CommandIds } from './commandIds';
import { MarkdownViews } from './markdownView';

const LANGUAGE_ID = 'route-table';

/** What the commands need from the extension; the client itself stays owned by extension.ts. */
export interface ServerControl {
  restart(): Promise<void>;
  /** The client when it is running, undefined while the server is starting or down. */
  running(): LanguageClient | undefined;
}

export function registerCommands(context: vscode.ExtensionContext, server: ServerControl): void {
  const views = new MarkdownViews();
  let lastAddress = '';
  context.subscriptions.push(
    views,
    vscode.commands.registerCommand(CommandIds.restartServer, () => server.restart()),
    vscode.commands.registerCommand(CommandIds.resolveAddress, async () => {
      const address = await resolveAddress(server, views, lastAddress);
      if (address) lastAddress = address;
    }),
    vscode.commands.registerCommand(CommandIds.showEffectiveRoutes, () => showEffectiveRoutes(server, views)),
    vscode.commands.registerCommand(CommandIds.captureRoutingTable, () => captureRoutingTable()),
    // CodeLens titles that only inform still need a command, and this one does nothing.
    vscode.commands.registerCommand(CommandIds.chooseFormat, () => chooseFormat(server)),
    vscode.commands.registerCommand(CommandIds.noop, () => undefined),
  );
}

/** Asks for an address, resolves it in the active route table and offers to show the route. Returns the address. */
async function resolveAddress(server: ServerControl, views: MarkdownViews, lastAddress: string): Promise<string | undefined> {
  const document = routeTableDocument();
  if (!document) return undefined;
  const address = await vscode.window.showInputBox({
    title: `Resolve Address in ${displayName(document)}`,
    prompt: 'The destination address to look up, as the kernel would for a packet sent to it; flow keys may follow, as in `ip route get`.',
    placeHolder: '8.8.8.8 or 2001:db8::1',
    value: addressUnderCursor() ?? lastAddress,
    validateInput: (value) => validateAddress(value),
  });
  if (address === undefined) return undefined;
  const trimmed = address.trim();
  // With `ip rule`s in the document the packet's other keys can change the answer, so they are asked for too.
  let flow = '';
  if (!/\s/.test(trimmed) && hasPolicyRules(document)) {
    const keys = await vscode.window.showInputBox({
      title: `Resolve ${trimmed}: flow (optional)`,
      prompt: 'The packet\'s other keys, as `ip route get` takes them; leave empty for a plain lookup.',
      placeHolder: 'from 10.0.0.2 mark 0xca6c uid 1000 iif eth0 ipproto tcp dport 443',
      validateInput: (value) => validateFlow(value),
    });
    if (keys === undefined) return undefined;
    flow = keys.trim();
  }
  const result = await request(server, (client, token) =>
    client.sendRequest(ResolveAddressRequest.type, {
      uri: client.code2ProtocolConverter.asUri(document.uri), address: trimmed, ...(flow ? { flow } : {}),
    }, token),
  );
  if (!result) return trimmed;
  if (result.invalid) {
    void vscode.window.showErrorMessage(`Route Lens: ${result.invalid}`);
    return trimmed;
  }
  void offerResult(document, result, views);
  return trimmed;
}

async function offerResult(document: vscode.TextDocument, result: ResolveAddressResult, views: MarkdownViews): Promise<void> {
  const showRoute = 'Show Route';
  const explain = 'Explain';
  const actions = result.range ? [showRoute, explain] : [explain];
  const show = result.error ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  // The toast already names Route Lens as its source, so the answer stands alone.
  const choice = await show(result.summary, ...actions);
  if (choice === showRoute && result.range) {
    const { start, end } = result.range;
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
  } else if (choice === explain) {
    await views.show(`Route to ${result.address} in ${displayName(document)}`, result.markdown);
  }
}

async function showEffectiveRoutes(server: ServerControl, views: MarkdownViews): Promise<void> {
  const document = routeTableDocument();
  if (!document) return;
  const result = await request(server, (client, token) =>
    client.sendRequest(EffectiveRoutesRequest.type, { uri: client.code2ProtocolConverter.asUri(document.uri) }, token),
  );
  if (result) await views.show(`Effective routes of ${displayName(document)}`, result.markdown);
}

/** Sends a request with a cancellable progress note; reports failures and returns undefined for them. */
async function request<R>(
  server: ServerControl,
  send: (client: LanguageClient, token: vscode.CancellationToken) => Promise<R>,
): Promise<R | undefined> {
  const client = server.running();
  if (!client) {
    const restart = 'Restart Server';
    const choice = await vscode.window.showErrorMessage('Route Lens: the language server is not running.', restart);
    if (choice === restart) await server.restart();
    return undefined;
  }
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Route Lens', cancellable: true },
      (_progress, token) => send(client, token),
    );
  } catch (error) {
    // A cancelled request rejects too, and the user already knows about that.
    if (!(error instanceof Error && /cancel/i.test(error.message))) {
      void vscode.window.showErrorMessage(`Route Lens: the request failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return undefined;
  }
}

/** The route table the user means: the active editor's, else the only visible one. */
function routeTableDocument(): vscode.TextDocument | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === LANGUAGE_ID) return active;
  const visible = vscode.window.visibleTextEditors.filter((editor) => editor.document.languageId === LANGUAGE_ID);
  if (visible.length === 1 && visible[0]) return visible[0].document;
  void vscode.window.showWarningMessage('Route Lens: open a routing table (a route-table document) first.');
  return undefined;
}

/** Validates syntax only, with a message that says what is expected; the server does the rest. */
function validateAddress(value: string): string | undefined {
  const [first = '', ...keys] = value.trim().split(/\s+/);
  const trimmed = first;
  if (!trimmed) return 'Enter an IPv4 or IPv6 address.';
  if (keys.length > 0 && isIP(trimmed)) return validateFlow(keys.join(' '));
  if (trimmed.includes('/')) return 'Enter one address, without a prefix length: the lookup is for a single destination.';
  return isIP(trimmed) ? undefined : `"${trimmed}" is not an IPv4 or IPv6 address.`;
}

/** Flow keys as `ip route get` takes them; undefined when they read. */
function validateFlow(value: string): string | undefined {
  const flow = parseFlowText(value);
  return typeof flow === 'string' ? flow : undefined;
}

/** Whether the document lists `ip rule` lines (`PRIORITY: [not] from ...`), which make the flow matter. */
function hasPolicyRules(document: vscode.TextDocument): boolean {
  return /^\s*\d{1,10}:\s+(?:not\s+)?from\s/m.test(document.getText()) || /"priority"\s*:/.test(document.getText());
}

/** Prefills the input with the address under the cursor, so resolving what you are looking at is one Enter. */
function addressUnderCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const selected = editor.document.getText(editor.selection).trim();
  if (selected && isIP(selected)) return selected;
  const word = editor.document.getWordRangeAtPosition(editor.selection.active, /[0-9A-Fa-f:.]+/);
  const text = word ? editor.document.getText(word) : '';
  return isIP(text) ? text : undefined;
}

function displayName(document: vscode.TextDocument): string {
  return document.isUntitled ? document.uri.path : path.basename(document.uri.fsPath);
}

/** Lets the user read the active document as another dump format than the one detected, or detect again. */
async function chooseFormat(server: ServerControl): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const client = server.running();
  if (!editor || editor.document.languageId !== 'route-table' || !client) {
    void vscode.window.showInformationMessage('Route Lens: open a routing-table dump to choose its format.');
    return;
  }
  const detect = { label: '$(search) Detect automatically', id: null as string | null };
  const picked = await vscode.window.showQuickPick(
    [detect, ...FORMAT_CHOICES.map((f) => ({ label: f.label, description: f.id, id: f.id as string | null }))],
    { title: 'Route Lens: read this document as', placeHolder: 'The format the whole document is read with' },
  );
  if (!picked) return;
  await client.sendNotification(SetFormatNotification.type, { uri: editor.document.uri.toString(), format: picked.id });
}
