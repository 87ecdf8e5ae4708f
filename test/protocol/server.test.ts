import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CancellationTokenSource,
  DiagnosticSeverity,
  DiagnosticTag,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MarkupContent,
  MarkupKind,
  ResponseError,
} from 'vscode-languageserver/node';
import { version } from '../../package.json';
import { L2TP_ROUTES, PULL_CLIENT, PUSH_CLIENT, TestClient, items, waitFor } from './helpers';

const URI = 'file:///work/l2tp.routes';
/** Debug logging on, so the test can check that even the chattiest level never quotes a document. */
const DEBUG = { logLevel: 'debug' };

function byCode(diagnostics: ReturnType<typeof items>, code: string) {
  return diagnostics.filter((d) => d.code === code);
}

describe('a pull-diagnostics client (VS Code)', () => {
  let client: TestClient;
  let capabilities: Awaited<ReturnType<typeof TestClient.start>>['result'];

  before(async () => {
    ({ client, result: capabilities } = await TestClient.start(PULL_CLIENT, DEBUG));
    await client.open(URI, L2TP_ROUTES);
  });
  after(() => client.dispose());

  test('initialize advertises pull diagnostics, hover and incremental sync', () => {
    assert.deepEqual(capabilities.serverInfo, { name: 'route-lens', version });
    assert.deepEqual(capabilities.capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
    assert.equal(capabilities.capabilities.hoverProvider, true);
    assert.equal(capabilities.capabilities.textDocumentSync, 2);
  });

  test('the DHCP default is shadowed by the tunnel default', async () => {
    const [shadowed, ...rest] = byCode(items(await client.pull(URI)), 'shadowed-route');
    assert.ok(shadowed, 'expected a shadowed-route diagnostic');
    assert.equal(rest.length, 0);
    assert.equal(shadowed.range.start.line, 1);
    assert.equal(shadowed.source, 'route-lens');
    assert.equal(shadowed.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(shadowed.tags, [DiagnosticTag.Unnecessary]);
    assert.equal(shadowed.relatedInformation?.[0]?.location.uri, URI);
    assert.equal(shadowed.relatedInformation?.[0]?.location.range.start.line, 0);
  });

  test('the VPN server host route is a split-tunnel exception', async () => {
    const [exception] = byCode(items(await client.pull(URI)), 'split-tunnel-exception');
    assert.ok(exception, 'expected a split-tunnel-exception diagnostic');
    assert.equal(exception.range.start.line, 3);
    assert.equal(exception.severity, DiagnosticSeverity.Information);
    const message = typeof exception.message === 'string' ? exception.message : exception.message.value;
    assert.match(message, /eth0/);
    assert.match(message, /192\.168\.101\.1\b/);
    assert.match(message, /VPN server/);
    assert.equal(exception.tags, undefined);
  });

  test('hover on the host route explains where it goes', async () => {
    const hover = await client.hover(URI, 3, 5);
    assert.ok(hover, 'expected a hover');
    const contents = hover.contents;
    assert.ok(MarkupContent.is(contents), 'expected MarkupContent');
    assert.equal(contents.kind, MarkupKind.Markdown);
    assert.match(contents.value, /eth0/);
    assert.match(contents.value, /192\.168\.101\.1\b/);
    assert.deepEqual(hover.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 12 } });
  });

  test('hover past the end of the document returns null', async () => {
    assert.equal(await client.hover(URI, 40, 0), null);
  });

  test('an unknown document gets an empty full report', async () => {
    assert.deepEqual(await client.pull('file:///never/opened.routes'), { kind: DocumentDiagnosticReportKind.Full, items: [] });
  });

  test('settings changes re-analyse after a refresh', async () => {
    const before = client.refreshes;
    client.settings = { ...DEBUG, tunnelInterfaces: ['eth*'] };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await waitFor(() => (client.refreshes > before ? true : undefined), 'workspace/diagnostic/refresh');
    const diagnostics = items(await client.pull(URI));
    // eth0 now counts as a tunnel, so the host route no longer escapes one.
    assert.equal(byCode(diagnostics, 'split-tunnel-exception').length, 0);
    assert.equal(byCode(diagnostics, 'shadowed-route').length, 1);

    client.settings = { ...DEBUG, disabledRules: ['shadowed-route'] };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await waitFor(() => (client.refreshes > before + 1 ? true : undefined), 'a second refresh');
    const codes = items(await client.pull(URI)).map((d) => d.code);
    assert.deepEqual(codes, ['split-tunnel-exception']);

    client.settings = DEBUG;
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await waitFor(() => (client.refreshes > before + 2 ? true : undefined), 'a third refresh');
  });

  test('an edit that removes the tunnel default is seen by the next pull', async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }],
    });
    const diagnostics = items(await client.pull(URI));
    assert.equal(byCode(diagnostics, 'shadowed-route').length, 0);
    // Without the ppp0 default there is no tunnel left to escape.
    assert.equal(byCode(diagnostics, 'split-tunnel-exception').length, 0);
  });

  test('a pull cancelled while the settings are on their way answers RequestCancelled', async () => {
    const uri = 'file:///work/cancelled.routes';
    let release = (): void => {};
    client.configurationGate = new Promise((resolve) => {
      release = resolve;
    });
    const asked = client.configurationRequests;
    await client.open(uri, L2TP_ROUTES);
    const source = new CancellationTokenSource();
    const pending = client.pull(uri, source.token);
    await waitFor(() => (client.configurationRequests > asked ? true : undefined), 'workspace/configuration');
    source.cancel();
    // Give the $/cancelRequest a round trip before the settings arrive.
    await client.hover('file:///never/opened.routes', 0, 0);
    client.configurationGate = undefined;
    release();
    await assert.rejects(pending, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
    assert.equal(items(await client.pull(uri)).length, 2);
  });

  test('garbage input yields diagnostics, not a crash', async () => {
    const junk = Array.from({ length: 200 }, (_, i) => `%%${i} via via dev /99 ${'\u00ff'.repeat(i % 7)} 999.1.1.1/40`).join('\n');
    const inputs: [string, string][] = [
      ['file:///junk/binary.routes', '\u0000\u0001binary'],
      ['file:///junk/long-line.routes', 'x'.repeat(10 * 1024 * 1024)],
      ['file:///junk/lines.routes', junk],
    ];
    for (const [uri, text] of inputs) {
      await client.open(uri, text);
      const diagnostics = items(await client.pull(uri));
      assert.ok(diagnostics.length > 0, `expected diagnostics for ${uri}`);
      await client.close(uri);
    }
    assert.equal(byCode(items(await client.pull('file:///junk/binary.routes')), 'binary-file').length, 0, 'closed documents report nothing');
    await client.open('file:///junk/binary.routes', '\u0000\u0001binary');
    assert.equal(byCode(items(await client.pull('file:///junk/binary.routes')), 'binary-file').length, 1);
    const hover = await client.hover('file:///work/cancelled.routes', 3, 5);
    assert.ok(hover, 'the server still answers after the garbage');
  });

  test('logs name documents but never quote them', () => {
    assert.ok(client.logs.some((line) => line.includes('file:///junk/lines.routes')), 'expected debug logs');
    assert.ok(!client.logs.some((line) => line.includes('192.168.101.23') || line.includes('xxxxxxxx')));
  });
});

