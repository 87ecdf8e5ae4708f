import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ApplyWorkspaceEditRequest,
  type ApplyWorkspaceEditParams,
  type CodeAction,
  CodeActionRequest,
  type Command,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  InitializeRequest,
  InitializedNotification,
  ProposedFeatures,
  type ProtocolConnection,
  type Range,
  RegistrationRequest,
  type TextEdit,
  createConnection,
  createProtocolConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FixCommandIds } from '../../server/src/fixCommands';
import { startServer } from '../../server/src/startServer';
import { L2TP_ROUTES, PULL_CLIENT, TestStream, items } from './helpers';

const WG_URI = 'file:///tmp/route-lens-fixes/wg0.conf';
const ROUTES_URI = 'file:///tmp/route-lens-fixes/routes.txt';
const WG_TEXT = [
  '[Interface]',
  'PrivateKey = uFC/fqXskuy2KuhACHQpynrp7frBN/RU9ndy5ObzVmM=',
  'Address = 10.7.0.2/32',
  '',
  '[Peer]',
  'PublicKey = abGudJzKKWB4j0ng+dJZN0vyYTAj9BTmgq/E4J50bXY=',
  'AllowedIPs = 0.0.0.0/0',
  'Endpoint = 198.51.100.20:51820',
  '',
].join('\r\n');

/** A VS Code-like client that declares the fix commands and applies the edits the server sends. */
class Client {
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly texts = new Map<string, TextDocument>();

  constructor(readonly connection: ProtocolConnection, private readonly server: { dispose(): void }) {
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.applied.push(params);
      return { applied: true };
    });
    connection.listen();
  }

  static async start(): Promise<Client> {
    const up = new TestStream();
    const down = new TestStream();
    const server = createConnection(ProposedFeatures.all, up, down);
    startServer(server);
    const client = new Client(createProtocolConnection(down, up), server);
    const result = await client.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { ...PULL_CLIENT, workspace: { ...PULL_CLIENT.workspace, workspaceEdit: { documentChanges: true } } },
      initializationOptions: { clientCommands: [FixCommandIds.showCommands, FixCommandIds.excludeFromAllowedIps] },
    });
    assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.rewrite'], resolveProvider: false });
    assert.deepEqual(result.capabilities.executeCommandProvider?.commands, [FixCommandIds.applyExclusion]);
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Applies an edit as an editor does and tells the server, so later requests see the new text. */
  async apply(uri: string, edits: TextEdit[]): Promise<string> {
    const document = this.texts.get(uri);
    assert.ok(document);
    const text = TextDocument.applyEdits(document, edits);
    const next = TextDocument.create(uri, document.languageId, document.version + 1, text);
    this.texts.set(uri, next);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: [{ text }] });
    return text;
  }

  async actions(uri: string, range: Range): Promise<CodeAction[]> {
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const diagnostics = items(report).filter((d) => d.range.start.line <= range.end.line && d.range.end.line >= range.start.line);
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
    return (result ?? []).filter((a): a is CodeAction => !('command' in a && typeof a.command === 'string'));
  }

  async codes(uri: string): Promise<string[]> {
    return items(await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })).map((d) => String(d.code));
  }

  dispose(): void {
    this.connection.dispose();
    this.server.dispose();
  }
}

function editsOf(action: CodeAction): TextEdit[] {
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'edits' in change, `"${action.title}" has no versioned document edit`);
  return change.edits.map((e) => ('newText' in e ? e : assert.fail('annotated edits are not expected')));
}

const line = (n: number): Range => ({ start: { line: n, character: 0 }, end: { line: n, character: 0 } });

describe('code actions over the protocol', () => {
  let client: Client;
  before(async () => {
    client = await Client.start();
  });
  after(() => client.dispose());

  test('WireGuard: the ipv6-leak quick fix is tied to its diagnostic and, applied, clears it in a CRLF file', async () => {
    await client.open(WG_URI, 'wireguard', WG_TEXT);
    assert.deepEqual(await client.codes(WG_URI), ['ipv6-leak']);
    const actions = await client.actions(WG_URI, line(6));
    const add = actions.find((a) => a.title.startsWith('Add ::/0'));
    assert.ok(add, actions.map((a) => a.title).join(' | '));
    assert.equal(add.kind, 'quickfix');
    assert.equal(add.isPreferred, true);
    assert.equal(add.diagnostics?.[0]?.code, 'ipv6-leak');
    const refactors = actions.filter((a) => a.kind === 'refactor.rewrite').map((a) => a.title);
    assert.ok(refactors.includes('Exclude private ranges from AllowedIPs'));
    const text = await client.apply(WG_URI, editsOf(add));
    assert.ok(text.includes('AllowedIPs = 0.0.0.0/0, ::/0\r\n'));
    assert.deepEqual(await client.codes(WG_URI), []);
  });

  test('WireGuard: the exclusion command asks the client, and the server sends the edit', async () => {
    const actions = await client.actions(WG_URI, line(6));
    const ask = actions.find((a) => a.command?.command === FixCommandIds.excludeFromAllowedIps);
    assert.ok(ask);
    assert.deepEqual(ask.command?.arguments, [WG_URI, 6]);
    // What the client command does after its input box.
    const result: unknown = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: FixCommandIds.applyExclusion, arguments: [WG_URI, 6, '8.0.0.0/7'] });
    assert.deepEqual(result, { applied: true });
    const sent = client.applied.at(-1);
    assert.ok(sent);
    const change = sent.edit.documentChanges?.[0];
    assert.ok(change && 'edits' in change);
    const text = await client.apply(WG_URI, change.edits.map((e) => ('newText' in e ? e : assert.fail())));
    assert.match(text, /^AllowedIPs = 0\.0\.0\.0\/5, 10\.0\.0\.0\/7, 12\.0\.0\.0\/6, 16\.0\.0\.0\/4, 32\.0\.0\.0\/3, 64\.0\.0\.0\/2, 128\.0\.0\.0\/1, ::\/0\r$/m);
    const refused: unknown = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: FixCommandIds.applyExclusion, arguments: [WG_URI, 6, 'not-an-address'] });
    assert.deepEqual(refused, { applied: false, message: '"not-an-address" is not an IPv4 or IPv6 address or prefix.' });
  });

  test('route dump: remove the shadowed route, and the ip route commands go to the client command', async () => {
    await client.open(ROUTES_URI, 'route-table', L2TP_ROUTES);
    const actions = await client.actions(ROUTES_URI, line(1));
    const show = actions.find((a) => a.command?.command === FixCommandIds.showCommands);
    assert.ok(show, actions.map((a) => a.title).join(' | '));
    const script = String((show.command as Command).arguments?.[0]);
    assert.match(script, /^ip route del default via 192\.168\.101\.1 dev eth0 proto dhcp metric 100$/m);
    const remove = actions.find((a) => a.title === 'Remove this shadowed route');
    assert.ok(remove);
    const text = await client.apply(ROUTES_URI, editsOf(remove));
    assert.ok(!text.includes('proto dhcp'));
    assert.ok(!(await client.codes(ROUTES_URI)).includes('shadowed-route'));
  });

  test('a kind the server does not offer gets nothing', async () => {
    const result = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: ROUTES_URI }, range: line(0), context: { diagnostics: [], only: ['source.organizeImports'] },
    });
    assert.deepEqual(result, []);
  });
});