describe('a push-only client (Neovim, Eglot)', () => {
  let client: TestClient;
  let capabilities: Awaited<ReturnType<typeof TestClient.start>>['result'];

  before(async () => {
    ({ client, result: capabilities } = await TestClient.start(PUSH_CLIENT));
  });
  after(() => client.dispose());

  test('initialize does not advertise pull diagnostics', () => {
    assert.equal(capabilities.capabilities.diagnosticProvider, undefined);
  });

  test('opening a document publishes its diagnostics', async () => {
    await client.open(URI, L2TP_ROUTES, 7);
    const published = await client.waitForPublished(URI, 7);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line]), [
      ['shadowed-route', 1],
      ['split-tunnel-exception', 3],
    ]);
    // This client did not announce tag support, so nothing is faded.
    assert.equal(published.diagnostics[0]?.tags, undefined);
    assert.equal(published.diagnostics[0]?.relatedInformation?.[0]?.location.range.start.line, 0);
  });

  test('quick edits publish once, for the last version', async () => {
    const count = client.published.length;
    for (const version of [8, 9, 10]) {
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version },
        contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '#' }],
      });
    }
    await client.waitForPublished(URI, 10);
    assert.deepEqual(client.published.slice(count).map((p) => p.version), [10]);
  });

  test('pushed settings apply to clients that cannot be asked', async () => {
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { routeLens: { disabledRules: ['split-tunnel-exception'] } },
    });
    const published = await waitFor(
      () => [...client.published].reverse().find((p) => p.uri === URI && p.diagnostics.length === 1),
      'diagnostics without the split-tunnel exception',
    );
    assert.equal(published.diagnostics[0]?.code, 'shadowed-route');
  });

  test('closing a document clears its diagnostics', async () => {
    const count = client.published.length;
    await client.close(URI);
    const cleared = await waitFor(() => client.published.slice(count).find((p) => p.uri === URI), 'cleared diagnostics');
    assert.deepEqual(cleared.diagnostics, []);
  });
});
